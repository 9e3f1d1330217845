/**
 * Charts as HTML tables with bars: a screen reader reads the numbers, a sighted reader compares the bars, and no
 * charting library is needed.
 */
import type { ShareRow, SupplierRow } from './tallies.js';
import { humanise } from './tallies.js';

function Bar({ value, max, variant }: { value: number; max: number; variant: string }) {
  const width = max === 0 ? 0 : Math.round((value / max) * 100);
  return (
    <span className="bar-track" aria-hidden="true">
      <span className={`bar bar-${variant}`} style={{ width: `${width}%` }} />
    </span>
  );
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Population share against sample share for each group (region, trust type...). */
export function SampleChart({ caption, groupLabel, rows }: { caption: string; groupLabel: string; rows: ShareRow[] }) {
  return (
    <table className="chart">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{groupLabel}</th>
          <th scope="col">All trusts</th>
          <th scope="col">Interviewed</th>
          <th scope="col">Share: all (grey) vs interviewed (blue)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{humanise(row.key)}</th>
            <td>
              {row.population} ({percent(row.populationShare)})
            </td>
            <td>
              {row.sample} ({percent(row.sampleShare)})
            </td>
            <td className="bars">
              <Bar value={row.populationShare} max={1} variant="population" />
              <Bar value={row.sampleShare} max={1} variant="sample" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SupplierChart({ rows }: { rows: SupplierRow[] }) {
  const max = Math.max(0, ...rows.map((row) => row.liveTrusts));
  return (
    <table className="chart">
      <caption>Trusts by the supplier of their live EPR</caption>
      <thead>
        <tr>
          <th scope="col">Supplier</th>
          <th scope="col">Trusts</th>
          <th scope="col">Interviewed</th>
          <th scope="col">Trusts (bar)</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td>{row.liveTrusts}</td>
            <td>{row.interviewedTrusts}</td>
            <td className="bars">
              <Bar value={row.liveTrusts} max={max} variant="supplier" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface ProfileRow {
  label: string;
  value: number;
}

/** The counts of an evidence summary, each against the largest. */
export function ProfileChart({ rows }: { rows: ProfileRow[] }) {
  const max = Math.max(0, ...rows.map((row) => row.value));
  return (
    <table className="chart">
      <caption>Evidence-strength profile (distinct counts)</caption>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            <td>{row.value}</td>
            <td className="bars">
              <Bar value={row.value} max={max} variant="profile" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
