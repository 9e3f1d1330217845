/**
 * Access control, enforced in one place: every field's resolver is wrapped to check the viewer's role before it
 * runs. The role a field needs comes from `@auth(requires:)` on the field, else on its type, else VIEWER (fields
 * of Mutation default to RESEARCHER), so a field without an annotation is never open to a request without a role.
 *
 * The same rule writes the requirement into the schema's descriptions (so into the printed SDL and introspection):
 * a field that needs more than VIEWER ends its description with `Requires the ANALYST role.`, and a type annotated
 * with `@auth` says so of all its fields. Dashboards and their codegen see what a role may ask for without reading
 * schema/, and the note can never disagree with what the resolver checks.
 */
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver, GraphQLError, GraphQLObjectType, type GraphQLFieldConfig, type GraphQLSchema } from 'graphql';

import type { AccessRole } from '../config.js';
import type { Context } from '../context.js';
import { ErrorCode } from '../errors.js';
import { fieldRole, objectRole, typeRole } from './field-roles.js';
import { hasRole, type Viewer } from './viewer.js';

/** The AccessRole enum value of a role, as the SDL spells it. */
function roleName(role: AccessRole): string {
  return role.toUpperCase();
}

/** The role a type's records need as a whole (its `@auth`, else VIEWER): what `node(id:)` checks before it looks. */
export function roleOfType(schema: GraphQLSchema, typeName: string): AccessRole {
  const type = schema.getType(typeName);
  return type ? typeRole(type) : 'viewer';
}

/** A description with a closing sentence appended as its own paragraph. */
function withNote(description: string | null | undefined, note: string): string {
  return description ? `${description}\n\n${note}` : note;
}

/**
 * Returns the schema with every object field guarded by the role it needs, and every field and type that needs more
 * than VIEWER saying so in its description.
 */
export function applyAuthDirective(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_TYPE]: (type) => {
      const typeRole = objectRole(schema, type);
      if (typeRole === 'viewer') return type;
      const note = `Every field requires the ${roleName(typeRole)} role, unless the field says more.`;
      return new GraphQLObjectType({ ...type.toConfig(), description: withNote(type.description, note) });
    },
    [MapperKind.OBJECT_FIELD]: (fieldConfig, fieldName, typeName): GraphQLFieldConfig<unknown, Context> => {
      const role = fieldRole(schema, schema.getType(typeName)!, fieldConfig);
      const resolve = fieldConfig.resolve ?? defaultFieldResolver;
      const coordinate = `${typeName}.${fieldName}`;
      return {
        ...fieldConfig,
        description: role === 'viewer' ? fieldConfig.description : withNote(fieldConfig.description, `Requires the ${roleName(role)} role.`),
        resolve: (source, args, context: Context, info) => {
          assertRole(context.viewer, role, coordinate);
          return resolve(source, args, context, info);
        },
      };
    },
  });
}

/** True when `viewer` has the role `required`: the check of every guarded field, also asked by the read planner. */
export function mayResolve(viewer: Viewer | null, required: AccessRole): boolean {
  return viewer !== null && hasRole(viewer.role, required);
}

/** Throws FORBIDDEN (UNAUTHENTICATED without a token) unless the viewer has the role `coordinate` needs. */
export function assertRole(viewer: Viewer | null, required: AccessRole, coordinate: string): void {
  if (mayResolve(viewer, required)) return;
  const extensions = { requiredRole: required };
  if (viewer?.kind === 'authenticated') {
    throw new GraphQLError(`${coordinate} needs the ${required} role; your token has ${viewer.role}.`, {
      extensions: { code: ErrorCode.FORBIDDEN, ...extensions },
    });
  }
  const without = viewer ? `requests without a token act as ${viewer.role}` : 'this server refuses requests without a token';
  throw new GraphQLError(`${coordinate} needs the ${required} role; ${without}. Send "Authorization: Bearer <token>" with a token of that role.`, {
    extensions: { code: ErrorCode.UNAUTHENTICATED, ...extensions },
  });
}
