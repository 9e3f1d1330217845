/**
 * The evidence dashboard served at /dashboard: pick a support offer or a policy decision, see its evidence trail as
 * a graph (click or press Enter on a node for details), its evidence-strength profile, how representative the
 * interviewed trusts are, and the EPR supplier landscape. Every request goes to this server through the typed
 * client; nothing is loaded from outside it.
 */
import './styles.css';

import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

import {
  createClient,
  DashboardEvidenceDocument,
  DashboardNodeDetailsDocument,
  DashboardSubjectsDocument,
  DashboardTrustsDocument,
  GraphQLRequestError,
  type DashboardEvidenceQuery,
  type DashboardNodeDetailsQuery,
  type DashboardSubjectsQuery,
} from '../client/index.js';
import { ProfileChart, SampleChart, SupplierChart } from './charts.js';
import { EvidenceGraphView, type NodeStance } from './EvidenceGraphView.js';
import { compareSample, humanise, tallySuppliers, type TrustRow } from './tallies.js';

const TOKEN_KEY = 'epr-evidence-graph.token';
const client = createClient({ url: '/graphql', token: () => sessionStorage.getItem(TOKEN_KEY) ?? undefined });

type Subject = Extract<NonNullable<DashboardEvidenceQuery['node']>, { __typename: 'SupportOffer' | 'PolicyDecision' }>;

function describeError(error: unknown): string {
  if (error instanceof GraphQLRequestError) return `${error.message} (${error.code})`;
  return error instanceof Error ? error.message : String(error);
}

/** Every trust, a page at a time (the population for the charts). */
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

function App() {
  const [subjects, setSubjects] = useState<DashboardSubjectsQuery>();
  const [subjectId, setSubjectId] = useState('');
  const [subject, setSubject] = useState<Subject>();
  const [nodeId, setNodeId] = useState<string>();
  const [details, setDetails] = useState<DashboardNodeDetailsQuery['node']>();
  const [trusts, setTrusts] = useState<TrustRow[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    client.request(DashboardSubjectsDocument).then(setSubjects, (e: unknown) => setError(describeError(e)));
    loadAllTrusts().then(setTrusts, (e: unknown) => setError(describeError(e)));
  }, []);

  useEffect(() => {
    setSubject(undefined);
    setNodeId(undefined);
    if (!subjectId) return;
    client.request(DashboardEvidenceDocument, { id: subjectId }).then(
      ({ node }) => setSubject(node?.__typename === 'SupportOffer' || node?.__typename === 'PolicyDecision' ? node : undefined),
      (e: unknown) => setError(describeError(e)),
    );
  }, [subjectId]);

  useEffect(() => {
    setDetails(undefined);
    if (!nodeId) return;
    client.request(DashboardNodeDetailsDocument, { id: nodeId }).then(
      ({ node }) => setDetails(node),
      (e: unknown) => setError(describeError(e)),
    );
  }, [nodeId]);

  const stances = new Map<string, NodeStance>(
    subject?.evidence.insights.map((entry) => [entry.insight.id, entry.mixed ? 'MIXED' : entry.stance]) ?? [],
  );
  const summary = subject?.evidence.summary;

  return (
    <>
      <header>
        <h1>EPR evidence dashboard</h1>
        <label>
          Access token (optional){' '}
          <input
            type="password"
            defaultValue={sessionStorage.getItem(TOKEN_KEY) ?? ''}
            onChange={(event) => sessionStorage.setItem(TOKEN_KEY, event.target.value)}
          />
        </label>
      </header>
      <main>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <section aria-labelledby="trail-heading">
          <h2 id="trail-heading">Evidence trail</h2>
          <label htmlFor="subject">Offer or decision</label>{' '}
          <select id="subject" value={subjectId} onChange={(event) => setSubjectId(event.target.value)} disabled={!subjects}>
            <option value="">Choose one…</option>
            <optgroup label="Support offers">
              {subjects?.supportOffers.map((offer) => (
                <option key={offer.id} value={offer.id} data-natural-id={offer.offerId}>
                  {offer.name}
                </option>
              ))}
            </optgroup>
            <optgroup label="Policy decisions">
              {subjects?.policyDecisions.map((decision) => (
                <option key={decision.id} value={decision.id} data-natural-id={decision.decisionId}>
                  {decision.name}
                </option>
              ))}
            </optgroup>
          </select>
          {subject && (
            <>
              <p>
                {subject.summary}
                {subject.illustrative && <em> (illustrative: modelled for the project)</em>}
              </p>
              <Legend />
              <div className="trail">
                <EvidenceGraphView graph={subject.evidenceGraph} stances={stances} selectedId={nodeId} onSelect={setNodeId} />
                <aside aria-live="polite" aria-label="Node details" className="details">
                  {details ? <NodeDetails node={details} /> : <p>Select a node for its details.</p>}
                </aside>
              </div>
            </>
          )}
        </section>
        {summary && (
          <section aria-labelledby="profile-heading">
            <h2 id="profile-heading">Evidence strength</h2>
            {(summary.trusts <= 1 || summary.roles <= 1) && (
              <p className="warning">Thin evidence: it comes from {summary.trusts === 1 ? 'one trust' : `${summary.trusts} trusts`} and {summary.roles === 1 ? 'one role' : `${summary.roles} roles`}.</p>
            )}
            <ProfileChart
              rows={[
                { label: 'Insights', value: summary.insights },
                { label: 'Supporting', value: summary.supportingInsights },
                { label: 'Contradicting', value: summary.contradictingInsights },
                { label: 'Interviews', value: summary.interviews },
                { label: 'Trusts', value: summary.trusts },
                { label: 'Roles', value: summary.roles },
                { label: 'Regions', value: summary.regions },
                { label: 'Trust types', value: summary.trustTypes },
                { label: 'EPR suppliers', value: summary.suppliers },
                { label: 'Published sources', value: summary.sources },
                { label: 'Determinants', value: summary.determinants },
              ]}
            />
          </section>
        )}
        <section aria-labelledby="sample-heading">
          <h2 id="sample-heading">Representativeness of the sample</h2>
          {trusts ? (
            <div className="charts">
              <SampleChart caption="Trusts by region" groupLabel="Region" rows={compareSample(trusts, (trust) => trust.region)} />
              <SampleChart caption="Trusts by type" groupLabel="Trust type" rows={compareSample(trusts, (trust) => trust.type)} />
            </div>
          ) : (
            <p>Loading trusts…</p>
          )}
        </section>
        <section aria-labelledby="supplier-heading">
          <h2 id="supplier-heading">Supplier landscape</h2>
          {trusts ? <SupplierChart rows={tallySuppliers(trusts)} /> : <p>Loading trusts…</p>}
        </section>
      </main>
    </>
  );
}

function Legend() {
  return (
    <ul className="legend" aria-label="Legend">
      <li className="stance-supports">Supports</li>
      <li className="stance-contradicts">Contradicts</li>
      <li className="stance-mixed">Mixed</li>
    </ul>
  );
}

function NodeDetails({ node }: { node: NonNullable<DashboardNodeDetailsQuery['node']> }) {
  const rows: Array<[string, string | number | null | undefined]> = (() => {
    switch (node.__typename) {
      case 'SupportOffer':
        return [['Support offer', node.name], ['Summary', node.summary], ['Illustrative', node.illustrative ? 'yes' : 'no']];
      case 'PolicyDecision':
        return [['Policy decision', node.name], ['Summary', node.summary], ['Decided on', node.decidedOn]];
      case 'Determinant':
        return [['Determinant', `${node.determinantId}: ${node.name}`], ['Category', node.category], ['Description', node.description]];
      case 'Insight':
        return [
          ['Insight', node.insightId],
          ['Summary', node.summary],
          ['Quote', node.quote],
          ['Sentiment', humanise(node.sentiment)],
          ['Illustrative', node.illustrative ? 'yes' : 'no'],
        ];
      case 'Interview':
        return [
          ['Interview', node.interviewId],
          ['Held on', node.heldOn],
          ['Method', humanise(node.method)],
          ['Participants', node.participants.map((p) => `${p.code} (${p.role.name})`).join(', ')],
        ];
      case 'Trust':
        return [['Trust', `${node.name} (${node.odsCode})`], ['Type', humanise(node.type)], ['Region', humanise(node.region)], ['EPR status', humanise(node.eprStatus)]];
      case 'Source':
        return [['Source', node.title], ['Publisher', node.publisher], ['Year', node.year], ['Kind', humanise(node.kind)], ['URL', node.url]];
      case 'Workshop':
        return [['Workshop', node.title], ['Held on', node.heldOn], ['Format', humanise(node.format)]];
      default:
        return [['Node', node.id]];
    }
  })();
  return (
    <dl>
      {rows
        .filter(([, value]) => value !== null && value !== undefined && value !== '')
        .map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

createRoot(document.getElementById('dashboard')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
