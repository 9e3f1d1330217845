/**
 * Builds the browser pages (src/explorer/, src/dashboard/) into dist/web, which the server serves (src/web-pages.ts).
 * `npm run build:web` runs it; `npm start` and `npm test` run that first. The output is git-ignored.
 */
import path from 'node:path';

import { defineConfig } from 'vite';

const source = import.meta.dirname;

export default defineConfig({
  root: source,
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: path.join(source, '..', 'dist', 'web'),
    emptyOutDir: true,
    // A page must never fetch anything from outside the server, so everything is bundled; GraphiQL is large.
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      // React libraries (GraphiQL's Radix UI) start their modules with "use client", which only means something to
      // a server-components bundler; the bundle is right without it, so the hundred warnings about it are noise, as
      // is the bundler's report of its plugins' timings.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' || warning.code === 'PLUGIN_TIMINGS') return;
        warn(warning);
      },
      input: {
        explorer: path.join(source, 'explorer', 'index.html'),
        dashboard: path.join(source, 'dashboard', 'index.html'),
      },
    },
  },
});
