/**
 * Builds the HTTP application: Apollo Server on Express 5 at /graphql, plus /health and /ready.
 *
 * The server keeps no state between requests (loaders and metrics live in the request context), so several
 * instances can run behind a load balancer against one Neo4j or cluster.
 */
import http from 'node:http';

import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';

import type { Config } from './config.js';
import { mountDevSignIn } from './auth/dev-sign-in.js';
import { createViewerResolver } from './auth/tokens.js';
import { createContext, type Context } from './context.js';
import type { Database } from './db/database.js';
import { checkReadiness } from './db/readiness.js';
import { createFormatError } from './errors.js';
import type { Logger } from './logger.js';
import { bodyErrors, tokenLimit } from './limits/middleware.js';
import { queryLimitsPlugin } from './limits/plugin.js';
import { mountTableExports } from './modules/confidence/http.js';
import { describeMissingAggregates } from './modules/evidence/aggregates.js';
import { buildSchema } from './schema.js';
import { startTracing } from './tracing/index.js';
import { loadTrustedDocuments, trustedDocuments } from './trusted-documents.js';
import { mountWebPages } from './web-pages.js';

export interface App {
  httpServer: http.Server;
  apollo: ApolloServer<Context>;
  /** Listens on config.host:config.port (port 0 picks a free one); resolves with the base URL. */
  listen(): Promise<string>;
  /** Stops accepting requests, lets in-flight ones finish, then stops Apollo. Does not close the database. */
  stop(): Promise<void>;
}

/**
 * Adds `extensions.db = { queries, rows, dbTimeMs }` to every response (QUERY_METRICS; on outside production), so tests
 * and benchmarks can see how many Cypher queries a request ran (the N+1 guard) and how long Neo4j spent on them.
 */
function databaseMetricsPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const { queries, rows, dbTimeMs } = contextValue.metrics;
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            db: { queries, rows, dbTimeMs },
          };
        },
      };
    },
  };
}

/** How long `/ready` waits for Neo4j before it reports the database unreachable. */
const READY_TIMEOUT_MS = 2_000;

/** The request headers a page on an allowed origin may send (CORS_ORIGINS). */
const CORS_HEADERS = ['content-type', 'accept', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name', 'traceparent', 'tracestate'];

export async function createApp(config: Readonly<Config>, untracedDatabase: Database, log: Logger): Promise<App> {
  const app = express();
  const httpServer = http.createServer(app);
  const production = config.environment === 'production';
  const resolveViewer = createViewerResolver(config.auth);
  const documents = await loadTrustedDocuments(config.trustedDocuments);
  const tracing = await startTracing(config.tracing);
  const database = tracing ? untracedDatabase.withTracer(tracing.statements) : untracedDatabase;

  const schema = buildSchema();
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    // graphql-js's "Did you mean ...?" suggestions name fields a caller could not find by introspection.
    hideSchemaDetailsFromClientErrors: production,
    // A request that a browser could send without a preflight (a form post, a GET without Apollo's header) is
    // refused, whatever CORS_ORIGINS allows.
    csrfPrevention: true,
    // Documents run by hash come from the trusted manifests only (src/trusted-documents.ts), never registered by clients.
    persistedQueries: false,
    formatError: createFormatError(!production, (error) => log.error({ err: error }, 'request failed'), schema),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      queryLimitsPlugin(config.limits),
      // Apollo's landing page loads its Sandbox from a CDN; the self-hosted explorer replaces it (src/web-pages.ts).
      ApolloServerPluginLandingPageDisabled(),
      // No type or field declares a cache policy (answers depend on the viewer's role), so Apollo's cache-control
      // plugin would only add a hook call to every field resolved; /graphql sends `cache-control: no-store` itself.
      ApolloServerPluginCacheControlDisabled(),
      ...(config.queryMetrics ? [databaseMetricsPlugin()] : []),
      ...(tracing ? [tracing.plugin] : []),
    ],
  });
  await apollo.start();

  app.disable('x-powered-by');
  if (tracing) app.use(tracing.http);
  mountWebPages(app, config);
  mountDevSignIn(app, config.auth);
  app.get('/health', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.get('/ready', async (_request, response) => {
    const status = await checkReadiness(database, READY_TIMEOUT_MS);
    // Missing evidence aggregates (a load running or interrupted) slow reads but never falsify them: still ready.
    const evidenceAggregates = status === 'ready' ? await describeMissingAggregates(database).catch(() => null) : null;
    response.status(status === 'ready' ? 200 : 503).json(evidenceAggregates ? { status, evidenceAggregates } : { status });
  });
  mountTableExports(app, config, database, resolveViewer, log);
  if (config.corsOrigins.length > 0) {
    const allowed = new Set(config.corsOrigins);
    // An origin outside the list gets no CORS headers (its page cannot read the answer) and its preflight no 204.
    app.use(
      '/graphql',
      cors({
        origin: (origin, allow) => allow(null, origin !== undefined && allowed.has(origin)),
        methods: ['GET', 'POST'],
        allowedHeaders: CORS_HEADERS,
        maxAge: 600,
      }),
    );
  }
  app.use(
    '/graphql',
    (_request: express.Request, response: express.Response, next: express.NextFunction) => {
      response.set('cache-control', 'no-store');
      next();
    },
    express.json({ limit: config.limits.maxBodySize }),
    bodyErrors,
    trustedDocuments(config.trustedDocuments.mode, documents),
    tokenLimit(config.limits.maxTokens),
    expressMiddleware(apollo, {
      context: async ({ req }) => createContext(config, database, await resolveViewer(req.headers.authorization)),
    }),
  );

  return {
    httpServer,
    apollo,
    listen: () =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          const address = httpServer.address();
          const port = typeof address === 'object' && address ? address.port : config.port;
          const host = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
          resolve(`http://${host}:${port}`);
        });
      }),
    stop: async () => {
      await apollo.stop();
      await tracing?.shutdown();
    },
  };
}
