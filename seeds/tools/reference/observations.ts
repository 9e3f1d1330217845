/** observations.csv: monthly A&E 4-hour performance per trust, from NHS England's monthly provider files. */
import { readdirSync } from 'node:fs';
import path from 'node:path';

import type { Source } from './curated.js';
import { byKey, fail, OGL, readCsvRows, titleCase, type Observation, type Report } from './common.js';

// ---------------------------------------------------------------------------------------------------------------
// 2. Observations: monthly A&E 4-hour performance per provider.
// ---------------------------------------------------------------------------------------------------------------

const AE_STATISTICS_URL = 'https://www.england.nhs.uk/statistics/statistical-work-areas/ae-waiting-times-and-activity/';
const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june',
  'july', 'august', 'september', 'october', 'november', 'december',
];
// "All types" attendances: Type 1, Type 2, other departments, and the booked appointments of each.
const ATTENDANCE_COLUMNS = [
  'A&E attendances Type 1',
  'A&E attendances Type 2',
  'A&E attendances Other A&E Department',
  'A&E attendances Booked Appointments Type 1',
  'A&E attendances Booked Appointments Type 2',
  'A&E attendances Booked Appointments Other Department',
];
const OVER_FOUR_HOURS_COLUMNS = [
  'Attendances over 4hrs Type 1',
  'Attendances over 4hrs Type 2',
  'Attendances over 4hrs Other Department',
  'Attendances over 4hrs Booked Appointments Type 1',
  'Attendances over 4hrs Booked Appointments Type 2',
  'Attendances over 4hrs Booked Appointments Other Department',
];

function monthNumber(name: string): number {
  const index = MONTHS.indexOf(name.toLowerCase());
  return index >= 0 ? index + 1 : fail(`unknown month name "${name}"`);
}

export function buildObservations(
  dataDir: string,
  trustCodes: Set<string>,
  report: Report,
): { observations: Observation[]; sources: Source[] } {
  report.section('Observations (ae-monthly/Monthly-AE-<Month>-<Year>.csv)');
  const folder = path.join(dataDir, 'ae-monthly');
  const files = readdirSync(folder).filter((file) => file.endsWith('.csv')).sort();
  const observations: Observation[] = [];
  const sources: Source[] = [];
  const skippedNotTrust = new Map<string, number>();
  let totalRows = 0;
  let providerRows = 0;
  let zeroAttendances = 0;

  for (const file of files) {
    // The file name names the month; the Period column (e.g. "MSitAE-JUNE-2025") must agree with it.
    const nameMatch = /^Monthly-AE-([A-Za-z]+)-(\d{4})\.csv$/.exec(file) ?? fail(`unexpected file name ${file}`);
    const period = `${nameMatch[2]}-${String(monthNumber(nameMatch[1] ?? '')).padStart(2, '0')}`;
    const [header = [], ...rows] = readCsvRows(path.join(folder, file));
    const column = (name: string): number => {
      const index = header.findIndex((cell) => cell.trim() === name);
      return index >= 0 ? index : fail(`${file}: no column "${name}"`);
    };
    const periodColumn = column('Period');
    const codeColumn = column('Org Code');
    const attendanceColumns = ATTENDANCE_COLUMNS.map(column);
    const overFourHoursColumns = OVER_FOUR_HOURS_COLUMNS.map(column);
    const count = (row: string[], index: number): number => {
      const cell = (row[index] ?? '').trim();
      return /^\d+$/.test(cell) ? Number(cell) : fail(`${file}: "${cell}" is not a count (${header[index]})`);
    };

    const seen = new Set<string>();
    for (const row of rows) {
      totalRows += 1;
      const code = (row[codeColumn] ?? '').trim();
      if (code.toUpperCase() === 'TOTAL') continue; // England total row
      providerRows += 1;
      const periodMatch = /^MSitAE-([A-Za-z]+)-(\d{4})$/i.exec((row[periodColumn] ?? '').trim());
      const rowPeriod = periodMatch ? `${periodMatch[2]}-${String(monthNumber(periodMatch[1] ?? '')).padStart(2, '0')}` : '';
      if (rowPeriod !== period) fail(`${file}: Period "${row[periodColumn]}" does not match the file's month ${period}`);
      if (seen.has(code)) fail(`${file}: ${code} appears twice`);
      seen.add(code);

      const attendances = attendanceColumns.reduce((sum, index) => sum + count(row, index), 0);
      const overFourHours = overFourHoursColumns.reduce((sum, index) => sum + count(row, index), 0);
      if (attendances === 0) {
        zeroAttendances += 1;
        continue;
      }
      if (!trustCodes.has(code)) {
        skippedNotTrust.set(code, (skippedNotTrust.get(code) ?? 0) + 1);
        continue;
      }
      if (overFourHours > attendances) fail(`${file}: ${code} has more waits over 4 hours than attendances`);
      const withinFourHours = attendances - overFourHours;
      observations.push({
        trust_ods_code: code,
        metric: 'AE_FOUR_HOUR',
        period,
        value: (withinFourHours / attendances).toFixed(4),
        numerator: String(withinFourHours),
        denominator: String(attendances),
        source_id: aeSourceId(period),
      });
    }
    sources.push(aeSource(period, file));
  }

  observations.sort(byKey((o) => o.trust_ods_code, (o) => o.period));
  const closedTrustCodes = [...skippedNotTrust.keys()].filter((code) => /^R[A-Z0-9]{2}$/.test(code)).sort();
  sources.sort(byKey((s) => s.id));
  report.line(`files: ${files.length}, months ${sources[0]?.id.replace('nhse-ae-', '')} to ${sources.at(-1)?.id.replace('nhse-ae-', '')}`);
  report.line(`rows: ${totalRows}; provider rows: ${providerRows}; zero attendances (skipped): ${zeroAttendances}`);
  report.line(
    `provider rows with attendances but not in trusts.csv (skipped): ${[...skippedNotTrust.values()].reduce((a, b) => a + b, 0)} rows, ` +
      `${skippedNotTrust.size} codes; of these, trust-style codes (closed or merged trusts): ${closedTrustCodes
        .map((code) => `${code} x${skippedNotTrust.get(code)}`)
        .join(', ')}; the rest are independent-sector and other non-trust providers`,
  );
  report.line(`observations written: ${observations.length}, for ${new Set(observations.map((o) => o.trust_ods_code)).size} trusts`);
  return { observations, sources };
}

function aeSourceId(period: string): string {
  return `nhse-ae-${period}`;
}

function aeSource(period: string, file: string): Source {
  const [year = 0, month = 0] = period.split('-').map(Number);
  // NHS England publishes a month's A&E data on the second Thursday of the following month.
  const publicationYear = month === 12 ? year + 1 : year;
  return {
    id: aeSourceId(period),
    title: `A&E Attendances and Emergency Admissions, ${titleCase(MONTHS[month - 1] ?? '')} ${year}`,
    publisher: 'NHS England',
    year: String(publicationYear),
    url: AE_STATISTICS_URL,
    kind: 'DATASET',
    illustrative: 'false',
    note: `Monthly provider-level file ${file}. ${OGL}`,
  };
}
