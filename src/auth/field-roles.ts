/**
 * The role each field of the schema needs, read from `@auth(requires:)` in the SDL: on the field, else on its
 * type, else VIEWER (fields of Mutation default to RESEARCHER). One rule, used where it is enforced
 * (src/auth/directive.ts) and where it is predicted: the explorer shows each signed-in role only the example
 * operations it may run, and a test checks that every field a role may be refused can come back null.
 * It reads only the schema's AST nodes, so it runs in the browser as well as in the server.
 */
import {
  getNamedType,
  isObjectType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

import { higherRole, type AccessRole } from './roles.js';

const ROLES_BY_ENUM: Record<string, AccessRole> = { VIEWER: 'viewer', ANALYST: 'analyst', RESEARCHER: 'researcher' };

function authRole(directives: readonly ConstDirectiveNode[] | undefined): AccessRole | undefined {
  const auth = directives?.find((directive) => directive.name.value === 'auth');
  const requires = auth?.arguments?.find((argument) => argument.name.value === 'requires')?.value;
  return requires?.kind === Kind.ENUM ? ROLES_BY_ENUM[requires.value] : undefined;
}

/** `@auth` on a type, from its definition or any `extend type`; viewer without one. */
export function typeRole(type: GraphQLNamedType): AccessRole {
  return typeAuth(type) ?? 'viewer';
}

function typeAuth(type: GraphQLNamedType): AccessRole | undefined {
  const nodes = [type.astNode, ...(('extensionASTNodes' in type ? type.extensionASTNodes : undefined) ?? [])];
  for (const node of nodes) {
    const role = authRole(node?.directives);
    if (role) return role;
  }
  return undefined;
}

/** The role every field of `type` needs unless the field says more: its `@auth`, else RESEARCHER on Mutation, else VIEWER. */
export function objectRole(schema: GraphQLSchema, type: GraphQLNamedType): AccessRole {
  return typeAuth(type) ?? (type.name === schema.getMutationType()?.name ? 'researcher' : 'viewer');
}

/** The role needed to resolve `field` of `type`. */
export function fieldRole(schema: GraphQLSchema, type: GraphQLNamedType, field: { astNode?: FieldDefinitionNode | null | undefined }): AccessRole {
  return authRole(field.astNode?.directives) ?? objectRole(schema, type);
}

/** The lowest role that can run every field `document` selects (its fragments included). */
export function documentRole(schema: GraphQLSchema, document: DocumentNode): AccessRole {
  const typeInfo = new TypeInfo(schema);
  let role: AccessRole = 'viewer';
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (parent && field && isObjectType(getNamedType(parent))) role = higherRole(role, fieldRole(schema, parent, field));
      },
    }),
  );
  return role;
}
