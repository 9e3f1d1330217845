/**
 * Charts as HTML tables with bars: a screen reader reads the numbers, a sighted reader compares the bars, every
 * chart downloads as CSV or XLSX, and no charting library is needed. A group much larger than the rest (trusts with
 * no live EPR) is drawn apart on its own scale, so that it does not flatten the bars that matter.
 */
import type { RepresentativenessTestModel, StratumModel } from '../modules/evidence/model.js';
import { MIN_EXPECTED_COUNT } from '../modules/evidence/representativeness.js';
import { NONE_RECORDED, type Tally } from './evidence.js';
import { DownloadButtons } from './table.js';

function Bar({ value, max, variant, label }: { value: number; max: number; variant: string; label?: string }) {
  const width = max === 0 ? 0 : Math.max(value > 0 ? 1 : 0, Math.round((value / max) * 100));
  return (
    <span className="bar-track" aria-hidden="true" title={label}>
      <span className={`bar bar-${variant}`} style={{ width: `${width}%` }} />
    </span>
  );
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Insights per group (roles, trust types, regions, suppliers), every group listed, unheard ones at 0. */
export function TallyChart({
  caption,
  group,
  rows,
  total,
  provenance,
  name,
}: {
  caption: string;
  group: string;
  rows: Tally[];
  total: number;
  provenance: string[];
  name: string;
}) {
  const max = Math.max(0, ...rows.map((row) => row.insights));
  return (
    <table className="chart">
      <caption>
        {caption}{' '}
        <DownloadButtons
          table={() => ({
            name,
            title: caption,
            provenance,
            headers: [group, 'Insights', 'Share of insights'],
            rows: rows.map((row) => [row.label, row.insights, total === 0 ? 0 : Number((row.insights / total).toFixed(4))]),
          })}
        />
      </caption>
      <thead>
        <tr>
          <th scope="col">{group}</th>
          <th scope="col" className="numeric">
            Insights
          </th>
          <th scope="col" className="numeric">
            Share
          </th>
          <th scope="col">
            <span className="visually-hidden">Bar</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className={row.insights === 0 ? 'unheard' : undefined}>
            <th scope="row">{row.label}</th>
            <td className="numeric">{row.insights}</td>
            <td className="numeric">{total === 0 ? '–' : percent(row.insights / total)}</td>
            <td className="bars">
              <Bar value={row.insights} max={max} variant="sample" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const DIMENSION_NAMES = { REGION: 'Region', TRUST_TYPE: 'Trust type', EPR_SUPPLIER: 'Supplier of the live EPR', EPR_STATUS: 'EPR status' } as const;

function testVerdict(test: RepresentativenessTestModel): string {
  if (test.chiSquare === null || test.pValue === null) return test.note ?? 'Not tested.';
  const verdict =
    test.pValue < 0.05
      ? 'the trail’s trusts differ from England’s more than chance would explain'
      : 'no difference from England beyond what chance would explain';
  const p = test.pValue < 0.001 ? 'p < 0.001' : `p = ${test.pValue.toFixed(3)}`;
  return `Chi-square ${test.chiSquare.toFixed(2)} on ${test.degreesOfFreedom} degrees of freedom, ${p}: ${verdict}.`;
}

/** The test's "unreliable" caveat with the strata by name (MIN_EXPECTED_COUNT in representativeness.ts). */
function caveatOf(test: RepresentativenessTestModel): string {
  const tested = test.strata.filter((s) => s.populationTrusts > 0);
  const small = tested.filter((s) => s.expectedSampleTrusts < MIN_EXPECTED_COUNT);
  return (
    `Unreliable: ${small.length} of ${tested.length} groups expect fewer than ${MIN_EXPECTED_COUNT} of this evidence's trusts ` +
    `(${small.map((s) => s.label).join(', ')}), so read the differences rather than the p-value.`
  );
}

/** One dimension: every stratum, England's share against the trail's, the test and its caveat. */
export function RepresentativenessChart({ test, provenance, name }: { test: RepresentativenessTestModel; provenance: string[]; name: string }) {
  const dimension = DIMENSION_NAMES[test.dimension];
  const caption = `${dimension}: the trail's trusts against all trusts`;
  // Trusts without a live EPR outnumber every supplier's: their row goes apart, on its own scale.
  const apart = test.dimension === 'EPR_SUPPLIER' ? test.strata.filter((s) => s.key === NONE_RECORDED) : [];
  const main = test.strata.filter((s) => !apart.includes(s));
  const max = Math.max(0, ...main.flatMap((s) => [s.populationShare, s.sampleShare]));
  const row = (stratum: StratumModel, scale: number) => (
    <tr key={stratum.key} className={stratum.populationTrusts === 0 && stratum.sampleTrusts === 0 ? 'unheard' : undefined}>
      <th scope="row">{stratum.label}</th>
      <td className="numeric">
        {stratum.populationTrusts} ({percent(stratum.populationShare)})
      </td>
      <td className="numeric">
        {stratum.sampleTrusts} ({percent(stratum.sampleShare)})
      </td>
      <td className="numeric">
        {stratum.differencePoints > 0 ? '+' : ''}
        {Math.round(stratum.differencePoints)}
      </td>
      <td className="bars">
        <Bar value={stratum.populationShare} max={scale} variant="population" />
        <Bar value={stratum.sampleShare} max={scale} variant="sample" />
      </td>
    </tr>
  );
  return (
    <figure className="representativeness">
      <table className="chart">
        <caption>
          {caption}{' '}
          <DownloadButtons
            table={() => ({
              name,
              title: dimension,
              provenance: [...provenance, testVerdict(test), ...(test.reliable || test.chiSquare === null ? [] : [caveatOf(test)])],
              headers: [dimension, 'Trusts in England', 'Share of England', 'Trusts in this evidence', 'Share of this evidence', 'Difference (points)'],
              rows: test.strata.map((s) => [
                s.label,
                s.populationTrusts,
                s.populationShare,
                s.sampleTrusts,
                s.sampleShare,
                Number(s.differencePoints.toFixed(1)),
              ]),
            })}
          />
        </caption>
        <thead>
          <tr>
            <th scope="col">{dimension}</th>
            <th scope="col" className="numeric">
              England
            </th>
            <th scope="col" className="numeric">
              This evidence
            </th>
            <th scope="col" className="numeric">
              Difference (points)
            </th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>{main.map((stratum) => row(stratum, max))}</tbody>
        {apart.length > 0 && (
          <tbody className="apart">
            <tr>
              <th scope="rowgroup" colSpan={5}>
                Shown apart, on its own scale
              </th>
            </tr>
            {apart.map((stratum) => row(stratum, Math.max(stratum.populationShare, stratum.sampleShare)))}
          </tbody>
        )}
      </table>
      <figcaption>
        Bars: <span className="key-population">England</span> above <span className="key-sample">this evidence</span>. {testVerdict(test)}
        {!test.reliable && test.chiSquare !== null && <strong className="caveat"> {caveatOf(test)}</strong>}
      </figcaption>
    </figure>
  );
}
