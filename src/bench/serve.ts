/**
 * One benchmark target as its own process, so that each server has its own event loop and memory, and the load
 * generator never shares either with it: `tsx src/bench/serve.ts <api|raw|peer> <bolt uri>`. Prints
 * `BENCH_LISTENING <port>` once it answers; stops on SIGTERM.
 *
 * - api:  our product, built by createApp exactly as `npm start` builds it.
 * - raw:  the floor: POST /raw {op, variables} runs the operation's hand-written Cypher through the same driver
 *         wrapper (src/db) on the same Express stack, and returns the rows as JSON.
 * - peer: @neo4j/graphql over the same database, served by Apollo Server on Express like ours.
 */
import http from 'node:http';

import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { Neo4jGraphQL } from '@neo4j/graphql';
import express from 'express';

import { assertNever } from '../assert-never.js';
import { loadConfig } from '../config.js';
import { connect, type Database } from '../db/database.js';
import { createLogger } from '../logger.js';
import { createApp } from '../server.js';
import { OPERATIONS } from './operations.js';
import { PEER_TYPE_DEFS } from './peer-type-defs.js';

type Target = 'api' | 'raw' | 'peer';

async function serve(target: Target, uri: string): Promise<{ port: number; stop: () => Promise<void> }> {
  const db = connect({ uri, username: 'neo4j', password: 'unused', queryTimeoutMs: 30_000 });
  switch (target) {
    case 'api': {
      // As in production, plus extensions.db (queries per request). Requests carry a researcher's token signed
      // with JWT_SECRET (see run.ts); the peer has no auth.
      const env = { NODE_ENV: 'production', QUERY_METRICS: 'true', PORT: '0', HOST: '127.0.0.1', NEO4J_URI: uri };
      const config = loadConfig({ ...process.env, ...env });
      const app = await createApp(config, db, createLogger('silent'));
      const base = await app.listen();
      return { port: Number(new URL(base).port), stop: async () => (await app.stop(), await db.close()) };
    }
    case 'raw':
      return listen(rawApp(db), db);
    case 'peer': {
      const app = express();
      const httpServer = http.createServer(app);
      const schema = await new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver: db.driver }).getSchema();
      const apollo = new ApolloServer({ schema, plugins: [ApolloServerPluginDrainHttpServer({ httpServer })] });
      await apollo.start();
      app.use('/graphql', express.json({ limit: '100kb' }), expressMiddleware(apollo, { context: async () => ({}) }));
      return listen(app, db, httpServer, () => apollo.stop());
    }
    default:
      return assertNever(target, 'bench target');
  }
}

function rawApp(db: Database): express.Express {
  const app = express();
  const byId = new Map(OPERATIONS.map((op) => [op.id, op]));
  app.post('/raw', express.json({ limit: '100kb' }), async (request, response) => {
    const body = request.body as { op?: string; variables?: Record<string, unknown> };
    const op = body.op ? byId.get(body.op) : undefined;
    if (!op) {
      response.status(400).json({ error: `Expected {"op": one of ${[...byId.keys()].join(', ')}}, got ${JSON.stringify(body.op)}` });
      return;
    }
    try {
      response.json({ data: await db.readQuery(op.raw, body.variables ?? {}) });
    } catch (error) {
      response.status(500).json({ error: (error as Error).message });
    }
  });
  return app;
}

async function listen(
  app: express.Express,
  db: Database,
  httpServer = http.createServer(app),
  beforeClose: () => Promise<void> = async () => {},
): Promise<{ port: number; stop: () => Promise<void> }> {
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const stop = async () => {
    await beforeClose();
    await new Promise((resolve) => httpServer.close(resolve));
    await db.close();
  };
  return { port, stop };
}

const [target, uri] = process.argv.slice(2);
if ((target !== 'api' && target !== 'raw' && target !== 'peer') || !uri) {
  process.stderr.write(`Usage: tsx src/bench/serve.ts <api|raw|peer> <bolt uri> (got ${process.argv.slice(2).join(' ')})\n`);
  process.exit(2);
}
const server = await serve(target, uri);
process.stdout.write(`BENCH_LISTENING ${server.port}\n`);
process.once('SIGTERM', () => void server.stop().finally(() => process.exit(0)));
