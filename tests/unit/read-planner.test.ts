/**
 * The read planner (src/modules/shared/planner.ts) on a small schema of its own, executed by graphql-js: what it says
 * a field selects below it, which of those fields the viewer may resolve (the `@auth` rules), and arguments and
 * values derived from them, read once and with their errors kept for the field they belong to.
 */
import { makeExecutableSchema } from '@graphql-tools/schema';
import { graphql, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';

import type { AccessRole } from '../../src/auth/roles.js';
import { ReadPlanner, type FieldPlan } from '../../src/modules/shared/planner.js';

const typeDefs = `
  directive @auth(requires: AccessRole!) on OBJECT | FIELD_DEFINITION
  enum AccessRole { VIEWER ANALYST RESEARCHER }
  type Query { trust: Trust }
  type Trust {
    name: String
    interviews: [Interview!] @auth(requires: ANALYST)
    performance(metric: String = "AE_FOUR_HOUR", first: Int): [Int]
  }
  type Interview @auth(requires: ANALYST) {
    id: ID
    participants: [String] @auth(requires: RESEARCHER)
  }
`;

/** Runs `query` as `role`; `seen` holds the plan of Query.trust and the plans each field's resolver was given. */
async function plan(query: string, role: AccessRole = 'researcher', variableValues: Record<string, unknown> = {}) {
  const seen: { trust?: FieldPlan; interviews?: FieldPlan } = {};
  const resolvers = {
    Query: {
      trust: (_: unknown, _args: unknown, { planner }: { planner: ReadPlanner }, info: GraphQLResolveInfo) => {
        seen.trust = planner.plan(info);
        return { name: 'Trust one' };
      },
    },
    Trust: {
      interviews: (_: unknown, _args: unknown, { planner }: { planner: ReadPlanner }, info: GraphQLResolveInfo) => {
        seen.interviews = planner.plan(info);
        return [{ id: 'i1' }];
      },
    },
  };
  const schema = makeExecutableSchema({ typeDefs, resolvers });
  const planner = new ReadPlanner({ kind: 'anonymous', role });
  const result = await graphql({ schema, source: query, contextValue: { planner }, variableValues });
  expect(result.errors).toBeUndefined();
  return seen;
}

describe('the read planner', () => {
  it('sees the fields selected below, also through fragments', async () => {
    const { trust } = await plan(`{ trust { ...parts } } fragment parts on Trust { ... on Trust { interviews { id } } name }`);

    expect(trust!.selects('interviews')).toBe(true);
    expect(trust!.selects('name')).toBe(true);
    expect(trust!.selects('performance')).toBe(false);
  });

  it.each([
    ['@skip(if: true)', false],
    ['@skip(if: false)', true],
    ['@include(if: false)', false],
    ['@include(if: $shown)', true],
  ])('leaves out a field that %s leaves out of the request (selected: %s)', async (directive, selected) => {
    const { trust } = await plan(`query ($shown: Boolean!) { trust { name @include(if: $shown) interviews ${directive} { id } } }`, 'researcher', {
      shown: true,
    });

    expect(trust!.selects('interviews')).toBe(selected);
  });

  it('leaves out what the viewer may not resolve, as @auth says, below as well as beside', async () => {
    const query = `{ trust { interviews { id participants } } }`;
    const viewer = await plan(`{ trust { name interviews { id } } }`, 'viewer');
    const analyst = await plan(query, 'analyst');
    const researcher = await plan(query, 'researcher');

    expect(viewer.trust!.selects('interviews')).toBe(false);
    expect(analyst.trust!.selects('interviews')).toBe(true);
    expect(analyst.interviews!.selects('participants')).toBe(false);
    expect(researcher.interviews!.selects('participants')).toBe(true);
  });

  it("gives a field's resolver the very plan the look-ahead above it made", async () => {
    const { trust, interviews } = await plan(`{ trust { interviews { participants } } }`);

    expect(trust!.fields('interviews')).toEqual([interviews]);
  });

  it('reads arguments once, with their defaults, one plan per alias', async () => {
    const { trust } = await plan(`{ trust { a: performance(first: 3) b: performance(metric: "RTT", first: 1) } }`);

    const [a, b] = trust!.fields('performance');
    expect(a!.args).toEqual({ metric: 'AE_FOUR_HOUR', first: 3 });
    expect(b!.args).toEqual({ metric: 'RTT', first: 1 });
    expect(a!.args).toBe(a!.args);
  });

  it('keeps the error of a value derived from the arguments for the resolver, and peeks past it ahead of it', async () => {
    const { trust } = await plan(`{ trust { performance(first: 500) } }`);
    const [field] = trust!.fields('performance');
    let computed = 0;
    const page = (args: Record<string, unknown>) => {
      computed += 1;
      if ((args.first as number) > 100) throw new Error('first must be between 0 and 100 (got 500).');
      return args.first as number;
    };

    expect(field!.peek('page', page)).toBeUndefined();
    expect(() => field!.derive('page', page)).toThrow('first must be between 0 and 100 (got 500).');
    expect(computed).toBe(1);
  });
});
