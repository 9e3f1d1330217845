/**
 * The evidence view of one subject (offer, decision or determinant). What the server computed for the whole
 * trail (its strength profile and stance counts, findings and sources) shows as each part arrives
 * (./load-evidence.ts); what depends on the filters (stance counts, who was heard, representativeness, the graph,
 * the filtered profile) is computed here from all the insights, by the server's own rules (./evidence.ts), so a
 * filter change needs no request. The insights come a page at a time: the table shows those in, and what is
 * computed from them waits, saying so, until the last page is in.
 */
import { useCallback, useDeferredValue, useMemo, useState, type ReactNode } from 'react';

import { assertNever } from '../assert-never.js';
import type { AccessRole } from '../auth/roles.js';
import { type Client, type DashboardOffersComparedQuery } from '../client/index.js';
import { countStances, filterRows, gradeRows, isFiltered, NO_FILTERS, type Filters, type SupplierName, type TrustRow } from './evidence.js';
import { EvidenceGraphView, Legend } from './EvidenceGraphView.js';
import { buildGraph, type GraphInput, type GraphNode } from './graph-layout.js';
import { REGION_LABELS, STANCE_LABELS, TRUST_TYPE_LABELS } from './labels.js';
import type { InsightRows, Loadable, RetriablePart, SubjectFindings, SubjectHeader, SubjectStrength, SubjectTrail } from './load-evidence.js';

import {
  FilterPanel,
  InsightsSection,
  NodeDetails,
  OffersSection,
  RepresentativenessSection,
  SourcesSection,
  StanceSection,
  VoicesSection,
} from './evidence-sections.js';
import { slug } from './download.js';
import { DeterminantFinding, FindingsSection, KIND_NAMES, PrintHeader, SoqfSection, stancesOfProfile, StrengthSection } from './strength-sections.js';

type Subject = SubjectHeader;
type Offers = DashboardOffersComparedQuery['supportOffers'];

/** The provenance lines every download and the printed report carry. */
function provenanceOf(subject: Subject, filters: string, illustrative: boolean): string[] {
  return [
    `EPR evidence graph: evidence for the ${KIND_NAMES[subject.__typename].toLowerCase()} "${subject.name}", ${new Date().toISOString().slice(0, 10)}.`,
    `Filters: ${filters}.`,
    `Source: ${subject.source.title} (${subject.source.publisher}${subject.source.year ? `, ${subject.source.year}` : ''}).`,
    ...(illustrative
      ? ['The interviews, insights, workshops and offers of the bundled data are illustrative (written for the project), not findings about the NHS.']
      : []),
    'Trusts, EPR implementations, determinants and published sources are public facts, each with its source in the graph.',
  ];
}

function describeFilters(filters: Filters, roleNames: Map<string, string>, supplierNames: Map<string, string>, studyNames: Map<string, string>): string {
  const parts = [
    ['regions', [...filters.regions].map((key) => REGION_LABELS[key as keyof typeof REGION_LABELS] ?? key)],
    ['trust types', [...filters.trustTypes].map((key) => TRUST_TYPE_LABELS[key as keyof typeof TRUST_TYPE_LABELS] ?? key)],
    ['roles', [...filters.roleIds].map((key) => roleNames.get(key) ?? key)],
    ['suppliers', [...filters.supplierIds].map((key) => supplierNames.get(key) ?? key)],
    ['stances', [...filters.stances].map((key) => STANCE_LABELS[key as keyof typeof STANCE_LABELS] ?? key)],
    ['studies', [...filters.studyIds].map((key) => studyNames.get(key) ?? key)],
  ] as const;
  const chosen = parts.filter(([, values]) => values.length > 0).map(([name, values]) => `${name}: ${values.join(' or ')}`);
  return chosen.length === 0 ? 'none (all the evidence)' : chosen.join('; ');
}

export function EvidenceView({
  subject,
  strength,
  trail,
  findings,
  insights,
  onRetry,
  role,
  trusts,
  suppliers,
  offers,
  client,
}: {
  subject: Subject;
  strength: Loadable<SubjectStrength>;
  trail: Loadable<SubjectTrail>;
  findings: Loadable<SubjectFindings>;
  /** Loading for a viewer, who never gets them. */
  insights: Loadable<InsightRows>;
  onRetry(part: RetriablePart): void;
  role: AccessRole;
  trusts: TrustRow[] | undefined;
  suppliers: SupplierName[] | undefined;
  offers: Offers | undefined;
  client: Client;
}) {
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const deferredFilters = useDeferredValue(filters);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [selected, setSelected] = useState<GraphNode>();
  const analyst = role !== 'viewer';
  const profile = strength.state === 'loaded' ? strength.value.evidenceStrength : undefined;
  const trailParts = trail.state === 'loaded' ? trail.value?.evidence : undefined;
  const arrived = insights.state === 'loaded' ? insights.value : undefined;
  // Everything computed from the insights is computed from all of them, never from the pages in so far.
  const rows = arrived?.complete ? arrived.rows : undefined;

  const filtered = useMemo(() => (rows ? filterRows(rows, deferredFilters) : undefined), [rows, deferredFilters]);
  const roleNames = useMemo(() => new Map((rows ?? []).flatMap((row) => row.roles ?? []).map((r) => [r.roleId, r.name])), [rows]);
  const supplierNames = useMemo(() => new Map((suppliers ?? []).map((s) => [s.supplierId, s.name])), [suppliers]);
  const studyNames = useMemo(() => new Map((rows ?? []).map((row) => [row.study.studyId, row.study.title])), [rows]);
  const filterText = describeFilters(deferredFilters, roleNames, supplierNames, studyNames);
  const illustrative =
    (subject.__typename === 'Determinant' ? false : subject.illustrative || (trailParts?.summary.illustrativeInsights ?? 0) > 0) ||
    (arrived?.rows ?? []).some((row) => row.illustrative);
  const provenance = provenanceOf(subject, filterText, illustrative);
  const fileStem = slug(subject.name);

  const filteredStrength = useMemo(
    () =>
      filtered && profile && isFiltered(deferredFilters)
        ? gradeRows(filtered, { sources: profile.sources, supportingSources: profile.supportingSources, contradictingSources: profile.contradictingSources })
        : undefined,
    [filtered, deferredFilters, profile],
  );

  const graphInput = useMemo((): GraphInput | undefined => {
    if (!filtered) return undefined;
    if (subject.__typename !== 'Determinant' && !trailParts) return undefined;
    const kind = subject.__typename === 'SupportOffer' ? 'SUPPORT_OFFER' : subject.__typename === 'PolicyDecision' ? 'POLICY_DECISION' : 'DETERMINANT';
    const determinants =
      subject.__typename === 'Determinant'
        ? [{ id: subject.id, determinantId: subject.determinantId, name: subject.name }]
        : trailParts!.determinants.map((entry) => entry.determinant);
    const sources =
      subject.__typename === 'Determinant'
        ? subject.sources.map((link) => ({
            id: link.source.id,
            title: link.source.title,
            direct: false,
            links: [{ determinantId: subject.determinantId, stance: link.stance }],
          }))
        : trailParts!.sources.map((entry) => ({
            id: entry.source.id,
            title: entry.source.title,
            direct: entry.direct,
            links: entry.determinants.map((link) => ({ determinantId: link.determinant.determinantId, stance: link.stance })),
          }));
    return {
      subject: { id: subject.id, kind, name: subject.name },
      offers:
        subject.__typename === 'PolicyDecision'
          ? subject.supportOffers.map((o) => ({ id: o.id, name: o.name, determinantIds: o.determinants.map((d) => d.determinantId) }))
          : [],
      determinants,
      sources,
      rows: filtered,
      expanded,
    };
  }, [subject, trailParts, filtered, expanded]);
  const graph = useMemo(() => (graphInput ? buildGraph(graphInput) : undefined), [graphInput]);
  const toggleGroup = useCallback((key: string) => {
    setExpanded((before) => {
      const next = new Set(before);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);
  const waiting =
    arrived && !arrived.complete && profile ? `${arrived.rows.length.toLocaleString('en-GB')} of ${profile.insights.toLocaleString('en-GB')}` : undefined;

  return (
    <article className="evidence" aria-labelledby="subject-heading">
      <PrintHeader subject={subject} filters={filterText} provenance={provenance} />
      <section aria-labelledby="subject-heading">
        <p className="kind">{KIND_NAMES[subject.__typename]}</p>
        <h2 id="subject-heading">{subject.name}</h2>
        <p>{subject.summary}</p>
        {illustrative && (
          <p className="note">
            Illustrative: the interviews and insights behind it were written for the project, not gathered from the NHS; read the answers as what the graph can
            tell.
          </p>
        )}
        <button type="button" className="no-print" onClick={() => window.print()}>
          Print or save as PDF
        </button>
      </section>

      <Part part={strength} what="the strength profile" heading="How strong is the evidence?" onRetry={() => onRetry('strength')}>
        {(value) => <StrengthSection strength={value.evidenceStrength} filtered={filteredStrength} provenance={provenance} fileStem={fileStem} />}
      </Part>
      {subject.__typename === 'Determinant' ? (
        <Part part={strength} what="the finding" heading="Finding" onRetry={() => onRetry('strength')}>
          {(value) => <DeterminantFinding subject={subject} strength={value.evidenceStrength} />}
        </Part>
      ) : (
        <Part part={trail} what="the findings" heading="Findings: the determinants it rests on" onRetry={() => onRetry('trail')}>
          {(value) => value && <FindingsSection determinants={value.evidence.determinants} provenance={provenance} fileStem={fileStem} />}
        </Part>
      )}
      <Part part={findings} what="the summary of qualitative findings" heading="Summary of qualitative findings" onRetry={() => onRetry('findings')}>
        {(value) => (
          <SoqfSection findings={value.__typename === 'Determinant' ? [value.finding] : value.findings} provenance={provenance} fileStem={fileStem} />
        )}
      </Part>

      {!analyst && (
        <section>
          <p className="note">
            The insights, who was heard, the representativeness of this evidence, the graph and the insights table need the analyst role. Sign in as an analyst
            (top right).
          </p>
        </section>
      )}
      {analyst && insights.state === 'failed' && (
        <p role="alert" className="error">
          The insights could not be loaded: {insights.error} Reload the page to try again.
        </p>
      )}
      {analyst && !rows && insights.state !== 'failed' && (
        <section aria-labelledby="waiting-heading" className="no-print">
          <h2 id="waiting-heading">Filters, who was heard, representativeness and the graph</h2>
          <p aria-live="polite" data-testid="insights-progress">
            Loading the insights{waiting ? `: ${waiting} in` : ''}. The filters, the charts and the graph are computed from all of them, so that their numbers
            are exact: they appear once the last page is in. The table below lists the insights in so far.
          </p>
        </section>
      )}
      {analyst && rows && filtered && <FilterPanel rows={rows} suppliers={suppliers ?? []} filters={filters} onChange={setFilters} shown={filtered.length} />}
      {analyst && (
        <StanceSection
          counts={filtered ? countStances(filtered) : profile ? stancesOfProfile(profile) : undefined}
          filtered={filtered !== undefined && isFiltered(deferredFilters)}
        />
      )}
      {analyst && rows && filtered && (
        <>
          <VoicesSection rows={filtered} suppliers={suppliers ?? []} provenance={provenance} fileStem={fileStem} />
          <RepresentativenessSection rows={filtered} trusts={trusts} suppliers={suppliers} provenance={provenance} fileStem={fileStem} />
          {graph && (
            <section aria-labelledby="graph-heading" className="graph-section">
              <h2 id="graph-heading">The chain of evidence</h2>
              <Legend />
              <div className="trail">
                <EvidenceGraphView graph={graph} subjectId={subject.id} selectedId={selected?.id} onSelect={setSelected} onToggleGroup={toggleGroup} />
                <NodeDetails node={selected} role={role} client={client} />
              </div>
              {expanded.size > 0 && (
                <button type="button" className="no-print" onClick={() => setExpanded(new Set())}>
                  Collapse every group of insights
                </button>
              )}
            </section>
          )}
        </>
      )}
      {analyst && arrived && <InsightsSection rows={filtered ?? arrived.rows} waiting={waiting} provenance={provenance} fileStem={fileStem} />}
      <OffersSection offers={offers} subject={subject} provenance={provenance} />
      {subject.__typename === 'Determinant' ? (
        <SourcesSection
          rows={subject.sources.map((link) => ({ ...link.source, how: STANCE_LABELS[link.stance] }))}
          provenance={provenance}
          fileStem={fileStem}
        />
      ) : (
        <Part part={trail} what="the published sources" heading="Published sources" onRetry={() => onRetry('trail')}>
          {(value) =>
            value && (
              <SourcesSection
                rows={value.evidence.sources.map((entry) => ({
                  ...entry.source,
                  how: [
                    entry.direct ? 'Informed it directly' : '',
                    ...entry.determinants.map((d) => `${STANCE_LABELS[d.stance]} ${d.determinant.determinantId}`),
                  ]
                    .filter(Boolean)
                    .join('; '),
                }))}
                provenance={provenance}
                fileStem={fileStem}
              />
            )
          }
        </Part>
      )}
    </article>
  );
}

/** A part of the view that has its own request: its section once in, a line saying it is on its way, or its error. */
function Part<T>({
  part,
  what,
  heading,
  onRetry,
  children,
}: {
  part: Loadable<T>;
  what: string;
  heading: string;
  onRetry(): void;
  children(value: T): ReactNode;
}) {
  switch (part.state) {
    case 'loaded':
      return <>{children(part.value)}</>;
    case 'loading':
      return (
        <section aria-label={heading}>
          <h2>{heading}</h2>
          <p className="muted">Loading {what}…</p>
        </section>
      );
    case 'failed':
      return (
        <section aria-label={heading}>
          <h2>{heading}</h2>
          <p role="alert" className="error">
            Could not load {what}: {part.error}
          </p>
          <button type="button" className="no-print" onClick={onRetry}>
            Try again
          </button>
        </section>
      );
    default:
      return assertNever(part, 'part state');
  }
}
