/**
 * The browser pages the product serves itself: a landing page at /, the GraphiQL explorer at /explorer and the
 * evidence dashboard at /dashboard, with the README at /docs and the printed schema at /schema.graphql. The two apps
 * are static bundles that Vite builds into dist/web (`npm run build:web`, run by `prestart` and
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
  app.get('/', (_request, response) => {
    response.type('html').set('cache-control', 'no-cache').send(landingPage(config));
  });
  app.get('/docs', (_request, response) => {
    response.type('text/plain; charset=utf-8').sendFile(path.join(projectRoot, 'README.md'));
  });
  // The schema is no secret where introspection is on (outside production); tools that cannot run a query read it here.
  if (config.environment !== 'production') {
    app.get('/schema.graphql', (_request, response) => {
      response.type('text/plain; charset=utf-8').sendFile(path.join(projectRoot, 'src', 'generated', 'schema.graphql'));
    });
  }
}

/** A few links, no script: what a person who opens the server's address in a browser is looking for. */
function landingPage(config: Readonly<Config>): string {
  const links: Array<[string, string, string]> = [
    [
      '/dashboard',
      'Evidence dashboard',
      'the evidence behind each support offer, policy decision and determinant: strength, who was heard, representativeness, tables to download',
    ],
    ...(config.explorerEnabled
      ? [
          ['/explorer', 'GraphQL explorer', 'the example queries of the seven research questions, ready to run; the Docs pane browses the schema'] as [
            string,
            string,
            string,
          ],
        ]
      : []),
    ['/docs', 'Documentation', "the README: quick start, the users' paths, the API and its configuration"],
    ...(config.environment !== 'production'
      ? [['/schema.graphql', 'Schema (SDL)', 'the whole GraphQL schema as the server sees it'] as [string, string, string]]
      : []),
    ['/graphql', 'GraphQL endpoint', 'POST GraphQL requests here; see the README, "The API"'],
  ];
  const items = links.map(([href, title, text]) => `<li><a href="${href}">${title}</a>: ${text}</li>`).join('\n      ');
  const signIn = config.auth.devSignIn
    ? '<p>Development sign-in is on: the dashboard and the explorer let you pick a role (viewer, analyst, researcher).</p>'
    : '';
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>EPR evidence graph</title>
    <style>
      body { font: 16px/1.5 system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
      a { color: #005eb8; font-weight: 600; }
      li { margin: 0.5rem 0; }
    </style>
  </head>
  <body>
    <main>
      <h1>EPR evidence graph</h1>
      <p>A knowledge graph of the evidence behind support for NHS trusts implementing electronic patient records.
        The bundled interviews, insights and offers are illustrative.</p>
      <ul>
      ${items}
      </ul>
      ${signIn}
    </main>
  </body>
</html>
`;
}

function sendPage(response: Response, page: 'explorer' | 'dashboard'): void {
  const file = path.join(webBuildDirectory, page, 'index.html');
  if (!existsSync(file)) {
    response.status(503).type('text/plain').send(`The ${page} page is not built: expected ${file}. Run \`npm run build:web\` (npm start does it for you).`);
    return;
  }
  response.sendFile(file, { headers: { 'cache-control': 'no-cache' } });
}
