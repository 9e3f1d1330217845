/**
 * The role x field matrix, generated from the schema: every field of every object type, asked by every role
 * (anonymous, viewer, analyst, researcher) through every path that reaches its type: the lookups, `node(id:)`, the
 * lists, filters, sorts and the full-text search at the root, and for types with no root of their own the shortest
 * path from one. A field is readable exactly when the role is at least what every field on the way needs; otherwise
 * the first field on the way that needs more is refused, naming its role, and the value is not sent.
 *
 * What each field needs is read from the SDL's `@auth`, and checked first against the README's role table
 * (README_TABLE below), so a directive that drifts from the documented rule fails here too.
 */
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { roleOfType } from '../../src/auth/directive.js';
import type { AccessRole } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { toGlobalId } from '../../src/modules/shared/global-id.js';
import { buildSchema } from '../../src/schema.js';
import { getDirective } from '@graphql-tools/utils';
import { connectTestDatabase, resetDatabase } from '../helpers/database.js';
import { loadSeedDirectory } from '../../src/seed/load.js';
import { FIXTURE_DIRECTORY } from '../helpers/fixture.js';
import { startTestServer, type GraphQLResponse, type TestServer } from '../helpers/server.js';
import { bearer, TEST_JWT_SECRET } from '../helpers/tokens.js';

/** The confidence fixture's appraisals and judgements (tests/fixtures/confidence), loaded over the fixture graph. */
const CONFIDENCE_FIXTURE = path.resolve(import.meta.dirname, '..', 'fixtures', 'confidence');
let folder: string | undefined;

const schema: GraphQLSchema = buildSchema();
type Asker = 'anonymous' | AccessRole;
const ASKERS: readonly Asker[] = ['anonymous', 'viewer', 'analyst', 'researcher'];
const RANK: Record<Asker, number> = { anonymous: 0, viewer: 0, analyst: 1, researcher: 2 };

/**
 * The README's role table (Security), as the coordinates above viewer: every field of the types listed, and the
 * fields listed. Everything else is for viewers.
 */
const README_TABLE: Record<'analyst' | 'researcher', { types: string[]; fields: string[] }> = {
  analyst: {
    types: [
      'Insight',
      'InsightConnection',
      'InsightEdge',
      'Participant',
      'Interview',
      'InsightEvidence',
      'InsightEvidenceConnection',
      'InsightEvidenceEdge',
      'EvidenceGraph',
      'Appraisal',
    ],
    fields: [
      'Query.insight',
      'Query.insights',
      'Query.participant',
      'Query.interview',
      'Query.interviews',
      'Trust.interviews',
      'Role.participants',
      'Workshop.participants',
      'Determinant.insights',
      'SupportOffer.insights',
      'PolicyDecision.insights',
      'EvidenceTrail.insights',
      'EvidenceTrail.insightsConnection',
      'SupportOffer.evidenceGraph',
      'PolicyDecision.evidenceGraph',
      'Finding.assessment',
      'Query.appraisals',
      'Study.appraisals',
      'CoherenceSuggestion.contradictingInsights',
    ],
  },
  researcher: {
    types: ['Mutation'],
    fields: [
      'Insight.quote',
      'Insight.coder',
      'Interview.title',
      'Interview.date',
      'Interview.dateAsWritten',
      'Interview.datePrecision',
      'Interview.method',
      'Interview.participants',
      'Participant.interviews',
      'Query.auditTrail',
    ],
  },
};

function documentedRole(typeName: string, fieldName: string): AccessRole {
  const coordinate = `${typeName}.${fieldName}`;
  for (const role of ['researcher', 'analyst'] as const) {
    if (README_TABLE[role].fields.includes(coordinate)) return role;
  }
  for (const role of ['researcher', 'analyst'] as const) {
    if (README_TABLE[role].types.includes(typeName)) return role;
  }
  return 'viewer';
}

/** What the schema says a field needs: its `@auth`, else its type's, else viewer (mutations: researcher). */
function schemaRole(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): AccessRole {
  const own = getDirective(schema, field, 'auth')?.[0]?.requires as string | undefined;
  if (own) return own.toLowerCase() as AccessRole;
  if (type.name === 'Mutation') return 'researcher';
  return roleOfType(schema, type.name);
}

const OBJECT_TYPES = Object.values(schema.getTypeMap()).filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__'));

/** One step of a path: the coordinate it passes and the role it needs. */
interface Step {
  coordinate: string;
  role: AccessRole;
}

/** A way to one record of a type: the query around `%` (where the fields go) and the steps on the way. */
interface Entry {
  kind: 'root' | 'lookup' | 'node(id:)' | 'list' | 'filter' | 'sort' | 'search' | 'nested';
  wrap: string;
  steps: Step[];
  operation?: 'mutation';
}

const root = (coordinate: string): Step => {
  const [typeName, fieldName] = coordinate.split('.') as [string, string];
  const type = schema.getType(typeName) as GraphQLObjectType;
  return { coordinate, role: schemaRole(type, type.getFields()[fieldName]!) };
};

function nodeEntry(typeName: string, key: string): Entry {
  return {
    kind: 'node(id:)',
    wrap: `node(id: "${toGlobalId(typeName, key)}") { ... on ${typeName} { % } }`,
    steps: [root('Query.node'), { coordinate: `node(id:) of a ${typeName}`, role: roleOfType(schema, typeName) }],
  };
}

/** The root paths of the fixture graph (tests/fixtures/graph), per type. */
const ROOT_ENTRIES: Record<string, Entry[]> = {
  Query: [{ kind: 'root', wrap: '%', steps: [] }],
  // Every input is malformed (ids that are not slugs), so each mutation answers with userErrors and writes nothing.
  Mutation: [{ kind: 'root', wrap: '%', steps: [], operation: 'mutation' }],
  Trust: [
    { kind: 'lookup', wrap: 'trust(odsCode: "TA1") { % }', steps: [root('Query.trust')] },
    nodeEntry('Trust', 'TA1'),
    { kind: 'list', wrap: 'trusts(first: 1) { nodes { % } }', steps: [root('Query.trusts'), root('TrustConnection.nodes')] },
    { kind: 'filter', wrap: 'trusts(first: 1, filter: { regions: [LONDON] }) { nodes { % } }', steps: [root('Query.trusts'), root('TrustConnection.nodes')] },
    {
      kind: 'sort',
      wrap: 'trusts(first: 1, sort: { field: ODS_CODE, direction: DESC }) { nodes { % } }',
      steps: [root('Query.trusts'), root('TrustConnection.nodes')],
    },
  ],
  Insight: [
    { kind: 'lookup', wrap: 'insight(id: "i01-01") { % }', steps: [root('Query.insight')] },
    nodeEntry('Insight', 'i01-01'),
    { kind: 'list', wrap: 'insights(first: 1) { nodes { % } }', steps: [root('Query.insights'), root('InsightConnection.nodes')] },
    {
      kind: 'filter',
      wrap: 'insights(first: 1, filter: { sentiments: [POSITIVE] }) { nodes { % } }',
      steps: [root('Query.insights'), root('InsightConnection.nodes')],
    },
    {
      kind: 'sort',
      wrap: 'insights(first: 1, sort: { field: ID, direction: DESC }) { nodes { % } }',
      steps: [root('Query.insights'), root('InsightConnection.nodes')],
    },
    {
      kind: 'search',
      wrap: 'insights(first: 1, filter: { text: "clinical" }) { nodes { % } }',
      steps: [root('Query.insights'), root('InsightConnection.nodes')],
    },
  ],
  Interview: [
    { kind: 'lookup', wrap: 'interview(id: "i01") { % }', steps: [root('Query.interview')] },
    nodeEntry('Interview', 'i01'),
    { kind: 'list', wrap: 'interviews { % }', steps: [root('Query.interviews')] },
  ],
  Participant: [{ kind: 'lookup', wrap: 'participant(code: "p01") { % }', steps: [root('Query.participant')] }, nodeEntry('Participant', 'p01')],
  Determinant: [
    { kind: 'lookup', wrap: 'determinant(id: "D01") { % }', steps: [root('Query.determinant')] },
    nodeEntry('Determinant', 'D01'),
    { kind: 'list', wrap: 'determinants { % }', steps: [root('Query.determinants')] },
    { kind: 'filter', wrap: 'determinants(category: "Leadership and governance") { % }', steps: [root('Query.determinants')] },
  ],
  SupportOffer: [
    { kind: 'lookup', wrap: 'supportOffer(id: "offer-broad") { % }', steps: [root('Query.supportOffer')] },
    nodeEntry('SupportOffer', 'offer-broad'),
    { kind: 'list', wrap: 'supportOffers { % }', steps: [root('Query.supportOffers')] },
  ],
  PolicyDecision: [
    { kind: 'lookup', wrap: 'policyDecision(id: "dec-centre") { % }', steps: [root('Query.policyDecision')] },
    nodeEntry('PolicyDecision', 'dec-centre'),
    { kind: 'list', wrap: 'policyDecisions { % }', steps: [root('Query.policyDecisions')] },
  ],
  Source: [
    { kind: 'lookup', wrap: 'source(id: "fx-ods") { % }', steps: [root('Query.source')] },
    nodeEntry('Source', 'fx-ods'),
    { kind: 'list', wrap: 'sources { % }', steps: [root('Query.sources')] },
  ],
  Role: [
    { kind: 'lookup', wrap: 'role(id: "cio") { % }', steps: [root('Query.role')] },
    nodeEntry('Role', 'cio'),
    { kind: 'list', wrap: 'roles { % }', steps: [root('Query.roles')] },
  ],
  Workshop: [
    { kind: 'lookup', wrap: 'workshop(id: "w01") { % }', steps: [root('Query.workshop')] },
    nodeEntry('Workshop', 'w01'),
    { kind: 'list', wrap: 'workshops { % }', steps: [root('Query.workshops')] },
  ],
  Supplier: [
    { kind: 'lookup', wrap: 'supplier(id: "acme") { % }', steps: [root('Query.supplier')] },
    nodeEntry('Supplier', 'acme'),
    { kind: 'list', wrap: 'suppliers { % }', steps: [root('Query.suppliers')] },
  ],
  Product: [{ kind: 'lookup', wrap: 'product(id: "acme-care") { % }', steps: [root('Query.product')] }, nodeEntry('Product', 'acme-care')],
  Study: [
    { kind: 'lookup', wrap: 'study(studyId: "fx-interviews") { % }', steps: [root('Query.study')] },
    nodeEntry('Study', 'fx-interviews'),
    { kind: 'list', wrap: 'studies { % }', steps: [root('Query.studies')] },
    { kind: 'filter', wrap: 'studies(kind: INTERVIEW_STUDY) { % }', steps: [root('Query.studies')] },
  ],
  Implementation: [
    { kind: 'lookup', wrap: 'implementation(id: "ta2-cobalt-pas-2019") { % }', steps: [root('Query.implementation')] },
    nodeEntry('Implementation', 'ta2-cobalt-pas-2019'),
    { kind: 'list', wrap: 'implementations(first: 1) { nodes { % } }', steps: [root('Query.implementations'), root('ImplementationConnection.nodes')] },
    {
      kind: 'filter',
      wrap: 'implementations(first: 1, filter: { statuses: [LIVE] }) { nodes { % } }',
      steps: [root('Query.implementations'), root('ImplementationConnection.nodes')],
    },
    {
      kind: 'sort',
      wrap: 'implementations(first: 1, sort: { field: ID, direction: ASC }) { nodes { % } }',
      steps: [root('Query.implementations'), root('ImplementationConnection.nodes')],
    },
  ],
};

/** Values for required arguments: by coordinate, else by the argument's type. */
const ARGUMENTS: Record<string, string> = {
  'Query.goLiveImpact': 'metric: AE_FOUR_HOUR, months: 6',
  'Query.node': `id: "${toGlobalId('Trust', 'TA1')}"`,
  'Query.determinant': 'id: "D01"',
  'Query.supportOffer': 'id: "offer-broad"',
  'Query.policyDecision': 'id: "dec-centre"',
  'Query.source': 'id: "fx-ods"',
  'Query.role': 'id: "cio"',
  'Query.participant': 'code: "p01"',
  'Query.interview': 'id: "i01"',
  'Query.insight': 'id: "i01-01"',
  'Query.workshop': 'id: "w01"',
  'Query.supplier': 'id: "acme"',
  'Query.product': 'id: "acme-care"',
  'Query.implementation': 'id: "ta2-cobalt-pas-2019"',
  'Query.trust': 'odsCode: "TA1"',
  'Query.study': 'studyId: "fx-interviews"',
  'Query.finding': 'id: "D01"',
  'Implementation.performanceAroundGoLive': 'metric: AE_FOUR_HOUR, months: 6',
  'Trust.performance': 'metric: AE_FOUR_HOUR',
};

/** A value of an input type that passes GraphQL validation; ids are malformed, so a mutation writes nothing. */
function sampleInput(type: GraphQLInputType): string {
  if (isNonNullType(type)) return sampleInput(type.ofType);
  if (isListType(type)) return `[${sampleInput(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((field) => isNonNullType(field.type) && field.defaultValue === undefined);
    return `{ ${fields.map((field) => `${field.name}: ${sampleInput(field.type)}`).join(', ')} }`;
  }
  switch (type.name) {
    case 'Int':
    case 'Float':
      return '1';
    case 'Boolean':
      return 'true';
    case 'Date':
      return '"2023-01-01"';
    case 'Month':
      return '"2024-01"';
    default:
      return '"Not A Slug!"';
  }
}

function argumentsOf(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): string {
  const coordinate = `${type.name}.${field.name}`;
  if (ARGUMENTS[coordinate]) return `(${ARGUMENTS[coordinate]})`;
  const required = field.args.filter((argument) => isNonNullType(argument.type) && argument.defaultValue === undefined);
  if (required.length === 0) return '';
  return `(${required.map((argument) => `${argument.name}: ${sampleInput(argument.type)}`).join(', ')})`;
}

function selectionOf(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): string {
  const alias = `f_${field.name}`;
  const leaf = isLeafType(getNamedType(field.type));
  return `${alias}: ${field.name}${argumentsOf(type, field)}${leaf ? '' : ' { __typename }'}`;
}

/**
 * The types no root reaches directly get the shortest path from a root entry (the lookup of each root type), through
 * fields that need no arguments, preferring fields that the fixture fills.
 */
function nestedEntries(): Record<string, Entry[]> {
  const found: Record<string, Entry[]> = {};
  const queue: Array<{ typeName: string; entry: Entry }> = Object.entries(ROOT_ENTRIES)
    .filter(([typeName]) => typeName !== 'Query')
    .map(([typeName, entries]) => ({ typeName, entry: entries[0]! }));
  queue.push({ typeName: 'Query', entry: ROOT_ENTRIES.Query![0]! }, { typeName: 'Mutation', entry: ROOT_ENTRIES.Mutation![0]! });
  const seen = new Set(Object.keys(ROOT_ENTRIES));
  while (queue.length > 0) {
    const { typeName, entry } = queue.shift()!;
    const type = schema.getType(typeName) as GraphQLObjectType;
    for (const field of Object.values(type.getFields())) {
      const target = getNamedType(field.type);
      if (!isObjectType(target) || seen.has(target.name)) continue;
      seen.add(target.name);
      const step: Step = { coordinate: `${type.name}.${field.name}`, role: schemaRole(type, field) };
      const nested: Entry = {
        kind: 'nested',
        wrap: entry.wrap.replace('%', `${field.name}${argumentsOf(type, field)} { % }`),
        steps: [...entry.steps, step],
        ...(entry.operation && { operation: entry.operation }),
      };
      found[target.name] = [nested];
      queue.push({ typeName: target.name, entry: nested });
    }
  }
  return found;
}

const NESTED = nestedEntries();

/** Fixture paths that the shortest path leaves empty, replaced by one that holds a record. */
const PREFERRED: Record<string, Entry[]> = {
  GoLivePerformance: [
    {
      kind: 'nested',
      wrap: 'implementation(id: "ta4-acme-flow-2024") { performanceAroundGoLive(metric: AE_FOUR_HOUR, months: 6) { % } }',
      steps: [root('Query.implementation'), root('Implementation.performanceAroundGoLive')],
    },
  ],
  Observation: [
    {
      kind: 'nested',
      wrap: 'trust(odsCode: "TA4") { performance(metric: AE_FOUR_HOUR) { % } }',
      steps: [root('Query.trust'), root('Trust.performance')],
    },
  ],
  StrengthConcern: [
    {
      kind: 'nested',
      wrap: 'supportOffer(id: "offer-thin") { evidenceStrength { concerns { % } } }',
      steps: [root('Query.supportOffer'), root('SupportOffer.evidenceStrength'), root('EvidenceStrength.concerns')],
    },
  ],
};

const ENTRIES: Record<string, Entry[]> = { ...NESTED, ...ROOT_ENTRIES, ...PREFERRED };

interface MatrixGroup {
  type: string;
  entry: Entry;
  asker: Asker;
  fields: Array<{ name: string; selection: string; role: AccessRole }>;
}

const GROUPS: MatrixGroup[] = OBJECT_TYPES.flatMap((type) =>
  (ENTRIES[type.name] ?? []).flatMap((entry) =>
    ASKERS.map((asker) => ({
      type: type.name,
      entry,
      asker,
      fields: Object.values(type.getFields()).map((field) => ({ name: field.name, selection: selectionOf(type, field), role: schemaRole(type, field) })),
    })),
  ),
);

const PAIRS = GROUPS.reduce((sum, group) => sum + group.fields.length, 0);

let db: Database;
let server: TestServer;

beforeAll(async () => {
  db = connectTestDatabase();
  // The fixture graph with the confidence fixture's appraisals and judgements, so every confidence type has a record.
  folder = await mkdtemp(path.join(os.tmpdir(), 'role-matrix-fixture-'));
  await cp(FIXTURE_DIRECTORY, folder, { recursive: true });
  await cp(CONFIDENCE_FIXTURE, folder, { recursive: true, filter: (source) => !source.endsWith('README.md') });
  await resetDatabase(db);
  await loadSeedDirectory(db, folder);
  server = await startTestServer(db, { JWT_SECRET: TEST_JWT_SECRET });
  // An audit entry, so that the audit trail has a record to reach.
  const linked = await ask(
    'researcher',
    'mutation { linkInsightToDeterminant(input: { insightId: "i01-01", determinantId: "D02", stance: SUPPORTS }) { userErrors { message } } }',
  );
  expect(linked.data).toEqual({ linkInsightToDeterminant: { userErrors: [] } });
});

afterAll(async () => {
  await server?.close();
  await db?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

async function ask(asker: Asker, query: string): Promise<GraphQLResponse> {
  return server.graphql(query, {}, asker === 'anonymous' ? {} : await bearer(asker));
}

/** Values at the path of alias `alias` below the wrap: every record the path reached. */
function valuesAt(data: unknown, alias: string): unknown[] {
  const found: unknown[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value === null || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if (alias in record) found.push(record[alias]);
    else Object.values(record).forEach(walk);
  };
  walk(data);
  return found;
}

describe('the role x field matrix', () => {
  it('has every object type reached, and every field documented as the README says', () => {
    expect(OBJECT_TYPES.filter((type) => !ENTRIES[type.name]).map((type) => type.name)).toEqual([]);
    const differences = OBJECT_TYPES.flatMap((type) =>
      Object.values(type.getFields())
        .filter((field) => schemaRole(type, field) !== documentedRole(type.name, field.name))
        .map((field) => `${type.name}.${field.name}: SDL ${schemaRole(type, field)}, README ${documentedRole(type.name, field.name)}`),
    );
    expect(differences).toEqual([]);
    // The size the closing note reports: (field, path, role) triples.
    expect(PAIRS).toBeGreaterThan(1000);
    console.info(`role x field matrix: ${PAIRS} (field, path, role) cases in ${GROUPS.length} requests`);
  });

  it.each(
    GROUPS.map(
      (group) =>
        [`${group.type} via ${group.entry.kind} (${group.entry.steps.map((s) => s.coordinate).join(' > ') || 'root'}) as ${group.asker}`, group] as const,
    ),
  )('%s', async (_name, { type, entry, asker, fields }) => {
    // One request per field: a refused non-null field ends its siblings' execution, so they would go unasked.
    await inBatches(fields, 8, async (field) => {
      const coordinate = `${type}.${field.name}`;
      const query = `${entry.operation ?? ''} { ${entry.wrap.replace('%', field.selection)} }`;
      const response = await ask(asker, query);
      const errors = response.errors ?? [];
      const barrier = [...entry.steps, { coordinate, role: field.role }].find((step) => RANK[step.role] > RANK[asker]);
      const values = valuesAt(response.data, `f_${field.name}`);
      if (!barrier) {
        expect(
          errors.map((error) => error.message),
          `${coordinate} readable by ${asker}: ${query}`,
        ).toEqual([]);
        expect(values.length, `${coordinate} reached: ${query}`).toBeGreaterThan(0);
        return;
      }
      expect(errors.length, `${coordinate} refused to ${asker}: ${query}`).toBeGreaterThan(0);
      for (const error of errors) {
        expect(error.extensions?.code).toBe(asker === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
        expect(error.message).toMatch(new RegExp(`^${escape(barrier.coordinate)} needs the ${barrier.role} role`));
      }
      expect(values.filter((value) => value !== null)).toEqual([]);
    });
  });
});

/** Runs `work` over `items`, `size` at a time. */
async function inBatches<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) await Promise.all(items.slice(start, start + size).map(work));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
