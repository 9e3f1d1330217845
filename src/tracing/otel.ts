/**
 * The OpenTelemetry side of src/tracing/, imported only when tracing is on. Spans are made by hand at the moments
 * they describe (an Express middleware, Apollo's request hooks, the database's statement hook) rather than by
 * patching modules as they load: the server is ESM, and nothing here depends on how it was started.
 *
 * Names and attributes follow OpenTelemetry's semantic conventions: the HTTP server span `POST /graphql`, the
 * GraphQL spans `graphql.parse`, `graphql.validate`, `graphql.execute` (with `graphql.operation.name` and `.type`),
 * and a client span per Cypher statement named after the repository function that ran it (`db.query.summary`),
 * with `db.query.text`: the parameterised text, never the parameters' values.
 */
import { context, createContextKey, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, defaultTextMapGetter, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { Request, Response, NextFunction } from 'express';

import type { Statement } from '../db/database.js';
import { packageVersion } from '../version.js';
import type { Tracing } from './index.js';

/**
 * Where a request's statements hang: its execute span while graphql-js executes, else its HTTP span. Apollo's hooks
 * cannot run execution inside a context of their own, so the request's context carries this box and the execute
 * hook fills it.
 */
interface StatementParent {
  span: Span;
}
const STATEMENT_PARENT = createContextKey('epr-evidence-graph statement parent');

export function createTracing(url: string, serviceName: string): Tracing {
  // One context manager per process: a second server in the same process (tests) shares the first one's.
  const manager = new AsyncLocalStorageContextManager();
  if (!context.setGlobalContextManager(manager.enable())) manager.disable();

  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName, 'service.version': packageVersion }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }))],
  });
  const tracer = provider.getTracer('epr-evidence-graph', packageVersion);
  const propagator = new W3CTraceContextPropagator();

  const end = (span: Span, error?: unknown) => {
    if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
    span.end();
  };

  return {
    http(request: Request, response: Response, next: NextFunction) {
      // A caller's W3C `traceparent` makes this request part of its trace.
      const incoming = propagator.extract(ROOT_CONTEXT, request.headers, defaultTextMapGetter);
      const route = request.path.startsWith('/graphql') ? '/graphql' : `/${request.path.split('/')[1] ?? ''}`;
      const span = tracer.startSpan(
        `${request.method} ${route}`,
        {
          kind: SpanKind.SERVER,
          attributes: { 'http.request.method': request.method, 'http.route': route, 'url.path': request.path, 'url.scheme': request.protocol },
        },
        incoming,
      );
      response.once('close', () => {
        span.setAttribute('http.response.status_code', response.statusCode);
        if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      });
      const parent: StatementParent = { span };
      context.with(trace.setSpan(incoming, span).setValue(STATEMENT_PARENT, parent), next);
    },

    plugin: {
      async requestDidStart() {
        const requestContext = context.active();
        const parent = requestContext.getValue(STATEMENT_PARENT) as StatementParent | undefined;
        return {
          async parsingDidStart() {
            const span = tracer.startSpan('graphql.parse', {}, requestContext);
            return async (error) => end(span, error);
          },
          async validationDidStart() {
            const span = tracer.startSpan('graphql.validate', {}, requestContext);
            return async (errors) => end(span, errors?.[0]);
          },
          async executionDidStart({ operation, operationName }) {
            const span = tracer.startSpan(
              'graphql.execute',
              { attributes: { 'graphql.operation.type': operation.operation, ...(operationName ? { 'graphql.operation.name': operationName } : {}) } },
              requestContext,
            );
            const requestSpan = parent?.span;
            if (parent) parent.span = span;
            return {
              async executionDidEnd(error) {
                if (parent && requestSpan) parent.span = requestSpan;
                end(span, error);
              },
            };
          },
        };
      },
    },

    statements: {
      async trace<R>(statement: Statement, work: () => Promise<R>): Promise<R> {
        const active = context.active();
        const parent = active.getValue(STATEMENT_PARENT) as StatementParent | undefined;
        const name = statementName();
        const span = tracer.startSpan(
          name,
          {
            kind: SpanKind.CLIENT,
            attributes: {
              'db.system.name': 'neo4j',
              'db.query.summary': name,
              'db.query.text': statement.cypher,
              'db.operation.name': statement.mode,
              ...(statement.database ? { 'db.namespace': statement.database } : {}),
            },
          },
          parent ? trace.setSpan(active, parent.span) : active,
        );
        try {
          const result = await work();
          if (Array.isArray(result)) span.setAttribute('db.response.returned_rows', result.length);
          return result;
        } catch (error) {
          // The error's name and code only: a database message may quote a value.
          const code = (error as { code?: unknown }).code;
          span.setStatus({ code: SpanStatusCode.ERROR, message: typeof code === 'string' ? code : 'error' });
          throw error;
        } finally {
          span.end();
        }
      },
    },

    async shutdown() {
      await provider.shutdown();
    },
  };
}

/**
 * The statement's name: the function that asked the database for it, as `<folder>/<file>.<function>`
 * (`trusts/repository.findTrustPage`), read from the call stack past src/db/ and src/tracing/. Only paid for with
 * tracing on; a statement is a network round trip, which costs far more.
 */
function statementName(): string {
  const stack = new Error().stack?.split('\n').slice(1) ?? [];
  for (const line of stack) {
    const match = /at (?:async )?(?:(\S+) \()?(?:file:\/\/)?(\/[^:)]*\/src\/([^:)]+))\.[cm]?[jt]s:\d+:\d+\)?$/.exec(line.trim());
    if (!match) continue;
    const [, fn, , file] = match;
    if (!file || file.startsWith('db/') || file.startsWith('tracing/')) continue;
    const where = file.replace(/^modules\//, '');
    const name = fn?.split('.').pop();
    return name && name !== '<anonymous>' ? `${where}.${name}` : where;
  }
  return 'cypher';
}
