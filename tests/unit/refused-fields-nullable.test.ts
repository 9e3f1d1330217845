/**
 * A field refused to the caller comes back null with its error; graphql-js then nulls the nearest nullable
 * position above it. So every field that needs a higher role than the lowest role that can reach its type must be
 * nullable itself: then a refusal never takes its parent or its siblings down with it. A type guarded as a whole
 * (`type Insight @auth(requires: ANALYST)`) reached through an interface (`node(id:)`) comes back whole or not at all:
 * there the interface field is the one refused, and it must be nullable.
 */
import { getNamedType, isAbstractType, isNonNullType, isObjectType, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';

import { fieldRole, typeRole } from '../../src/auth/field-roles.js';
import { hasRole, higherRole, type AccessRole } from '../../src/auth/roles.js';
import { buildSchema } from '../../src/schema.js';

const schema = buildSchema();

/** The lowest role with which each object type can be reached from Query (a fixpoint over the fields). */
function reachRoles(): Map<string, AccessRole> {
  const reach = new Map<string, AccessRole>([['Query', 'viewer']]);
  let changed = true;
  while (changed) {
    changed = false;
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || !reach.has(type.name)) continue;
      for (const field of Object.values(type.getFields())) {
        const target = getNamedType(field.type);
        if (!isObjectType(target) && !isAbstractType(target)) continue;
        const via = higherRole(reach.get(type.name)!, fieldRole(schema, type, field));
        const targets = isObjectType(target)
          ? [{ next: target, role: via }]
          : schema.getPossibleTypes(target).map((next) => ({ next, role: higherRole(via, typeRole(next)) }));
        for (const { next, role } of targets) {
          const known = reach.get(next.name);
          if (!known || (hasRole(known, role) && known !== role)) {
            reach.set(next.name, role);
            changed = true;
          }
        }
      }
    }
  }
  return reach;
}

describe('fields a role may be refused', () => {
  it('include the interview date an analyst may not see, and a type guarded whole behind node(id:)', () => {
    const reach = reachRoles();
    expect([reach.get('Interview'), reach.get('Insight'), reach.get('Trust')]).toEqual(['analyst', 'analyst', 'viewer']);
  });

  it('are all nullable, so a refusal nulls the field alone', () => {
    const reach = reachRoles();
    const nonNullRefusable = [...reach.entries()].flatMap(([typeName, reachedWith]) => {
      const type = schema.getType(typeName) as GraphQLObjectType;
      return Object.values(type.getFields())
        .filter((field) => !hasRole(reachedWith, fieldRole(schema, type, field)) && isNonNullType(field.type))
        .map((field) => `${typeName}.${field.name}: ${String(field.type)} (needs ${fieldRole(schema, type, field)}, type reached as ${reachedWith})`);
    });
    expect(nonNullRefusable).toEqual([]);
  });

  it('behind an interface or union are asked for through a nullable field', () => {
    const reach = reachRoles();
    const nonNull = [...reach.entries()].flatMap(([typeName, reachedWith]) => {
      const type = schema.getType(typeName) as GraphQLObjectType;
      return Object.values(type.getFields())
        .filter((field) => {
          const target = getNamedType(field.type);
          const via = higherRole(reachedWith, fieldRole(schema, type, field));
          return isAbstractType(target) && schema.getPossibleTypes(target).some((next) => !hasRole(via, typeRole(next)));
        })
        .filter((field) => isNonNullType(field.type))
        .map((field) => `${typeName}.${field.name}`);
    });
    expect(nonNull).toEqual([]);
  });
});
