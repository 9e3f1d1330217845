/**
 * The dashboard's queries, run once after start-up as an analyst would run them, so that Neo4j has planned their
 * Cypher and read their pages before the first reader opens a view. On a fresh `npm start` the first evidence view
 * of a decision took 1.3 s to its profile and 3.3 s to its first page of insights, against 0.6 s for both once warm:
 * Neo4j plans each statement the first time it sees it. One subject of each kind is enough (the plans are keyed on the
 * statement, not its parameters). Reads only; the first error stops it (main.ts logs it) and changes nothing.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { ApolloServer } from '@apollo/server';
import { getOperationAST } from 'graphql';

import {
  DashboardDeterminantInsightsDocument,
  DashboardEvidenceInsightsPageDocument,
  DashboardFindingsDocument,
  DashboardOffersComparedDocument,
  DashboardStrengthDocument,
  DashboardSubjectDocument,
  DashboardSubjectsDocument,
  DashboardSuppliersDocument,
  DashboardTrailDocument,
  DashboardTrustsDocument,
} from './client/index.js';
import type { Config } from './config.js';
import { createContext, type Context } from './context.js';
import type { Database } from './db/database.js';

export interface WarmUp {
  operations: number;
  seconds: number;
}

/** Runs the queries one after another; once `stopped()` is true (the server is stopping), runs no more. */
export async function warmUp(apollo: ApolloServer<Context>, config: Readonly<Config>, database: Database, stopped = () => false): Promise<WarmUp> {
  const started = performance.now();
  let operations = 0;
  const run = async <R, V extends Record<string, unknown>>(document: TypedDocumentNode<R, V>, variables: V): Promise<R | undefined> => {
    if (stopped()) return undefined;
    operations += 1;
    const response = await apollo.executeOperation<R, V>(
      { query: document, variables },
      { contextValue: createContext(config, database, { kind: 'authenticated', subject: 'warm-up', role: 'analyst' }) },
    );
    if (response.body.kind !== 'single') return undefined;
    const { data, errors } = response.body.singleResult;
    if (errors?.length)
      throw new Error(`${errors.map((error) => error.message).join('; ')} (in the warm-up's ${getOperationAST(document)?.name?.value ?? 'query'})`);
    return data ?? undefined;
  };

  const subjects = await run(DashboardSubjectsDocument, {});
  const decision = subjects?.policyDecisions[0]?.id;
  const offer = subjects?.supportOffers[0]?.id;
  const determinant = subjects?.determinants[0];
  for (const id of [decision, offer, determinant?.id]) {
    if (id === undefined) continue;
    await run(DashboardSubjectDocument, { id });
    await run(DashboardStrengthDocument, { id });
    await run(DashboardTrailDocument, { id });
    await run(DashboardFindingsDocument, { id, analyst: true });
  }
  for (const id of [decision, offer]) {
    if (id === undefined) continue;
    const first = await run(DashboardEvidenceInsightsPageDocument, { id, first: 25 });
    const node = first?.node;
    const page = node?.__typename === 'SupportOffer' || node?.__typename === 'PolicyDecision' ? node.evidence.insightsConnection : undefined;
    if (page?.pageInfo.hasNextPage) await run(DashboardEvidenceInsightsPageDocument, { id, first: 100, after: page.pageInfo.endCursor });
  }
  if (determinant) await run(DashboardDeterminantInsightsDocument, { determinantId: determinant.determinantId, researcher: false });
  await run(DashboardOffersComparedDocument, {});
  await run(DashboardTrustsDocument, { first: 100 });
  await run(DashboardSuppliersDocument, {});
  return { operations, seconds: (performance.now() - started) / 1000 };
}
