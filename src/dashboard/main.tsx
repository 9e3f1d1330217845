/**
 * The evidence dashboard served at /dashboard: an analyst picks a support offer, a policy decision or a determinant
 * and reads its evidence: the strength profile in words, the findings, supporting / contradicting / mixed, who was
 * heard, how representative the trail's trusts are of England's, the graph, the offers side by side and the
 * insights as a table; filters recompute all of it; every table downloads and the page prints as a report.
 * It asks only for what the signed-in role may see. The subject is in the address (#<global id>), so a view can be
 * bookmarked and shared.
 */
import './styles.css';

import { StrictMode, useCallback, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';

import type { AccessRole } from '../auth/roles.js';
import {
  createClient,
  DashboardDeterminantInsightsDocument,
  DashboardEvidenceDocument,
  DashboardEvidenceInsightsDocument,
  DashboardOffersComparedDocument,
  DashboardSubjectsDocument,
  DashboardSuppliersDocument,
  DashboardTrustsDocument,
  GraphQLRequestError,
  type DashboardOffersComparedQuery,
  type DashboardSubjectsQuery,
} from '../client/index.js';
import { SignIn } from '../web/SignIn.js';
import { readSession, type Session } from '../web/session.js';
import { EvidenceView, type Subject } from './EvidenceView.js';
import { fromDeterminantInsight, fromTrailInsight, type EvidenceRow, type SupplierName, type TrustRow } from './evidence.js';
import { loadElk } from './graph-layout.js';

let session = readSession();
const client = createClient({ url: '/graphql', token: () => session?.token });

function describeError(error: unknown): string {
  if (error instanceof GraphQLRequestError) return `${error.message} (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}

/** Every trust, a page at a time (England, for the representativeness charts). */
async function loadAllTrusts(): Promise<TrustRow[]> {
  const trusts: TrustRow[] = [];
  let after: string | null | undefined;
  do {
    const { trusts: page } = await client.request(DashboardTrustsDocument, { first: 100, after });
    trusts.push(...page.nodes);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
  } while (after);
  return trusts;
}

/**
 * The subject's insights, in the role's shape; undefined where the role may not see them. An offer's or a
 * decision's come in one request, sent beside the subject's own (`trail`); a determinant's a page at a time.
 */
async function loadRows(subject: Subject, role: AccessRole, trail: ReturnType<typeof requestTrail>): Promise<EvidenceRow[] | undefined> {
  if (role === 'viewer') return undefined;
  if (subject.__typename === 'Determinant') {
    const rows: EvidenceRow[] = [];
    let after: string | null | undefined;
    do {
      const { determinant } = await client.request(DashboardDeterminantInsightsDocument, {
        determinantId: subject.determinantId,
        after,
        researcher: role === 'researcher',
      });
      const page = determinant?.insights;
      if (!page) break;
      rows.push(...page.nodes.map((insight) => fromDeterminantInsight(insight, subject.determinantId)));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
    } while (after);
    return rows;
  }
  const node = (await trail)?.node;
  const insights = node?.__typename === 'SupportOffer' || node?.__typename === 'PolicyDecision' ? node.evidence.insights : undefined;
  return insights?.map(fromTrailInsight);
}

/** An offer's or a decision's insights, asked for before the page knows which of the two (or a determinant) it is. */
function requestTrail(id: string, role: AccessRole) {
  if (role === 'viewer') return Promise.resolve(undefined);
  loadElk(); // the graph follows the insights: let the layout library load beside them
  return client.request(DashboardEvidenceInsightsDocument, { id });
}

const subjectFromHash = () => decodeURIComponent(window.location.hash.replace(/^#/, ''));

function App() {
  const [current, setSession] = useState<Session | undefined>(session);
  const [subjects, setSubjects] = useState<DashboardSubjectsQuery>();
  const [subjectId, setSubjectId] = useState(subjectFromHash);
  const [subject, setSubject] = useState<Subject>();
  const [rows, setRows] = useState<EvidenceRow[]>();
  const [trusts, setTrusts] = useState<TrustRow[]>();
  const [suppliers, setSuppliers] = useState<SupplierName[]>();
  const [offers, setOffers] = useState<DashboardOffersComparedQuery['supportOffers']>();
  const [error, setError] = useState<string>();
  // A signed-in page knows its role at once; otherwise the server says which anonymous role applies.
  const role = (current?.role ?? subjects?.accessRole.toLowerCase()) as AccessRole | undefined;

  const changeSession = useCallback((next: Session | undefined) => {
    session = next;
    setSession(next);
    setError(undefined);
  }, []);

  useEffect(() => {
    const onHash = () => setSubjectId(subjectFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  // What the page needs whatever the subject; again after a sign-in, since the role changes what it may see.
  useEffect(() => {
    setSubjects(undefined);
    client.request(DashboardSubjectsDocument).then(setSubjects, (e: unknown) => setError(describeError(e)));
    client.request(DashboardOffersComparedDocument).then(({ supportOffers }) => setOffers(supportOffers), (e: unknown) => setError(describeError(e)));
    loadAllTrusts().then(setTrusts, (e: unknown) => setError(describeError(e)));
    client.request(DashboardSuppliersDocument).then(({ suppliers: all }) => setSuppliers(all), (e: unknown) => setError(describeError(e)));
  }, [current]);

  useEffect(() => {
    setSubject(undefined);
    setRows(undefined);
    if (!subjectId || !role) return;
    let live = true;
    const trail = requestTrail(subjectId, role);
    trail.catch(() => undefined); // reported by loadRows
    client.request(DashboardEvidenceDocument, { id: subjectId, analyst: role !== 'viewer' }).then(
      ({ node }) => {
        if (!live) return;
        const found = node?.__typename === 'SupportOffer' || node?.__typename === 'PolicyDecision' || node?.__typename === 'Determinant' ? node : undefined;
        if (!found) {
          setError(`Nothing to show for "${subjectId}": choose an offer, a decision or a determinant.`);
          return;
        }
        setSubject(found);
        loadRows(found, role, trail).then((loaded) => live && setRows(loaded), (e: unknown) => setError(describeError(e)));
      },
      (e: unknown) => setError(describeError(e)),
    );
    return () => {
      live = false;
    };
  }, [subjectId, role]);

  const choose = (id: string) => {
    setError(undefined);
    window.location.hash = id ? encodeURIComponent(id) : '';
    setSubjectId(id);
  };

  const picker = useMemo(
    () => (
      <div className="picker no-print">
        <label htmlFor="subject">Evidence for</label>{' '}
        <select id="subject" value={subjectId} onChange={(event) => choose(event.target.value)} disabled={!subjects}>
          <option value="">Choose an offer, a decision or a determinant…</option>
          <optgroup label="Policy decisions">
            {subjects?.policyDecisions.map((decision) => (
              <option key={decision.id} value={decision.id} data-natural-id={decision.decisionId}>
                {decision.name}
              </option>
            ))}
          </optgroup>
          <optgroup label="Support offers">
            {subjects?.supportOffers.map((offer) => (
              <option key={offer.id} value={offer.id} data-natural-id={offer.offerId}>
                {offer.name}
              </option>
            ))}
          </optgroup>
          <optgroup label="Determinants">
            {subjects?.determinants.map((determinant) => (
              <option key={determinant.id} value={determinant.id} data-natural-id={determinant.determinantId}>
                {determinant.determinantId} {determinant.name}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
    ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [subjects, subjectId],
  );

  return (
    <>
      <header className="no-print">
        <h1>
          <a href="/">EPR evidence graph</a>: dashboard
        </h1>
        <SignIn session={current} onChange={changeSession} />
      </header>
      <main>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {picker}
        {!subjectId && <Welcome subjects={subjects} onChoose={choose} role={role ?? 'viewer'} />}
        {subject && role && (
          <EvidenceView
            key={subject.id}
            subject={subject}
            rows={rows}
            role={role}
            trusts={trusts}
            suppliers={suppliers}
            offers={offers}
            client={client}
          />
        )}
        {subjectId && !subject && !error && <p>Loading the evidence…</p>}
      </main>
    </>
  );
}

/** The first view: what the dashboard answers, and the two subjects analysts ask about most. */
function Welcome({ subjects, onChoose, role }: { subjects: DashboardSubjectsQuery | undefined; onChoose(id: string): void; role: AccessRole }) {
  return (
    <section aria-labelledby="welcome-heading">
      <h2 id="welcome-heading">Which evidence supports an offer or a decision, and how strong and representative is it?</h2>
      <p>
        Choose a subject above, or start with a policy decision:{' '}
        {subjects?.policyDecisions.map((decision, index) => (
          <span key={decision.id}>
            {index > 0 && ', '}
            <button type="button" className="link" onClick={() => onChoose(decision.id)}>
              {decision.name}
            </button>
          </span>
        ))}
        .
      </p>
      {role === 'viewer' && (
        <p className="note">
          You are reading as a <strong>viewer</strong>: counts and strength profiles only. Sign in as an analyst (top right) for the insights, the graph,
          who was heard and the tables.
        </p>
      )}
    </section>
  );
}


createRoot(document.getElementById('dashboard')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
