/**
 * The evidence dashboard served at /dashboard: an analyst picks a support offer, a policy decision or a determinant
 * and reads its evidence: the strength profile in words, the findings, supporting / contradicting / mixed, who was
 * heard, how representative the trail's trusts are of England's, the graph, the offers side by side and the
 * insights as a table; filters recompute all of it; every table downloads and the page prints as a report.
 * It asks only for what the signed-in role may see. The subject is in the address (#<global id>), so a view can be
 * bookmarked and shared.
 */
import './styles.css';

import { StrictMode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';

import type { AccessRole } from '../auth/roles.js';
import {
  createClient,
  DashboardOffersComparedDocument,
  DashboardSubjectsDocument,
  DashboardSuppliersDocument,
  DashboardTrustsDocument,
  type DashboardOffersComparedQuery,
  type DashboardSubjectsQuery,
} from '../client/index.js';
import { SignIn } from '../web/SignIn.js';
import { readSession, type Session } from '../web/session.js';
import { EvidenceView } from './EvidenceView.js';
import type { SupplierName, TrustRow } from './evidence.js';
import { loadElk } from './graph-layout.js';
import {
  describeError,
  loadEvidence,
  LOADING,
  type InsightRows,
  type Loadable,
  type RetriablePart,
  type SubjectFindings,
  type SubjectHeader,
  type SubjectStrength,
  type SubjectTrail,
} from './load-evidence.js';
import { createRequester, PRIORITY } from './requests.js';

let session = readSession();
const client = createClient({ url: '/graphql', token: () => session?.token });
const request = createRequester(client);

/** Every trust, a page at a time (England, for the representativeness charts). */
async function loadAllTrusts(): Promise<TrustRow[]> {
  const trusts: TrustRow[] = [];
  let after: string | null | undefined;
  do {
    const { trusts: page } = await request(DashboardTrustsDocument, { first: 100, after }, { priority: PRIORITY.background });
    trusts.push(...page.nodes);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : undefined;
  } while (after);
  return trusts;
}

const subjectFromHash = () => decodeURIComponent(window.location.hash.replace(/^#/, ''));

function App() {
  const [current, setSession] = useState<Session | undefined>(session);
  const [subjects, setSubjects] = useState<DashboardSubjectsQuery>();
  const [subjectId, setSubjectId] = useState(subjectFromHash);
  const [header, setHeader] = useState<Loadable<SubjectHeader | undefined>>(LOADING);
  const [strength, setStrength] = useState<Loadable<SubjectStrength>>(LOADING);
  const [trail, setTrail] = useState<Loadable<SubjectTrail>>(LOADING);
  const [findings, setFindings] = useState<Loadable<SubjectFindings>>(LOADING);
  const [insights, setInsights] = useState<Loadable<InsightRows>>(LOADING);
  const [trusts, setTrusts] = useState<TrustRow[]>();
  const [suppliers, setSuppliers] = useState<SupplierName[]>();
  const [offers, setOffers] = useState<DashboardOffersComparedQuery['supportOffers']>();
  const [error, setError] = useState<string>();
  const retryPart = useRef<(part: RetriablePart) => void>(() => {});
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
    const fail = (what: string) => (e: unknown) => setError(`Could not load ${what}: ${describeError(e)}`);
    // The picker's list; without a session it also says the anonymous role, which the view waits for.
    request(DashboardSubjectsDocument, {}, { priority: current ? PRIORITY.view : PRIORITY.subject }).then(
      setSubjects,
      fail('the offers, decisions and determinants'),
    );
    request(DashboardOffersComparedDocument, {}, { priority: PRIORITY.page }).then(
      ({ supportOffers }) => setOffers(supportOffers),
      fail('the offers side by side'),
    );
    loadAllTrusts().then(setTrusts, fail("England's trusts (for the representativeness charts)"));
    request(DashboardSuppliersDocument, {}, { priority: PRIORITY.background }).then(({ suppliers: all }) => setSuppliers(all), fail('the EPR suppliers'));
  }, [current]);

  useEffect(() => {
    for (const reset of [setHeader, setStrength, setTrail, setFindings, setInsights]) reset(LOADING);
    if (!subjectId || !role) return;
    const controller = new AbortController();
    // The graph follows the insights: the layout library (1.6 MB) loads once the first page is in, beside the rest,
    // rather than beside the heading and profile, which the server would then serve after it. A failed load is the
    // graph's error.
    const insightsIn = (value: Loadable<InsightRows>) => {
      if (value.state === 'loaded') loadElk().catch(() => undefined);
      setInsights(value);
    };
    const report = { header: setHeader, strength: setStrength, trail: setTrail, findings: setFindings, insights: insightsIn };
    retryPart.current = loadEvidence(request, subjectId, role, report, controller.signal);
    return () => controller.abort();
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
        {header.state === 'failed' && (
          <p role="alert" className="error">
            {header.error}
          </p>
        )}
        {header.state === 'loaded' && !header.value && (
          <p role="alert" className="error">
            Nothing to show for "{subjectId}": choose an offer, a decision or a determinant.
          </p>
        )}
        {header.state === 'loaded' && header.value && role && (
          <EvidenceView
            key={header.value.id}
            subject={header.value}
            strength={strength}
            trail={trail}
            findings={findings}
            insights={insights}
            onRetry={(part) => retryPart.current(part)}
            role={role}
            trusts={trusts}
            suppliers={suppliers}
            offers={offers}
            client={client}
          />
        )}
        {subjectId && header.state === 'loading' && <p>Loading the evidence…</p>}
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
          You are reading as a <strong>viewer</strong>: counts and strength profiles only. Sign in as an analyst (top right) for the insights, the graph, who
          was heard and the tables.
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
