/**
 * What the evidence view of one subject loads, part by part: its heading, its strength profile, its trail (an
 * offer's or a decision's determinants, sources and summary), its findings, and its insights a page at a time.
 * Each part is its own request, so each shows when it is in and none carries the cost of all (src/dashboard/requests.ts
 * says in which order they go). The insights come a page at a time in the background: the table shows the pages in,
 * and what is computed from the insights (filters, stance counts of a filter, who was heard, representativeness, the
 * graph) waits until all are in, so that its numbers are those of the whole evidence, never of a part.
 */
import type { AccessRole } from '../auth/roles.js';
import {
  DashboardDeterminantInsightsDocument,
  DashboardEvidenceInsightsPageDocument,
  DashboardFindingsDocument,
  DashboardStrengthDocument,
  DashboardSubjectDocument,
  DashboardTrailDocument,
  GraphQLRequestError,
  type DashboardFindingsQuery,
  type DashboardStrengthQuery,
  type DashboardSubjectQuery,
  type DashboardTrailQuery,
} from '../client/index.js';
import { fromDeterminantInsight, fromTrailInsight, type EvidenceRow } from './evidence.js';
import { PRIORITY, type Requester } from './requests.js';

type SubjectKind = 'SupportOffer' | 'PolicyDecision' | 'Determinant';
type OfKind<T, K extends string> = Extract<NonNullable<T>, { __typename: K }>;

export type SubjectHeader = OfKind<DashboardSubjectQuery['node'], SubjectKind>;
export type SubjectStrength = OfKind<DashboardStrengthQuery['node'], SubjectKind>;
/** Undefined for a determinant, which has no trail. */
export type SubjectTrail = OfKind<DashboardTrailQuery['node'], 'SupportOffer' | 'PolicyDecision'> | undefined;
export type SubjectFindings = OfKind<DashboardFindingsQuery['node'], SubjectKind>;

/** One part of the view: asked for, in, or failed (with what to tell the reader). */
export type Loadable<T> = { state: 'loading' } | { state: 'loaded'; value: T } | { state: 'failed'; error: string };

export const LOADING: Loadable<never> = { state: 'loading' };

/** The subject's insights in so far; `complete` once the last page is in. */
export interface InsightRows {
  rows: EvidenceRow[];
  complete: boolean;
}

/** Insights a page asks for: the server's default MAX_PAGE_SIZE. */
const PAGE_SIZE = 100;
/**
 * The first page asks for one page of the table (table.tsx shows 25): it is what the reader waits for, and 25 rows
 * cost the server a quarter of 100 while the heading and the profile are asked beside them.
 */
const FIRST_PAGE_SIZE = 25;

export function describeError(error: unknown): string {
  if (error instanceof GraphQLRequestError) return `${error.message} (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}

const isSubject = (node: { __typename: string } | null | undefined): node is SubjectHeader =>
  node?.__typename === 'SupportOffer' || node?.__typename === 'PolicyDecision' || node?.__typename === 'Determinant';

export interface EvidenceParts {
  header(value: Loadable<SubjectHeader | undefined>): void;
  strength(value: Loadable<SubjectStrength>): void;
  trail(value: Loadable<SubjectTrail>): void;
  findings(value: Loadable<SubjectFindings>): void;
  /** Not called for a viewer, who may not see the insights. */
  insights(value: Loadable<InsightRows>): void;
}

/** The parts a reader can ask for again after they failed (a failed page of insights means reloading the view). */
export type RetriablePart = 'strength' | 'trail' | 'findings';

/**
 * Asks for every part of the view of `id` as `role`, reporting each to `report` as it arrives (and the insights after
 * every page). Stops reporting, and asks for nothing more, once `signal` aborts. Returns what asks for one part again.
 */
export function loadEvidence(request: Requester, id: string, role: AccessRole, report: EvidenceParts, signal: AbortSignal): (part: RetriablePart) => void {
  const analyst = role !== 'viewer';
  const settle = <T>(promise: Promise<T>, set: (value: Loadable<T>) => void) =>
    void promise.then(
      (value) => signal.aborted || set({ state: 'loaded', value }),
      (error: unknown) => signal.aborted || set({ state: 'failed', error: describeError(error) }),
    );
  settle(
    request(DashboardSubjectDocument, { id }, { priority: PRIORITY.subject, signal }).then(({ node }) => (isSubject(node) ? node : undefined)),
    (header) => {
      report.header(header);
      // A determinant's insights come through its own connection, by its natural id.
      if (analyst && header.state === 'loaded' && header.value?.__typename === 'Determinant') {
        const { determinantId } = header.value;
        void collectPages(
          async (after) => {
            const { determinant } = await request(
              DashboardDeterminantInsightsDocument,
              { determinantId, after, researcher: role === 'researcher' },
              { priority: PRIORITY.page, signal },
            );
            const page = determinant?.insights;
            if (!page) return { rows: [], next: undefined };
            return {
              rows: page.nodes.map((insight) => fromDeterminantInsight(insight, determinantId)),
              next: page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined,
            };
          },
          report.insights,
          signal,
        );
      }
    },
  );
  const parts = {
    strength: () =>
      settle(
        request(DashboardStrengthDocument, { id }, { priority: PRIORITY.subject, signal }).then(({ node }) =>
          required(isSubject(node) ? (node as SubjectStrength) : undefined, id),
        ),
        report.strength,
      ),
    trail: () =>
      settle(
        request(DashboardTrailDocument, { id }, { priority: PRIORITY.view, signal }).then(({ node }) =>
          node?.__typename === 'SupportOffer' || node?.__typename === 'PolicyDecision' ? node : undefined,
        ),
        report.trail,
      ),
    findings: () =>
      settle(
        request(DashboardFindingsDocument, { id, analyst }, { priority: PRIORITY.view, signal }).then(({ node }) =>
          required(isSubject(node) ? (node as SubjectFindings) : undefined, id),
        ),
        report.findings,
      ),
  };
  const retry = (part: RetriablePart) => {
    report[part](LOADING);
    void parts[part]();
  };
  for (const part of Object.values(parts)) void part();
  if (!analyst) return retry;
  // An offer's or a decision's first page goes beside the heading and the profile (a table to read while the rest
  // comes), before the page knows which kind of subject it is; for a determinant it comes back empty-handed, and the
  // heading starts the determinant's pages instead.
  void collectPages(
    async (after) => {
      const { node } = await request(
        DashboardEvidenceInsightsPageDocument,
        { id, first: after ? PAGE_SIZE : FIRST_PAGE_SIZE, after },
        { priority: after ? PRIORITY.page : PRIORITY.subject, signal },
      );
      if (node?.__typename !== 'SupportOffer' && node?.__typename !== 'PolicyDecision') return undefined;
      const page = node.evidence.insightsConnection;
      if (!page) throw new Error('The insights were refused to this role.');
      return { rows: page.nodes.map(fromTrailInsight), next: page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined };
    },
    report.insights,
    signal,
  );
  return retry;
}

function required<T>(value: T | undefined, id: string): T {
  if (value === undefined) throw new Error(`Nothing to show for "${id}": choose an offer, a decision or a determinant.`);
  return value;
}

/** Follows a connection page after page, reporting the rows so far after each; stops at the last page or on abort. */
async function collectPages(
  fetchPage: (after: string | undefined) => Promise<{ rows: EvidenceRow[]; next: string | null | undefined } | undefined>,
  report: (value: Loadable<InsightRows>) => void,
  signal: AbortSignal,
): Promise<void> {
  let rows: EvidenceRow[] = [];
  let after: string | undefined;
  try {
    for (;;) {
      const page = await fetchPage(after);
      if (!page || signal.aborted) return;
      rows = rows.concat(page.rows);
      after = page.next ?? undefined;
      report({ state: 'loaded', value: { rows, complete: after === undefined } });
      if (after === undefined) return;
    }
  } catch (error) {
    if (!signal.aborted) report({ state: 'failed', error: `${describeError(error)}; ${rows.length} insights had arrived.` });
  }
}
