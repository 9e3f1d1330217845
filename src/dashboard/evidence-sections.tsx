/**
 * The filter and evidence sections of the evidence view (EvidenceView.tsx): the filters, stance counts, who was
 * heard, representativeness, the insights, offers and sources, and a graph node's details (the one section that
 * requests anything). Each is given what it shows.
 * Long (about 480 lines) because it holds eight small, independent section components; a file each would add
 * files, not clarity.
 */
import { useEffect, useMemo, useState } from 'react';

import type { AccessRole } from '../auth/roles.js';
import {
  DashboardNodeDetailsDocument,
  type Client,
  type DashboardNodeDetailsQuery,
  type DashboardOffersComparedQuery,
  type StrengthProfileFragment,
} from '../client/index.js';
import { RepresentativenessChart, TallyChart } from './charts.js';
import {
  enumGroups,
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
import { type GraphNode } from './graph-layout.js';
import {
  COMPONENT_LABELS,
  EPR_STATUS_LABELS,
  GRADE_LABELS,
  REGION_LABELS,
  SENTIMENT_LABELS,
  SOURCE_KIND_LABELS,
  STANCE_LABELS,
  TRUST_TYPE_LABELS,
} from './labels.js';
import type { SubjectHeader } from './load-evidence.js';
import { DownloadButtons, SortableTable, type Column } from './table.js';

type Subject = SubjectHeader;
type Offers = DashboardOffersComparedQuery['supportOffers'];
function toggle(values: ReadonlySet<string>, value: string): Set<string> {
  const next = new Set(values);
  if (next.has(value)) next.delete(value);
  else next.add(value);
  return next;
}

export function FilterPanel({
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
export function StanceSection({ counts, filtered }: { counts: StanceCounts | undefined; filtered: boolean }) {
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

export function VoicesSection({
  rows,
  suppliers,
  provenance,
  fileStem,
}: {
  rows: EvidenceRow[];
  suppliers: SupplierName[];
  provenance: string[];
  fileStem: string;
}) {
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

export function RepresentativenessSection({
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
export function InsightsSection({
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
export function OffersSection({ offers, subject, provenance }: { offers: Offers | undefined; subject: Subject; provenance: string[] }) {
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

export function SourcesSection({ rows, provenance, fileStem }: { rows: SourceRow[]; provenance: string[]; fileStem: string }) {
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
export function NodeDetails({ node, role, client }: { node: GraphNode | undefined; role: AccessRole; client: Client }) {
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
