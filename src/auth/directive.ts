/**
 * Access control, enforced in one place: every field's resolver is wrapped to check the viewer's role before it
 * runs. The role a field needs comes from `@auth(requires:)` on the field, else on its type, else VIEWER (fields
 * of Mutation default to RESEARCHER), so a field without an annotation is never open to a request without a role.
 */
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver, GraphQLError, type GraphQLFieldConfig, type GraphQLSchema } from 'graphql';

import type { AccessRole } from '../config.js';
import type { Context } from '../context.js';
import { ErrorCode } from '../errors.js';
import { fieldRole } from './field-roles.js';
import { hasRole, type Viewer } from './viewer.js';

/** Returns the schema with every object field guarded by the role it needs. */
export function applyAuthDirective(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig, fieldName, typeName): GraphQLFieldConfig<unknown, Context> => {
      const role = fieldRole(schema, schema.getType(typeName)!, fieldConfig);
      const resolve = fieldConfig.resolve ?? defaultFieldResolver;
      const coordinate = `${typeName}.${fieldName}`;
      return {
        ...fieldConfig,
        resolve: (source, args, context: Context, info) => {
          assertRole(context.viewer, role, coordinate);
          return resolve(source, args, context, info);
        },
      };
    },
  });
}

function assertRole(viewer: Viewer | null, required: AccessRole, coordinate: string): void {
  if (viewer && hasRole(viewer.role, required)) return;
  const extensions = { requiredRole: required };
  if (viewer?.kind === 'authenticated') {
    throw new GraphQLError(`${coordinate} needs the ${required} role; your token has ${viewer.role}.`, {
      extensions: { code: ErrorCode.FORBIDDEN, ...extensions },
    });
  }
  const without = viewer ? `requests without a token act as ${viewer.role}` : 'this server refuses requests without a token';
  throw new GraphQLError(
    `${coordinate} needs the ${required} role; ${without}. Send "Authorization: Bearer <token>" with a token of that role.`,
    { extensions: { code: ErrorCode.UNAUTHENTICATED, ...extensions } },
  );
}
