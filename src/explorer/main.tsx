/**
 * The self-hosted GraphiQL explorer served at /explorer: every asset comes from this server (no CDN), it opens one
 * tab per example operation the signed-in role may run, and one sign-in in its header serves every tab (the
 * fetcher adds the bearer token; a header typed in a tab's Headers pane still wins).
 */
import 'graphiql/style.css';
import './explorer.css';

import { GraphiQL } from 'graphiql';
import { buildSchema, Kind, parse } from 'graphql';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

import { documentRole } from '../auth/field-roles.js';
import { hasRole, type AccessRole } from '../auth/roles.js';
import examples from '../client/operations/examples.graphql?raw';
import { SignIn } from '../web/SignIn.js';
import { readSession, type Session } from '../web/session.js';
import { splitExamples } from './examples.js';

type Fetcher = NonNullable<Parameters<typeof GraphiQL>[0]['fetcher']>;

// The SDL with its @auth directives (introspection does not carry directives), to tell the role each example needs.
const sdl = Object.values(import.meta.glob<string>('../../schema/*.graphql', { query: '?raw', import: 'default', eager: true }));
const schema = buildSchema(sdl.join('\n'));
const allTabs = splitExamples(examples).map((tab) => ({ ...tab, role: documentRole(schema, parse(tab.query)) }));

/**
 * GraphiQL can send the operation name of the tab it last ran with the query of another tab ("Unknown operation
 * named ..."); a name the query does not define is replaced by the query's only operation.
 */
function operationNameIn(query: string, requested: string | null | undefined): string | null | undefined {
  let names: string[];
  try {
    names = parse(query).definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : []));
  } catch {
    return requested; // the server explains the syntax error
  }
  if (requested && names.includes(requested)) return requested;
  return names.length === 1 ? names[0] : requested;
}

const session = readSession();

/** GraphQL over HTTP against this server's own endpoint, with the sign-in's token and the Headers pane's headers. */
const fetcher: Fetcher = async (params, options) => {
  const response = await fetch(new URL('/graphql', window.location.href), {
    method: 'POST',
    headers: {
      ...(session && { authorization: `Bearer ${session.token}` }),
      ...options?.headers,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: JSON.stringify({ ...params, operationName: operationNameIn(params.query, params.operationName) }),
  });
  return (await response.json()) as Awaited<ReturnType<Fetcher>>;
};

/**
 * GraphiQL keeps its tabs in localStorage and then ignores `defaultTabs`; each role keeps its own, so signing in
 * as another role opens that role's examples (and a user's edits to them survive a reload).
 *
 * GraphiQL also saves the editor's query and variables on their own, at other moments than the tabs, and on load
 * adds an "<untitled>" tab when they match no saved tab (a reload half a second after switching tabs is enough).
 * They are read here from the saved tabs' active tab, so they always match one.
 */
function roleStorage(role: AccessRole) {
  const prefix = `epr-evidence-graph.${role}:`;
  const keys = () => Object.keys(localStorage).filter((key) => key.startsWith(prefix));
  const activeTab = (): { query?: string | null; variables?: string | null } | undefined => {
    try {
      const saved = JSON.parse(localStorage.getItem(`${prefix}graphiql:tabState`) ?? 'null') as {
        tabs: Array<{ query?: string | null; variables?: string | null }>;
        activeTabIndex: number;
      } | null;
      return saved?.tabs[saved.activeTabIndex];
    } catch {
      return undefined; // GraphiQL finds the saved tabs invalid too and starts from the examples
    }
  };
  return {
    getItem: (key: string) => {
      // GraphiQL's keys are namespaced: graphiql:query, graphiql:tabState.
      const name = key.replace(/^graphiql:/, '');
      if (name === 'query' || name === 'variables') {
        const tab = activeTab();
        if (tab) return tab[name] ?? null;
      }
      return localStorage.getItem(prefix + key);
    },
    setItem: (key: string, value: string) => localStorage.setItem(prefix + key, value),
    removeItem: (key: string) => localStorage.removeItem(prefix + key),
    clear: () => keys().forEach((key) => localStorage.removeItem(key)),
    get length() {
      return keys().length;
    },
  };
}

/** Without a sign-in the server's anonymous role applies: viewer in development. */
const tabsFor = (role: AccessRole) => allTabs.filter((tab) => hasRole(role, tab.role)).map(({ query }) => ({ query }));

function Explorer() {
  const [current] = useState<Session | undefined>(session);
  const role = current?.role ?? 'viewer';
  const hidden = allTabs.length - tabsFor(role).length;
  return (
    <div className="explorer-page">
      <header>
        <h1>
          <a href="/">EPR evidence graph</a>: GraphQL explorer
        </h1>
        <p className="tabs-note">
          {hidden > 0
            ? `${hidden} example${hidden === 1 ? ' needs' : 's need'} a higher role than ${role}: sign in to see them.`
            : `Every example runs as ${role}.`}
        </p>
        <SignIn
          session={current}
          onChange={() => {
            // GraphiQL sets its tabs and storage up once per page: load the page again for the new role's.
            window.location.reload();
          }}
        />
      </header>
      <div className="explorer-body">
        <GraphiQL fetcher={fetcher} defaultTabs={tabsFor(role)} storage={roleStorage(role)} isHeadersEditorEnabled shouldPersistHeaders={false} />
      </div>
    </div>
  );
}

createRoot(document.getElementById('explorer')!).render(
  <StrictMode>
    <Explorer />
  </StrictMode>,
);
