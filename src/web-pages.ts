/**
 * The browser pages the product serves itself: the GraphiQL explorer at /explorer and the evidence dashboard at
 * /dashboard. Both are static bundles that Vite builds into dist/web (`npm run build:web`, run by `prestart` and
 * `npm test`), so a page never loads anything from outside the server: they work on offline NHS networks.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

import express, { type Express, type Response } from 'express';

import { projectRoot, type Config } from './config.js';

/** Where `npm run build:web` writes the pages (see src/vite.config.ts). */
export const webBuildDirectory = path.join(projectRoot, 'dist', 'web');

export function mountWebPages(app: Express, config: Readonly<Config>): void {
  app.use('/assets', express.static(path.join(webBuildDirectory, 'assets'), { immutable: true, maxAge: '1y', index: false }));

  if (config.explorerEnabled) {
    app.get('/explorer', (_request, response) => sendPage(response, 'explorer'));
    // A person who opens the API URL in a browser wants the explorer, not a 400 for a missing query.
    app.get('/graphql', (request, response, next) => {
      const wantsPage = request.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
      if (wantsPage && request.query.query === undefined) response.redirect(302, '/explorer');
      else next();
    });
  }
  app.get('/dashboard', (_request, response) => sendPage(response, 'dashboard'));
}

function sendPage(response: Response, page: 'explorer' | 'dashboard'): void {
  const file = path.join(webBuildDirectory, page, 'index.html');
  if (!existsSync(file)) {
    response
      .status(503)
      .type('text/plain')
      .send(`The ${page} page is not built: expected ${file}. Run \`npm run build:web\` (npm start does it for you).`);
    return;
  }
  response.sendFile(file, { headers: { 'cache-control': 'no-cache' } });
}
