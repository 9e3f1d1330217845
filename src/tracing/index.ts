/**
 * OpenTelemetry tracing, on when an OTLP endpoint is configured (OTEL_EXPORTER_OTLP_ENDPOINT or
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT): a span for each HTTP request, for GraphQL's parse, validate and execute, and
 * for each Cypher statement, exported over OTLP/HTTP.
 *
 * Off costs nothing: the OpenTelemetry packages are imported only when tracing is on (`./otel.js`), and without it
 * the server adds no middleware and no plugin, and a statement pays one check (src/db/database.ts).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';

import type { TracingConfig } from '../config.js';
import type { Context } from '../context.js';
import type { StatementTracer } from '../db/database.js';

export interface Tracing {
  /** Express middleware, first in the chain: the request's span, the parent of everything below it. */
  http: RequestHandler;
  /** The Apollo plugin for the parse, validate and execute spans. */
  plugin: ApolloServerPlugin<Context>;
  /** The span of each Cypher statement, under the execute span of its request. */
  statements: StatementTracer;
  /** Ends tracing: exports the spans not sent yet. */
  shutdown(): Promise<void>;
}

export async function startTracing(config: TracingConfig): Promise<Tracing | undefined> {
  if (config.tracesUrl === undefined) return undefined;
  const { createTracing } = await import('./otel.js');
  return createTracing(config.tracesUrl, config.serviceName);
}
