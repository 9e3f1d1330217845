/**
 * Two tiers: `unit` (no database, runs in parallel) and `integration` (a real Neo4j, one file at a time because
 * Neo4j Community has a single user database that the files share). `npm test` runs both.
 */
import path from 'node:path';

import { defineConfig } from 'vitest/config';

const root = path.resolve(import.meta.dirname, '..');

/**
 * graphql 16 ships CommonJS (main) and ESM (module) builds. Node loads the CommonJS one for Apollo and
 * graphql-tools, Vite would pick the ESM one for our sources: two copies, and "Cannot use GraphQLObjectType from
 * another module or realm". Point Vite at the file Node uses.
 */
const resolve = { alias: [{ find: /^graphql$/, replacement: path.join(root, 'node_modules', 'graphql', 'index.js') }] };

export default defineConfig({
  root,
  test: {
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          root,
          include: ['tests/unit/**/*.test.ts', 'tests/types/**/*.test.ts'],
          // Timeouts catch hangs, never slowness: with both cores busy (issue 17's loaded runs) validating the
          // bundled dataset or inflating the ZIP bomb took over vitest's default 5 s.
          testTimeout: 60_000,
        },
      },
      {
        resolve,
        test: {
          name: 'integration',
          root,
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/helpers/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        // The pages in Chromium, against the built pages (npm run build:web) and their own throwaway Neo4j.
        resolve,
        test: {
          name: 'browser',
          root,
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/helpers/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 180_000,
          // A page renders in its own time: poll for what it shows rather than fail after expect.poll's default 1 s.
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
