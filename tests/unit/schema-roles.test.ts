import { graphqlSync, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';

import { buildSchema } from '../../src/schema.js';

const schema = buildSchema();

function fieldDescription(typeName: string, fieldName: string): string | null | undefined {
  return (schema.getType(typeName) as GraphQLObjectType).getFields()[fieldName]?.description;
}

describe('role requirements in the schema', () => {
  it.each([
    ['its own @auth', 'Insight', 'quote', 'Verbatim quote, when there is one.', 'Requires the RESEARCHER role.'],
    ["its type's @auth", 'Insight', 'summary', "The researcher's summary.", 'Requires the ANALYST role.'],
    ["its own @auth over its type's", 'Interview', 'date', 'The day of the interview', 'Requires the RESEARCHER role.'],
    ['a field without a description', 'Query', 'interview', undefined, 'Requires the ANALYST role.'],
    ["Mutation's default", 'Mutation', 'createInsight', 'Adds an insight', 'Requires the RESEARCHER role.'],
  ])('a field needing more than VIEWER through %s says so in its description', (_how, type, field, start, note) => {
    const description = fieldDescription(type, field) ?? '';
    expect(description.endsWith(note)).toBe(true);
    if (start) expect(description.startsWith(start)).toBe(true);
    else expect(description).toBe(note);
  });

  it('leaves the description of a VIEWER field as the SDL wrote it', () => {
    expect(fieldDescription('Trust', 'name')).toBe(undefined);
    expect(fieldDescription('Query', 'roles')).toBe('Every role, by name.');
  });

  it('says of a type with @auth that all its fields need its role', () => {
    expect(schema.getType('Participant')?.description).toBe(
      'An anonymised person: a code, a role and a trust, never a name.\n\nEvery field requires the ANALYST role, unless the field says more.',
    );
    expect(schema.getType('Trust')?.description).not.toMatch(/requires the/);
  });

  it('gives the same descriptions through introspection', () => {
    const result = graphqlSync({
      schema,
      source: '{ __type(name: "Interview") { description fields { name description } } }',
    });
    const fields = (result.data?.__type as { fields: Array<{ name: string; description: string | null }> }).fields;
    expect(fields.find((field) => field.name === 'method')?.description).toBe('Requires the RESEARCHER role.');
    expect(fields.find((field) => field.name === 'interviewId')?.description).toBe('Requires the ANALYST role.');
  });
});
