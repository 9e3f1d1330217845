/**
 * Access control, enforced in one place: every field's resolver is wrapped to check the viewer's role before it
 * runs. The role a field needs comes from `@auth(requires:)` on the field, else on its type, else VIEWER (fields
 * of Mutation default to RESEARCHER), so a field without an annotation is never open to a request without a role.
 */
import { getDirective, MapperKind, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver, GraphQLError, type GraphQLFieldConfig, type GraphQLSchema } from 'graphql';

import type { AccessRole } from '../config.js';
import type { Context } from '../context.js';
import { ErrorCode } from '../errors.js';
import { hasRole, type Viewer } from './viewer.js';

const ROLES_BY_ENUM: Record<string, AccessRole> = { VIEWER: 'viewer', ANALYST: 'analyst', RESEARCHER: 'researcher' };

function requiredRole(schema: GraphQLSchema, node: Parameters<typeof getDirective>[1]): AccessRole | undefined {
  const requires = getDirective(schema, node, 'auth')?.[0]?.requires as string | undefined;
  return requires === undefined ? undefined : ROLES_BY_ENUM[requires];
}

/** The role a type's records need as a whole (its `@auth`, else VIEWER): what `node(id:)` checks before it looks. */
export function roleOfType(schema: GraphQLSchema, typeName: string): AccessRole {
  const type = schema.getType(typeName);
  return (type ? requiredRole(schema, type) : undefined) ?? 'viewer';
}

/** Returns the schema with every object field guarded by the role it needs. */
export function applyAuthDirective(schema: GraphQLSchema): GraphQLSchema {
  const mutationType = schema.getMutationType()?.name;
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig, fieldName, typeName): GraphQLFieldConfig<unknown, Context> => {
      const type = schema.getType(typeName);
      const role =
        requiredRole(schema, fieldConfig) ??
        (type ? requiredRole(schema, type) : undefined) ??
        (typeName === mutationType ? 'researcher' : 'viewer');
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

/** Throws FORBIDDEN (UNAUTHENTICATED without a token) unless the viewer has the role `coordinate` needs. */
export function assertRole(viewer: Viewer | null, required: AccessRole, coordinate: string): void {
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
