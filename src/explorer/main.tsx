/**
 * The self-hosted GraphiQL explorer served at /explorer: every asset comes from this server (no CDN), it opens one
 * tab per example operation, and its Headers pane takes the bearer token, e.g. {"Authorization": "Bearer <token>"}.
 */
import 'graphiql/style.css';

import { GraphiQL } from 'graphiql';
import { parse } from 'graphql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import examples from '../client/operations/examples.graphql?raw';
import { splitExamples } from './examples.js';

type Fetcher = NonNullable<Parameters<typeof GraphiQL>[0]['fetcher']>;

/**
 * GraphiQL can send the operation name of the tab it last ran with the query of another tab ("Unknown operation
 * named ..."); a name the query does not define is replaced by the query's only operation.
 */
function operationNameIn(query: string, requested: string | null | undefined): string | null | undefined {
  let names: string[];
  try {
    names = parse(query).definitions.flatMap((d) => (d.kind === 'OperationDefinition' && d.name ? [d.name.value] : []));
  } catch {
    return requested; // the server explains the syntax error
  }
  if (requested && names.includes(requested)) return requested;
  return names.length === 1 ? names[0] : requested;
}

/** GraphQL over HTTP against this server's own endpoint, with whatever headers the Headers pane holds. */
const fetcher: Fetcher = async (params, options) => {
  const response = await fetch(new URL('/graphql', window.location.href), {
    method: 'POST',
    headers: { ...options?.headers, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ ...params, operationName: operationNameIn(params.query, params.operationName) }),
  });
  return response.json();
};

const tabs = splitExamples(examples).map(({ query }) => ({ query }));

createRoot(document.getElementById('explorer')!).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} defaultTabs={tabs} isHeadersEditorEnabled shouldPersistHeaders={false} />
  </StrictMode>,
);
