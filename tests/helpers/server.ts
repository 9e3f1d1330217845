/** Starts the real HTTP app on a free port against the test database, and sends GraphQL requests to it. */
import { loadConfig, type Config } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { createLogger } from '../../src/logger.js';
import { createApp, type App } from '../../src/server.js';

export interface GraphQLResponse<TData = Record<string, unknown>> {
  data?: TData | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
  extensions?: { db?: { queries: number; rows: number; dbTimeMs: number } } & Record<string, unknown>;
}

export interface TestServer {
  url: string;
  app: App;
  config: Readonly<Config>;
  graphql<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<TData>>;
  close(): Promise<void>;
}

export async function startTestServer(db: Database, env: Record<string, string> = {}): Promise<TestServer> {
  // A generous deadline: tests assert what a request answers, not how fast, and a loaded machine is slow.
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', NEO4J_URI: 'bolt://unused:7687', REQUEST_TIMEOUT_MS: '60000', ...env });
  const app = await createApp(config, db, createLogger('silent'));
  const url = await app.listen();
  return {
    url,
    app,
    config,
    async graphql(query, variables, headers = {}) {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse<never>;
    },
    close: () => app.stop(),
  };
}
