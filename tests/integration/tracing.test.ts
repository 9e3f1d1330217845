/**
 * Tracing: with OTEL_EXPORTER_OTLP_ENDPOINT set, a GraphQL request gives an HTTP span, parse/validate/execute spans
 * and a span per Cypher statement, exported over OTLP/HTTP (JSON) to a collector run here in the test process.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Database } from '../../src/db/database.js';
import { connectTestDatabase } from '../helpers/database.js';
import { loadFixtureGraph } from '../helpers/fixture.js';
import { startTestServer } from '../helpers/server.js';

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Array<{ key: string; value: OtlpValue }>;
}
interface OtlpExport {
  resourceSpans: Array<{ resource: { attributes: Array<{ key: string; value: OtlpValue }> }; scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
}

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN_ID = '00f067aa0ba902b7';
// OTLP's span kinds.
const SERVER = 2;
const CLIENT = 3;

let db: Database;
let collector: http.Server;
const exports: OtlpExport[] = [];
let response: unknown;

function attributes(span: { attributes: Array<{ key: string; value: OtlpValue }> }): Record<string, string | number | undefined> {
  return Object.fromEntries(
    span.attributes.map(({ key, value }) => [key, value.stringValue ?? (value.intValue === undefined ? undefined : Number(value.intValue))]),
  );
}

beforeAll(async () => {
  db = connectTestDatabase();
  await loadFixtureGraph(db);
  collector = http.createServer((request, reply) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      if (request.url === '/v1/traces' && request.headers['content-type'] === 'application/json') exports.push(JSON.parse(body) as OtlpExport);
      reply.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;

  const server = await startTestServer(db, { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: 'traced-test' });
  response = await server.graphql(
    'query TrustStory($ods: ID!) { trust(odsCode: $ods) { name implementations { status } } }',
    { ods: 'TA1' },
    { traceparent: `00-${TRACE_ID}-${CALLER_SPAN_ID}-01` },
  );
  // Stopping the server ends tracing, which exports every span still queued.
  await server.close();
});

afterAll(async () => {
  await new Promise((resolve) => collector?.close(resolve));
  await db?.close();
});

function allSpans(): OtlpSpan[] {
  return exports.flatMap((batch) => batch.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans)));
}

describe('tracing to an OTLP/HTTP collector', () => {
  it('answers the request as without tracing', () => {
    expect(response).toMatchObject({ data: { trust: { name: 'Alpha Acute Hospitals NHS Trust', implementations: [{ status: 'LIVE' }] } } });
  });

  it("exports the HTTP span as a child of the caller's traceparent, named after the service", () => {
    const spans = allSpans();
    const request = spans.find((span) => span.name === 'POST /graphql');
    expect(request).toMatchObject({ traceId: TRACE_ID, parentSpanId: CALLER_SPAN_ID, kind: SERVER });
    expect(attributes(request!)).toMatchObject({ 'http.request.method': 'POST', 'http.route': '/graphql', 'http.response.status_code': 200 });
    const resource = attributes(exports[0]!.resourceSpans[0]!.resource);
    expect(resource['service.name']).toBe('traced-test');
  });

  it('exports parse, validate and execute under the HTTP span, and each Cypher statement under execute', () => {
    const spans = allSpans();
    const request = spans.find((span) => span.name === 'POST /graphql')!;
    const byName = (name: string) => spans.filter((span) => span.name === name);
    for (const name of ['graphql.parse', 'graphql.validate', 'graphql.execute']) {
      expect(byName(name).map((span) => span.parentSpanId)).toEqual([request.spanId]);
    }
    const execute = byName('graphql.execute')[0]!;
    expect(attributes(execute)).toMatchObject({ 'graphql.operation.type': 'query', 'graphql.operation.name': 'TrustStory' });

    const statements = spans.filter((span) => span.kind === CLIENT);
    expect(statements.map((span) => span.name).sort()).toEqual(['suppliers/repository.findImplementationsOfTrusts', 'trusts/repository.findTrustsByOdsCodes']);
    for (const statement of statements) {
      expect(statement.traceId).toBe(TRACE_ID);
      expect(statement.parentSpanId).toBe(execute.spanId);
      const values = attributes(statement);
      expect(values).toMatchObject({ 'db.system.name': 'neo4j', 'db.operation.name': 'READ', 'db.query.summary': statement.name });
      expect(values['db.query.text']).toContain('$');
    }
  });

  it('never exports a parameter value', () => {
    const everything = JSON.stringify(exports);
    expect(everything).not.toContain('TA1');
  });
});
