/**
 * The evidence view of one subject (offer, decision or determinant). What the server computed for the whole
 * trail (its strength profile and stance counts, findings and sources) shows as each part arrives
 * (./load-evidence.ts); what depends on the filters (stance counts, who was heard, representativeness, the graph,
 * the filtered profile) is computed here from all the insights, by the server's own rules (./evidence.ts), so a
 * filter change needs no request. The insights come a page at a time: the table shows those in, and what is
 * computed from them waits, saying so, until the last page is in.
 */
import { useCallback, useDeferredValue, useEffect, useMemo, useState, type ReactNode } from 'react';

import { assertNever } from '../assert-never.js';
import type { AccessRole } from '../auth/roles.js';
import {
  DashboardNodeDetailsDocument,
  type Client,
  type DashboardNodeDetailsQuery,
  type ConcernLevel,
  type DashboardOffersComparedQuery,
  type FindingRowFragment,
  type StrengthProfileFragment,
} from '../client/index.js';
import { RepresentativenessChart, TallyChart } from './charts.js';
import {
  countStances,
  enumGroups,
  filterRows,
  gradeRows,
  isFiltered,
  NO_FILTERS,
  representTrail,
  tally,
  type EvidenceRow,
  type Filters,
  type StanceCounts,
  type SupplierName,
  type TrustRow,
} from './evidence.js';
import { EvidenceGraphView, Legend } from './EvidenceGraphView.js';
import { buildGraph, type GraphInput, type GraphNode } from './graph-layout.js';
import {
  COMPONENT_LABELS,
  EPR_STATUS_LABELS,
  GRADE_LABELS,
  GRADE_MEANINGS,
  REGION_LABELS,
  SENTIMENT_LABELS,
  SOURCE_KIND_LABELS,
  STANCE_LABELS,
  TRUST_TYPE_LABELS,
} from './labels.js';
import type { InsightRows, Loadable, RetriablePart, SubjectFindings, SubjectHeader, SubjectStrength, SubjectTrail } from './load-evidence.js';
import { DownloadButtons, SortableTable, type Column } from './table.js';

type Subject = SubjectHeader;
type Offers = DashboardOffersComparedQuery['supportOffers'];

const KIND_NAMES = { SupportOffer: 'Support offer', PolicyDecision: 'Policy decision', Determinant: 'Determinant' } as const;

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

/**
 * The server's stance counts of the whole evidence, from its profile: an insight with links of both kinds counts
 * on both sides there, so mixed = supporting + contradicting - insights.
 */
function stancesOfProfile(profile: StrengthProfileFragment): StanceCounts {
  const mixed = profile.supportingInsights + profile.contradictingInsights - profile.insights;
  return { supporting: profile.supportingInsights - mixed, contradicting: profile.contradictingInsights - mixed, mixed, total: profile.insights };
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);

function PrintHeader({ subject, filters, provenance }: { subject: Subject; filters: string; provenance: string[] }) {
  return (
    <div className="print-only print-header">
      <p>
        <strong>EPR evidence graph: evidence report</strong>, printed {new Date().toLocaleString('en-GB')}
      </p>
      <p>
        {KIND_NAMES[subject.__typename]}: {subject.name}. Filters: {filters}.
      </p>
      <ul>
        {provenance.slice(2).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}

/** The profile in words: the grade, what it means, each concern that lowered it and why, and the rule. */
function StrengthSection({
  strength,
  filtered,
  provenance,
  fileStem,
}: {
  strength: StrengthProfileFragment;
  filtered: StrengthProfileFragment | undefined;
  provenance: string[];
  fileStem: string;
}) {
  const rows: Array<[string, number | string]> = [
    ['Insights', strength.insights],
    ['Supporting insights', strength.supportingInsights],
    ['Contradicting insights', strength.contradictingInsights],
    ['Interviews', strength.interviews],
    ['Trusts', strength.trusts],
    ['Roles', strength.roles],
    ['Regions', strength.regions],
    ['Trust types', strength.trustTypes],
    ['EPR suppliers', strength.suppliers],
    ['Published sources', strength.sources],
    ['Supporting sources', strength.supportingSources],
    ['Contradicting sources', strength.contradictingSources],
  ];
  return (
    <section aria-labelledby="strength-heading">
      <h2 id="strength-heading">How strong is the evidence?</h2>
      <StrengthInWords strength={strength} scope="The whole trail" />
      {filtered && <StrengthInWords strength={filtered} scope="The filtered evidence" />}
      <p className="method">
        An evidence-strength profile in the spirit of GRADE-CERQual, computed from the counts by a fixed rule (README, "Evidence analytics"); it is not a
        GRADE-CERQual assessment, which a researcher makes.
      </p>
      <table className="chart compact">
        <caption>
          Evidence profile (distinct counts){' '}
          <DownloadButtons
            table={() => ({
              name: `${fileStem}-profile`,
              title: 'Evidence profile',
              provenance: [...provenance, `Grade: ${GRADE_LABELS[strength.grade]}. Rule: ${strength.rule}`],
              headers: ['Measure', 'Count'],
              rows,
            })}
          />
        </caption>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="numeric">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function StrengthInWords({ strength, scope }: { strength: StrengthProfileFragment; scope: string }) {
  const share = strength.supportShare === null || strength.supportShare === undefined ? undefined : Math.round(strength.supportShare * 100);
  return (
    <div className={`strength grade-${strength.grade.toLowerCase()}`} data-testid="strength">
      <p className="grade-line">
        {scope}: <strong className="grade">{GRADE_LABELS[strength.grade]}</strong> confidence, meaning {GRADE_MEANINGS[strength.grade]}.
      </p>
      <p>
        {strength.insights} insights from {strength.interviews} interviews at {strength.trusts} trusts ({strength.roles} roles, {strength.regions} regions),
        {share === undefined ? ' none of them for or against' : ` ${share}% of them supporting`}, and {strength.sources} published sources (
        {strength.supportingSources} supporting).
      </p>
      {strength.concerns.length === 0 ? (
        <p>Nothing lowered it: enough evidence, broad, coherent and corroborated.</p>
      ) : (
        <>
          <p>What lowered it:</p>
          <ul>
            {strength.concerns.map((concern) => (
              <li key={concern.component}>
                <strong>{COMPONENT_LABELS[concern.component]}</strong>: {concern.reason} (−{concern.downgrade} {concern.downgrade === 1 ? 'step' : 'steps'})
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="rule">
        Rule: <code>{strength.rule}</code>
      </p>
    </div>
  );
}

const CONCERN_LABELS: Record<ConcernLevel, string> = {
  NO_CONCERNS: 'No concerns',
  MINOR_CONCERNS: 'Minor concerns',
  MODERATE_CONCERNS: 'Moderate concerns',
  SERIOUS_CONCERNS: 'Serious concerns',
};

/**
 * The Summary of Qualitative Findings: per finding its statement, the computed profile (decision support, never
 * called an assessment) and, where a researcher recorded one, the GRADE-CERQual assessment with its explanation.
 */
function SoqfSection({ findings, provenance, fileStem }: { findings: FindingRowFragment[]; provenance: string[]; fileStem: string }) {
  const assessed = (f: FindingRowFragment) => f.assessment?.confidence;
  return (
    <section aria-labelledby="soqf-heading">
      <h2 id="soqf-heading">Summary of qualitative findings</h2>
      <p className="method">
        "Computed profile (decision support)" is counted from the graph by a documented rule, a suggestion for the review team. Only the "GRADE-CERQual
        assessment" column holds judgements a researcher made.
      </p>
      <SortableTable
        caption="Summary of qualitative findings"
        rows={findings}
        rowKey={(f) => f.findingId}
        table={{ name: `${fileStem}-soqf`, provenance }}
        columns={[
          { header: 'Finding', value: (f) => `${f.determinant.determinantId} ${f.determinant.name}` },
          { header: 'Statement', value: (f) => f.statement ?? 'No statement written yet' },
          { header: 'Computed profile (decision support)', value: (f) => GRADE_LABELS[f.profile.suggestedConfidence] },
          {
            header: 'Methodological limitations',
            value: (f) => `${CONCERN_LABELS[f.profile.methodologicalLimitations.suggestedLevel]}: ${f.profile.methodologicalLimitations.summary}`,
          },
          { header: 'Coherence', value: (f) => `${CONCERN_LABELS[f.profile.coherence.suggestedLevel]}: ${f.profile.coherence.summary}` },
          { header: 'Adequacy', value: (f) => `${CONCERN_LABELS[f.profile.adequacy.suggestedLevel]}: ${f.profile.adequacy.summary}` },
          { header: 'Relevance', value: (f) => `${CONCERN_LABELS[f.profile.relevance.suggestedLevel]}: ${f.profile.relevance.summary}` },
          {
            header: 'GRADE-CERQual assessment',
            value: (f) => {
              const judged = assessed(f);
              if (f.assessment === undefined) return 'Needs the analyst role';
              if (!judged) return 'Not assessed yet';
              return `${GRADE_LABELS[judged.level]}: ${judged.explanation} (${judged.judgedBy}, ${judged.judgedOn}${f.assessment?.reviewNeeded ? '; review needed' : ''}${f.assessment?.illustrative ? '; illustrative' : ''})`;
            },
          },
        ]}
      />
    </section>
  );
}

/** A determinant's finding: its evidence for and against, and the offers that address it. */
function DeterminantFinding({ subject, strength }: { subject: Extract<Subject, { __typename: 'Determinant' }>; strength: StrengthProfileFragment }) {
  return (
    <section aria-labelledby="findings-heading">
      <h2 id="findings-heading">Finding</h2>
      <p className="finding">
        {subject.determinantId} <strong>{subject.name}</strong> ({subject.category}) is a determinant of a successful EPR implementation:{' '}
        {strength.supportingInsights} insights support it and {strength.contradictingInsights} contradict it; {strength.supportingSources} published sources
        support it and {strength.contradictingSources} contradict it. Offers that address it:{' '}
        {subject.supportOffers.length === 0 ? 'none (a gap)' : subject.supportOffers.map((offer) => offer.name).join(', ')}.
      </p>
    </section>
  );
}

type TrailDeterminant = NonNullable<SubjectTrail>['evidence']['determinants'][number];

/** The finding statements of an offer or a decision: one per determinant of the trail, with its evidence for and against. */
function FindingsSection({ determinants, provenance, fileStem }: { determinants: TrailDeterminant[]; provenance: string[]; fileStem: string }) {
  const statement = (entry: TrailDeterminant) =>
    `${entry.determinant.determinantId} ${entry.determinant.name}: ${entry.supportingInsights} supporting and ${entry.contradictingInsights} contradicting insights, ${entry.sources} published sources.`;
  return (
    <section aria-labelledby="findings-heading">
      <h2 id="findings-heading">Findings: the determinants it rests on</h2>
      <SortableTable
        caption="Findings"
        rows={determinants}
        rowKey={(entry) => entry.determinant.id}
        table={{ name: `${fileStem}-findings`, provenance }}
        columns={[
          { header: 'Determinant', value: (entry) => entry.determinant.determinantId },
          { header: 'Name', value: (entry) => entry.determinant.name },
          { header: 'Supporting insights', value: (entry) => entry.supportingInsights, numeric: true },
          { header: 'Contradicting insights', value: (entry) => entry.contradictingInsights, numeric: true },
          { header: 'Published sources', value: (entry) => entry.sources, numeric: true },
          { header: 'Finding statement', value: statement },
        ]}
      />
    </section>
  );
}

function toggle(values: ReadonlySet<string>, value: string): Set<string> {
  const next = new Set(values);
  if (next.has(value)) next.delete(value);
  else next.add(value);
  return next;
}

function FilterPanel({
  rows,
  suppliers,
  filters,
  onChange,
  shown,
}: {
  rows: EvidenceRow[];
  suppliers: SupplierName[];
  filters: Filters;
  onChange(filters: Filters): void;
  shown: number;
}) {
  const roles = tally(rows, (row) => (row.roles ?? []).map((r) => ({ key: r.roleId, label: r.name })));
  const heard = tally(
    rows,
    (row) => row.suppliers.map((s) => ({ key: s.supplierId, label: s.name })),
    suppliers.map((s) => ({ key: s.supplierId, label: s.name })),
  );
  const groups: Array<{ name: keyof Filters; legend: string; options: Array<{ key: string; label: string; count?: number }> }> = [
    { name: 'stances', legend: 'Stance', options: enumGroups(STANCE_LABELS).map((g) => ({ ...g, count: rows.filter((r) => r.stance === g.key).length })) },
    { name: 'regions', legend: 'Region', options: enumGroups(REGION_LABELS).map((g) => ({ ...g, count: rows.filter((r) => r.region === g.key).length })) },
    {
      name: 'trustTypes',
      legend: 'Trust type',
      options: enumGroups(TRUST_TYPE_LABELS).map((g) => ({ ...g, count: rows.filter((r) => r.trustType === g.key).length })),
    },
    { name: 'roleIds', legend: 'Role', options: roles.map((r) => ({ key: r.key, label: r.label, count: r.insights })) },
    { name: 'supplierIds', legend: 'EPR supplier', options: heard.map((s) => ({ key: s.key, label: s.label, count: s.insights })) },
    {
      name: 'studyIds',
      legend: 'Study',
      options: tally(rows, (row) => [{ key: row.study.studyId, label: row.study.title }]).map((s) => ({ key: s.key, label: s.label, count: s.insights })),
    },
  ];
  return (
    <section aria-labelledby="filters-heading" className="filters no-print">
      <h2 id="filters-heading">Filters</h2>
      <p aria-live="polite" data-testid="filter-result">
        Showing {shown} of {rows.length} insights.{' '}
        {isFiltered(filters) && (
          <button type="button" onClick={() => onChange(NO_FILTERS)}>
            Clear filters
          </button>
        )}
      </p>
      <div className="filter-groups">
        {groups.map((group) => (
          <fieldset key={group.name}>
            <legend>{group.legend}</legend>
            {group.options.length === 0 && <p className="muted">Not available to this role.</p>}
            {group.options.map((option) => (
              <label key={option.key}>
                <input
                  type="checkbox"
                  checked={filters[group.name].has(option.key)}
                  onChange={() => onChange({ ...filters, [group.name]: toggle(filters[group.name], option.key) })}
                />{' '}
                {option.label} <span className="muted">({option.count ?? 0})</span>
              </label>
            ))}
          </fieldset>
        ))}
      </div>
    </section>
  );
}

/**
 * Supporting, contradicting and mixed: three disjoint groups that add up to the insights shown. From the server's
 * profile until all the insights are in, then from the insights (after the filters).
 */
function StanceSection({ counts, filtered }: { counts: StanceCounts | undefined; filtered: boolean }) {
  if (!counts) {
    return (
      <section aria-labelledby="stance-heading">
        <h2 id="stance-heading">For and against</h2>
        <p className="muted">Loading the strength profile…</p>
      </section>
    );
  }
  const share = (n: number) => (counts.total === 0 ? 0 : (n / counts.total) * 100);
  return (
    <section aria-labelledby="stance-heading">
      <h2 id="stance-heading">For and against{filtered ? ': the filtered evidence' : ''}</h2>
      <p data-testid="stance-sum">
        {counts.supporting} supporting + {counts.contradicting} contradicting + {counts.mixed} mixed = {counts.total} insights.
      </p>
      <div className="stacked" role="img" aria-label={`${counts.supporting} supporting, ${counts.contradicting} contradicting, ${counts.mixed} mixed`}>
        <span className="stance-supports" style={{ width: `${share(counts.supporting)}%` }} />
        <span className="stance-mixed" style={{ width: `${share(counts.mixed)}%` }} />
        <span className="stance-contradicts" style={{ width: `${share(counts.contradicting)}%` }} />
      </div>
      <p className="method">
        Supporting: every link of the insight to the subject's determinants supports it (or it informed the subject directly). Contradicting: every link
        contradicts. Mixed: links of both kinds.
      </p>
    </section>
  );
}

function VoicesSection({ rows, suppliers, provenance, fileStem }: { rows: EvidenceRow[]; suppliers: SupplierName[]; provenance: string[]; fileStem: string }) {
  const total = rows.length;
  const rolesKnown = rows.every((row) => row.roles !== undefined);
  return (
    <section aria-labelledby="voices-heading">
      <h2 id="voices-heading">Who was heard</h2>
      <p className="method">Insights per group; an insight from an interview with two roles counts for both.</p>
      <div className="charts">
        {rolesKnown ? (
          <TallyChart
            caption="Insights by role"
            group="Role"
            rows={tally(rows, (row) => (row.roles ?? []).map((r) => ({ key: r.roleId, label: r.name })))}
            total={total}
            provenance={provenance}
            name={`${fileStem}-roles`}
          />
        ) : (
          <p className="note">The roles of a determinant's interviewees need the researcher role.</p>
        )}
        <TallyChart
          caption="Insights by trust type"
          group="Trust type"
          rows={tally(rows, (row) => [{ key: row.trustType, label: TRUST_TYPE_LABELS[row.trustType] }], enumGroups(TRUST_TYPE_LABELS))}
          total={total}
          provenance={provenance}
          name={`${fileStem}-trust-types`}
        />
        <TallyChart
          caption="Insights by region"
          group="Region"
          rows={tally(rows, (row) => [{ key: row.region, label: REGION_LABELS[row.region] }], enumGroups(REGION_LABELS))}
          total={total}
          provenance={provenance}
          name={`${fileStem}-regions`}
        />
        <TallyChart
          caption="Insights by EPR supplier of the trust"
          group="Supplier"
          rows={tally(
            rows,
            (row) => row.suppliers.map((s) => ({ key: s.supplierId, label: s.name })),
            suppliers.map((s) => ({ key: s.supplierId, label: s.name })),
          )}
          total={total}
          provenance={provenance}
          name={`${fileStem}-suppliers`}
        />
      </div>
    </section>
  );
}

function RepresentativenessSection({
  rows,
  trusts,
  suppliers,
  provenance,
  fileStem,
}: {
  rows: EvidenceRow[];
  trusts: TrustRow[] | undefined;
  suppliers: SupplierName[] | undefined;
  provenance: string[];
  fileStem: string;
}) {
  const tests = useMemo(() => (trusts && suppliers ? representTrail(rows, trusts, suppliers) : undefined), [rows, trusts, suppliers]);
  const sample = new Set(rows.flatMap((row) => (row.trust ? [row.trust.odsCode] : []))).size;
  return (
    <section aria-labelledby="represent-heading">
      <h2 id="represent-heading">How representative are this evidence's trusts?</h2>
      {!tests ? (
        <p>Loading the trusts of England…</p>
      ) : (
        <>
          <p>
            The {sample} trusts this evidence comes from, against all {trusts!.length} trusts in England, with Pearson's chi-square goodness-of-fit test on each
            dimension. {EPR_STATUS_LABELS.NONE_RECORDED} means none is recorded in the graph, not that the trust has none.
          </p>
          <div className="charts">
            {tests.map((test) => (
              <RepresentativenessChart
                key={test.dimension}
                test={test}
                provenance={provenance}
                name={`${fileStem}-representativeness-${test.dimension.toLowerCase().replace('_', '-')}`}
              />
            ))}
          </div>
        </>
      )}
    </section>
  );
}

/** The insights after the filters; while they arrive (`waiting`, "n of m"), those in so far, in the server's order. */
function InsightsSection({
  rows,
  waiting,
  provenance,
  fileStem,
}: {
  rows: EvidenceRow[];
  waiting: string | undefined;
  provenance: string[];
  fileStem: string;
}) {
  const columns: Array<Column<EvidenceRow>> = [
    { header: 'Insight', value: (row) => row.insightId },
    { header: 'Summary', value: (row) => row.summary },
    {
      header: 'Stance',
      value: (row) => STANCE_LABELS[row.stance],
      render: (row) => <span className={`pill stance-${row.stance.toLowerCase()}`}>{STANCE_LABELS[row.stance]}</span>,
    },
    { header: 'Direct', value: (row) => (row.direct ? 'yes' : 'no') },
    { header: 'Determinants', value: (row) => row.determinantIds.join(', ') },
    { header: 'Trust', value: (row) => row.trust?.name ?? 'Not known' },
    { header: 'Trust type', value: (row) => TRUST_TYPE_LABELS[row.trustType] },
    { header: 'Region', value: (row) => REGION_LABELS[row.region] },
    { header: 'Roles', value: (row) => row.roles?.map((r) => r.name).join(', ') ?? '' },
    { header: 'EPR suppliers', value: (row) => row.suppliers.map((s) => s.name).join(', ') },
    { header: 'Study', value: (row) => row.study.title },
  ];
  return (
    <section aria-labelledby="insights-heading">
      <h2 id="insights-heading">The insights</h2>
      <SortableTable
        caption="Evidence insights"
        columns={columns}
        rows={rows}
        rowKey={(row) => row.id}
        table={{ name: `${fileStem}-insights`, provenance }}
        pending={waiting && `The insights in so far (${waiting}), by id: sorting and the downloads once all are in.`}
      />
    </section>
  );
}

/** Every offer's profile in a column, the subject's own (or a decision's offers) first. */
function OffersSection({ offers, subject, provenance }: { offers: Offers | undefined; subject: Subject; provenance: string[] }) {
  if (!offers) return null;
  const first = new Set(subject.__typename === 'PolicyDecision' ? subject.supportOffers.map((o) => o.id) : [subject.id]);
  const ordered = [...offers.filter((o) => first.has(o.id)), ...offers.filter((o) => !first.has(o.id))];
  const measures: Array<[string, (s: StrengthProfileFragment) => string | number]> = [
    ['Grade', (s) => GRADE_LABELS[s.grade]],
    ['Insights', (s) => s.insights],
    ['Supporting', (s) => s.supportingInsights],
    ['Contradicting', (s) => s.contradictingInsights],
    ['Interviews', (s) => s.interviews],
    ['Trusts', (s) => s.trusts],
    ['Roles', (s) => s.roles],
    ['Regions', (s) => s.regions],
    ['Published sources', (s) => s.sources],
    ['What lowered it', (s) => (s.concerns.length === 0 ? 'nothing' : s.concerns.map((c) => `${COMPONENT_LABELS[c.component]}: ${c.reason}`).join('; '))],
  ];
  const caption = subject.__typename === 'PolicyDecision' ? 'The decision’s offers side by side (then the others)' : 'The offers side by side';
  return (
    <section aria-labelledby="offers-heading">
      <h2 id="offers-heading">Offers side by side</h2>
      <div className="wide">
        <table className="data side-by-side">
          <caption>
            {caption}{' '}
            <DownloadButtons
              table={() => ({
                name: 'offers-side-by-side',
                title: 'Offers side by side',
                provenance,
                headers: ['Measure', ...ordered.map((o) => o.name)],
                rows: measures.map(([label, value]) => [label, ...ordered.map((o) => value(o.evidenceStrength))]),
              })}
            />
          </caption>
          <thead>
            <tr>
              <th scope="col">Measure</th>
              {ordered.map((offer) => (
                <th scope="col" key={offer.id} className={first.has(offer.id) ? 'highlight' : undefined}>
                  {offer.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {measures.map(([label, value]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {ordered.map((offer) => (
                  <td key={offer.id} className={first.has(offer.id) ? 'highlight' : undefined}>
                    {value(offer.evidenceStrength)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

type SourceRow = { id: string; title: string; publisher: string; year: number | null | undefined; url: string | null | undefined; how: string };

function SourcesSection({ rows, provenance, fileStem }: { rows: SourceRow[]; provenance: string[]; fileStem: string }) {
  return (
    <section aria-labelledby="sources-heading">
      <h2 id="sources-heading">Published sources</h2>
      <SortableTable
        caption="Published sources"
        rows={rows}
        rowKey={(row) => row.id}
        table={{ name: `${fileStem}-sources`, provenance }}
        columns={[
          { header: 'Title', value: (row) => row.title, render: (row) => (row.url ? <a href={row.url}>{row.title}</a> : row.title) },
          { header: 'Publisher', value: (row) => row.publisher },
          { header: 'Year', value: (row) => row.year ?? '', numeric: true },
          { header: 'How it bears on the subject', value: (row) => row.how },
        ]}
      />
    </section>
  );
}

/** The selected node's details, asking only for what the role may see. */
function NodeDetails({ node, role, client }: { node: GraphNode | undefined; role: AccessRole; client: Client }) {
  const [details, setDetails] = useState<DashboardNodeDetailsQuery['node']>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    setDetails(undefined);
    setError(undefined);
    if (!node?.detailsId) return;
    let live = true;
    client.request(DashboardNodeDetailsDocument, { id: node.detailsId, researcher: role === 'researcher' }).then(
      ({ node: found }) => live && setDetails(found),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [node, role, client]);

  return (
    <aside aria-live="polite" aria-label="Node details" className="details">
      {!node && <p>Select a node for its details; select a bar of colours to list a determinant's insights.</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {details && <DetailsList node={details} />}
    </aside>
  );
}

function DetailsList({ node }: { node: NonNullable<DashboardNodeDetailsQuery['node']> }) {
  const rows: Array<[string, string | number | null | undefined]> = (() => {
    switch (node.__typename) {
      case 'SupportOffer':
        return [
          ['Support offer', node.name],
          ['Summary', node.summary],
          ['Illustrative', node.illustrative ? 'yes' : 'no'],
        ];
      case 'PolicyDecision':
        return [
          ['Policy decision', node.name],
          ['Summary', node.summary],
          ['Decided on', node.decidedOn],
        ];
      case 'Determinant':
        return [
          ['Determinant', `${node.determinantId}: ${node.name}`],
          ['Category', node.category],
          ['Description', node.description],
        ];
      case 'Insight':
        return [
          ['Insight', node.insightId],
          ['Summary', node.summary],
          ['Quote', node.quote],
          ['Sentiment', SENTIMENT_LABELS[node.sentiment]],
          ['Interview', node.interview.interviewId],
          ['Interviewed on', node.interview.interviewedOn],
          ['Illustrative', node.illustrative ? 'yes' : 'no'],
        ];
      case 'Trust':
        return [
          ['Trust', `${node.name} (${node.odsCode})`],
          ['Type', TRUST_TYPE_LABELS[node.type]],
          ['Region', REGION_LABELS[node.region]],
          ['EPR status', EPR_STATUS_LABELS[node.eprStatus]],
        ];
      case 'Source':
        return [
          ['Source', node.title],
          ['Publisher', node.publisher],
          ['Year', node.year],
          ['Kind', SOURCE_KIND_LABELS[node.kind]],
          ['URL', node.url],
        ];
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
