/**
 * The cost estimate never undercounts what a query really costs: for generated queries (nested connections with
 * `first` as a literal, a variable sent, a variable's default, `null` or left out; lists; aliases; inline and named
 * fragments), run against the fixture graph, the estimate is at least the Cypher statements that ran and the rows
 * Neo4j returned (`extensions.db`). A query that costs more than its estimate is one the cost limit lets through
 * too cheaply (issue 17: `first` from an unsent variable default ran 592 statements under a limit meant to stop it).
 *
 * The seed is fixed, so every run checks the same cases; fast-check prints the counterexample and its seed on failure.
 */
import fc from 'fast-check';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Database } from '../../src/db/database.js';
import { measureOperation } from '../../src/limits/measure.js';
import { buildSchema } from '../../src/schema.js';
import { connectTestDatabase } from '../helpers/database.js';
import { loadFixtureGraph } from '../helpers/fixture.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** How many generated queries each run checks. */
const RUNS = 150;

/** `first` as a query can give it. */
type First =
  | { kind: 'omitted' }
  | { kind: 'literal'; value: number }
  | { kind: 'null' }
  | { kind: 'variable'; sent: number | null | undefined; defaultValue: number | undefined };

/** A field of the generated query: name, arguments, alias, and how its sub-selection is written. */
interface Field {
  name: string;
  alias: string | undefined;
  first?: First;
  extraArguments?: string;
  type?: string;
  wrap: 'plain' | 'inline' | 'named';
  children: Field[];
}

const firstArbitrary: fc.Arbitrary<First> = fc.oneof(
  fc.constant<First>({ kind: 'omitted' }),
  fc.integer({ min: 0, max: 30 }).map<First>((value) => ({ kind: 'literal', value })),
  fc.constant<First>({ kind: 'null' }),
  fc
    .record({
      sent: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constant(null), fc.constant(undefined)),
      defaultValue: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.constant(undefined)),
    })
    .map<First>(({ sent, defaultValue }) => ({ kind: 'variable', sent, defaultValue })),
);

const aliasArbitrary = fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined });
const wrapArbitrary = fc.constantFrom<Field['wrap']>('plain', 'plain', 'inline', 'named');

const leaf = (name: string): fc.Arbitrary<Field> =>
  fc.record({ name: fc.constant(name), alias: aliasArbitrary, wrap: fc.constant<Field['wrap']>('plain'), children: fc.constant<Field[]>([]) });

function object(name: string, type: string, children: fc.Arbitrary<Field[]>, first?: boolean, extraArguments?: string): fc.Arbitrary<Field> {
  return fc.record({
    name: fc.constant(name),
    alias: aliasArbitrary,
    type: fc.constant(type),
    wrap: wrapArbitrary,
    children,
    ...(first && { first: firstArbitrary }),
    ...(extraArguments && { extraArguments: fc.constant(extraArguments) }),
  });
}

/** Some of `options`, at least one. */
const some = (...options: Array<fc.Arbitrary<Field>>): fc.Arbitrary<Field[]> =>
  fc.subarray(options, { minLength: 1 }).chain((chosen) => fc.tuple(...chosen).map((fields) => [...fields]));

function insight(depth: number): fc.Arbitrary<Field[]> {
  const options = [leaf('summary'), leaf('sentiment'), object('supportOffers', 'SupportOffer', some(leaf('name')))];
  if (depth > 0) {
    options.push(
      object('interview', 'Interview', some(leaf('interviewId'), object('trust', 'Trust', some(leaf('name'))))),
      object('determinants', 'DeterminantLink', some(leaf('stance'), object('determinant', 'Determinant', determinant(depth - 1)))),
    );
  }
  return some(...options);
}

function insightConnection(depth: number): fc.Arbitrary<Field[]> {
  return some(leaf('totalCount'), object('nodes', 'Insight', insight(depth)), object('pageInfo', 'PageInfo', some(leaf('hasNextPage'))));
}

function determinant(depth: number): fc.Arbitrary<Field[]> {
  const options = [
    leaf('name'),
    object('sources', 'SourceLink', some(leaf('stance'), object('source', 'Source', some(leaf('title'))))),
    object('supportOffers', 'SupportOffer', some(leaf('name'))),
  ];
  if (depth > 0) options.push(object('insights', 'InsightConnection', insightConnection(depth - 1), true));
  return some(...options);
}

function trust(depth: number): fc.Arbitrary<Field[]> {
  const options = [leaf('name'), object('implementations', 'Implementation', some(leaf('status'), object('product', 'Product', some(leaf('name')))))];
  if (depth > 0) options.push(object('interviews', 'Interview', some(leaf('interviewId'), object('insights', 'Insight', insight(depth - 1)))));
  return some(...options);
}

const ROOTS = fc.array(
  fc.oneof(
    object('insights', 'InsightConnection', insightConnection(2), true),
    object('insights', 'InsightConnection', insightConnection(1), true, 'filter: { text: "clinical OR board" }'),
    object('determinants', 'Determinant', determinant(2)),
    object('trusts', 'TrustConnection', some(leaf('totalCount'), object('nodes', 'Trust', trust(1))), true),
    object('trust', 'Trust', trust(1), false, 'odsCode: "TA4"'),
    object(
      'implementations',
      'ImplementationConnection',
      some(object('nodes', 'Implementation', some(leaf('status'), object('trust', 'Trust', some(leaf('name')))))),
      true,
    ),
    object('supportOffers', 'SupportOffer', some(leaf('name'), object('determinants', 'Determinant', determinant(1)))),
  ),
  { minLength: 1, maxLength: 3 },
);

/** Writes the generated fields as a document: variables declared, named fragments defined, aliases unique. */
function render(roots: Field[]): { query: string; variables: Record<string, unknown> } {
  const declarations: string[] = [];
  const variables: Record<string, unknown> = {};
  const fragments: string[] = [];
  let counter = 0;
  const argument = (first: First | undefined): string | undefined => {
    if (!first) return undefined;
    switch (first.kind) {
      case 'omitted':
        return undefined;
      case 'literal':
        return `first: ${first.value}`;
      case 'null':
        return 'first: null';
      case 'variable': {
        const name = `v${(counter += 1)}`;
        declarations.push(`$${name}: Int${first.defaultValue === undefined ? '' : ` = ${first.defaultValue}`}`);
        if (first.sent !== undefined) variables[name] = first.sent;
        return `first: $${name}`;
      }
    }
  };
  const selection = (fields: Field[]): string => {
    const used = new Set<string>();
    return fields
      .map((field) => {
        // Two different fields may not share a response name: an alias is made unique.
        let alias = field.alias ? `${field.alias}${(counter += 1)}` : undefined;
        const responseName = alias ?? field.name;
        if (used.has(responseName)) alias = `${field.name}${(counter += 1)}`;
        used.add(alias ?? field.name);
        const args = [argument(field.first), field.extraArguments].filter(Boolean).join(', ');
        let text = `${alias ? `${alias}: ` : ''}${field.name}${args ? `(${args})` : ''}`;
        if (field.children.length > 0) {
          const inner = selection(field.children);
          if (field.wrap === 'inline') text += ` { ... on ${field.type} { ${inner} } }`;
          else if (field.wrap === 'named') {
            const name = `F${(counter += 1)}`;
            fragments.push(`fragment ${name} on ${field.type} { ${inner} }`);
            text += ` { ...${name} }`;
          } else text += ` { ${inner} }`;
        }
        return text;
      })
      .join(' ');
  };
  const body = selection(roots);
  const header = declarations.length > 0 ? `query Generated(${declarations.join(', ')})` : 'query Generated';
  return { query: [`${header} { ${body} }`, ...fragments].join('\n'), variables };
}

const schema = buildSchema();
let db: Database;
let server: TestServer;

beforeAll(async () => {
  db = connectTestDatabase();
  await loadFixtureGraph(db);
  // No limit refuses a generated query: each one runs, so that what it costs can be counted.
  server = await startTestServer(db, { ANONYMOUS_ROLE: 'researcher', MAX_QUERY_COST: '10000000', MAX_QUERY_ALIASES: '1000', MAX_QUERY_DEPTH: '100' });
});

afterAll(async () => {
  await server?.close();
  await db?.close();
});

describe('the query cost estimate', () => {
  it(`is at least the statements and rows that ran, for ${RUNS} generated queries`, async () => {
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(ROOTS, async (roots) => {
        const { query, variables } = render(roots);
        const document = parse(query);
        const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
        const { cost } = measureOperation(schema, document, operation, variables);
        const response = await server.graphql(query, variables);
        expect(response.errors, query).toBeUndefined();
        const { queries, rows } = response.extensions!.db!;
        expect(cost, `${query}\n${JSON.stringify(variables)}: ${queries} statements`).toBeGreaterThanOrEqual(queries);
        expect(cost, `${query}\n${JSON.stringify(variables)}: ${rows} rows`).toBeGreaterThanOrEqual(rows);
        checked += 1;
      }),
      { numRuns: RUNS, seed: 17, endOnFailure: true },
    );
    expect(checked).toBe(RUNS);
  }, 600_000);
});
