/**
 * Builds the reference part of the bundled dataset (seeds/*.csv) from the public data in the shared data folder.
 *
 *   npx tsx seeds/tools/build-reference-data.ts [path/to/shared/data]      (default: ../shared/data from the repo root)
 *
 * Writes, into seeds/: trusts.csv, observations.csv, suppliers.csv, products.csv, implementations.csv,
 * determinants.csv, determinant_sources.csv, and merges its rows into sources.csv (rows it does not generate are kept
 * unchanged and in their order: another tool writes the project's own sources into the same file).
 * The file format is the contract in seeds/README.md. The script prints a reconciliation report and fails (exit 1)
 * rather than write anything it cannot justify: an unmapped trust type, product or status, a broken reference.
 *
 * Reading order: main() at the bottom calls one builder per input, then validates, then writes.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

// ---------------------------------------------------------------------------------------------------------------
// Output records: one interface per seed file, with the columns of seeds/README.md in the order they are written.
// ---------------------------------------------------------------------------------------------------------------

type TrustType = 'ACUTE' | 'ACUTE_SPECIALIST' | 'MENTAL_HEALTH' | 'COMMUNITY' | 'AMBULANCE';
type Region =
  | 'LONDON'
  | 'SOUTH_EAST'
  | 'SOUTH_WEST'
  | 'MIDLANDS'
  | 'EAST_OF_ENGLAND'
  | 'NORTH_WEST'
  | 'NORTH_EAST_AND_YORKSHIRE';
type SourceKind = 'DATASET' | 'REPORT' | 'ARTICLE' | 'ACADEMIC' | 'CASE_STUDY' | 'PROJECT';
type ImplementationStatus = 'PROCURING' | 'PREFERRED' | 'CONTRACTED' | 'PLANNED' | 'LIVE' | 'REPLACED';

interface Source {
  id: string;
  title: string;
  publisher: string;
  year: string;
  url: string;
  kind: SourceKind;
  illustrative: 'true' | 'false';
  note: string;
}
interface Trust {
  ods_code: string;
  name: string;
  type: TrustType;
  region: Region;
  icb_code: string;
  icb_name: string;
  source_id: string;
  /** The source of `type`, which is not the ODS extract: the compiled type list, or the ODS name. */
  type_source_id: string;
}
interface Supplier {
  id: string;
  name: string;
  source_id: string;
}
interface Product {
  id: string;
  name: string;
  supplier_id: string;
  source_id: string;
}
interface Implementation {
  id: string;
  trust_ods_code: string;
  product_id: string;
  status: ImplementationStatus;
  year: string;
  go_live_date: string;
  notes: string;
  source_id: string;
}
interface Determinant {
  id: string;
  name: string;
  category: string;
  description: string;
  source_id: string;
}
interface DeterminantSource {
  determinant_id: string;
  source_id: string;
  stance: 'SUPPORTS' | 'CONTRADICTS';
  note: string;
}
interface Observation {
  trust_ods_code: string;
  metric: 'AE_FOUR_HOUR';
  period: string;
  value: string;
  numerator: string;
  denominator: string;
  source_id: string;
}

const COLUMNS = {
  sources: ['id', 'title', 'publisher', 'year', 'url', 'kind', 'illustrative', 'note'],
  trusts: ['ods_code', 'name', 'type', 'region', 'icb_code', 'icb_name', 'source_id', 'type_source_id'],
  suppliers: ['id', 'name', 'source_id'],
  products: ['id', 'name', 'supplier_id', 'source_id'],
  implementations: ['id', 'trust_ods_code', 'product_id', 'status', 'year', 'go_live_date', 'notes', 'source_id'],
  determinants: ['id', 'name', 'category', 'description', 'source_id'],
  determinant_sources: ['determinant_id', 'source_id', 'stance', 'note'],
  observations: ['trust_ods_code', 'metric', 'period', 'value', 'numerator', 'denominator', 'source_id'],
} as const;

const OGL = 'Contains public sector information licensed under the Open Government Licence v3.0.';

// ---------------------------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------------------------

/** Collects the lines of the reconciliation report; printed at the end so it reads top to bottom. */
class Report {
  private readonly lines: string[] = [];
  section(title: string): void {
    this.lines.push('', `== ${title}`);
  }
  line(text: string): void {
    this.lines.push(`  ${text}`);
  }
  print(): void {
    console.log(this.lines.join('\n'));
  }
}

/** Stops the build: nothing is written when the input cannot be mapped faithfully. */
function fail(message: string): never {
  throw new Error(message);
}

function readCsvRecords(file: string): Record<string, string>[] {
  return parse(readFileSync(file, 'utf8'), { columns: true, bom: true, skip_empty_lines: true, trim: true });
}

function readCsvRows(file: string): string[][] {
  // relax_column_count: one A&E file has six stray empty columns in its header row only.
  return parse(readFileSync(file, 'utf8'), { bom: true, skip_empty_lines: true, relax_column_count: true });
}

function writeCsv(file: string, columns: readonly string[], rows: readonly object[]): void {
  writeFileSync(file, stringify(rows as Record<string, unknown>[], { header: true, columns: [...columns] }));
}

/** Compares names loosely: case, punctuation and "&" against "and" do not make two trust names different. */
function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]/g, '');
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function countBy<T>(items: readonly T[], key: (item: T) => string): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

const byKey =
  <T>(...keys: ((item: T) => string)[]) =>
  (a: T, b: T): number => {
    for (const key of keys) {
      const order = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
      if (order !== 0) return order;
    }
    return 0;
  };

// Words kept lower case inside a title-cased trust name, and words kept upper case.
const LOWER_CASE_WORDS = new Set(['and', 'of', 'the', 'for', 'in', 'on', 'at', 'to', 'with', 'upon']);
const UPPER_CASE_WORDS = new Set(['NHS', 'UK']);

/** "KING'S COLLEGE HOSPITAL NHS FOUNDATION TRUST" -> "King's College Hospital NHS Foundation Trust". */
function titleCase(upperCaseName: string): string {
  const capitalise = (part: string, isFirst: boolean): string => {
    if (UPPER_CASE_WORDS.has(part.toUpperCase())) return part.toUpperCase();
    const lower = part.toLowerCase();
    if (!isFirst && LOWER_CASE_WORDS.has(lower.replace(/[^a-z]/g, ''))) return lower;
    // Upper-case the first letter only, so that "king's" becomes "King's" (not "King'S").
    return lower.replace(/[a-z]/, (letter) => letter.toUpperCase());
  };
  return upperCaseName
    .trim()
    .split(/\s+/)
    .map((word, wordIndex) =>
      // Hyphenated place names: "STOKE-ON-TRENT" -> "Stoke-on-Trent".
      word
        .split('-')
        .map((part, partIndex) => capitalise(part, wordIndex === 0 && partIndex === 0))
        .join('-'),
    )
    .join(' ');
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Trusts: the ODS etr extract is the list of record; the type/region compilation adds trust type, names and ICS.
// ---------------------------------------------------------------------------------------------------------------

const ETR_SOURCE_ID = 'ods-etr-2025-07';
const TRUST_TYPES_SOURCE_ID = 'nhs-trust-types';

const REGION_BY_ETR_CODE: Record<string, Region> = {
  Y56: 'LONDON',
  Y58: 'SOUTH_WEST',
  Y59: 'SOUTH_EAST',
  Y60: 'MIDLANDS',
  Y61: 'EAST_OF_ENGLAND',
  Y62: 'NORTH_WEST',
  Y63: 'NORTH_EAST_AND_YORKSHIRE',
};
const WALES_REGION_CODE = 'W00';

// The compilation's region names, used only to cross-check the etr region code.
const REGION_BY_JSON_NAME: Record<string, Region> = {
  London: 'LONDON',
  'South West': 'SOUTH_WEST',
  'South East': 'SOUTH_EAST',
  Midlands: 'MIDLANDS',
  'East of England': 'EAST_OF_ENGLAND',
  'North West': 'NORTH_WEST',
  'North East and Yorkshire': 'NORTH_EAST_AND_YORKSHIRE',
};

/** Maps the NHS Staff Survey trust groupings used in the compilation to the contract's trust types. */
function trustTypeFromGrouping(grouping: string): TrustType | undefined {
  if (grouping === 'Acute and Acute & Community Trusts') return 'ACUTE';
  if (grouping === 'Acute Specialist Trusts') return 'ACUTE_SPECIALIST';
  if (grouping.startsWith('Mental Health & Learning Disability')) return 'MENTAL_HEALTH';
  if (grouping === 'Community Trusts') return 'COMMUNITY';
  if (grouping === 'Ambulance Trusts') return 'AMBULANCE';
  return undefined;
}

/** A trust missing from the compilation is typed from its name only when the name says it unambiguously. */
function trustTypeFromName(name: string): TrustType | undefined {
  const upper = name.toUpperCase();
  const hits: TrustType[] = [];
  if (upper.includes('AMBULANCE')) hits.push('AMBULANCE');
  if (upper.includes('MENTAL HEALTH')) hits.push('MENTAL_HEALTH');
  if (upper.includes('COMMUNITY')) hits.push('COMMUNITY');
  return hits.length === 1 ? hits[0] : undefined;
}

/**
 * Trusts that neither the compilation nor their name types. Each entry says why the type chosen is the most
 * defensible one; the build fails on any other untyped trust, so that a new one gets a reasoned entry here.
 */
const TRUST_TYPE_DECISIONS: Record<string, { type: TrustType; typeSourceId: string; reason: string }> = {
  G6V2S: {
    type: 'MENTAL_HEALTH',
    // The type follows from the compilation's types of the two trusts it succeeded.
    typeSourceId: TRUST_TYPES_SOURCE_ID,
    reason:
      'North London NHS Foundation Trust opened on 2024-11-01, the day after Barnet, Enfield and Haringey Mental ' +
      'Health NHS Trust (RRP) closed in the etr extract; the compilation types RRP and Camden and Islington NHS FT ' +
      '(TAF, the other trust it brought together) as mental health trusts',
  },
};

interface CompiledTrust {
  ods_code: string;
  names: string[];
  type: string;
  region: string;
  ics: string;
  url: string;
}

function buildTrusts(dataDir: string, report: Report): Trust[] {
  report.section('Trusts (ods-etr.csv reconciled with trusts-type-region.json)');

  // etr has no header row: column 1 code, 2 name, 3 region code, 4 ICB code, 11 open date, 12 close date.
  const etrRows = readCsvRows(path.join(dataDir, 'ods-etr.csv'));
  const compiled = JSON.parse(readFileSync(path.join(dataDir, 'trusts-type-region.json'), 'utf8')) as CompiledTrust[];
  const compiledTrusts = compiled.filter((entry) => entry.type !== 'Integrated Care Board');
  const compiledIcbs = compiled.filter((entry) => entry.type === 'Integrated Care Board');
  const compiledByCode = new Map(compiledTrusts.map((entry) => [entry.ods_code, entry]));

  const closed: string[] = [];
  const welsh: string[] = [];
  const open: { code: string; name: string; regionCode: string; icbCode: string }[] = [];
  for (const row of etrRows) {
    const [code = '', name = '', regionCode = '', icbCode = ''] = row;
    const closeDate = row[11] ?? '';
    if (closeDate !== '') closed.push(`${code} ${titleCase(name)} (closed ${closeDate})`);
    else if (regionCode === WALES_REGION_CODE) welsh.push(`${code} ${titleCase(name)}`);
    else open.push({ code, name, regionCode, icbCode });
  }
  report.line(`etr rows: ${etrRows.length}; closed: ${closed.length}; open: ${etrRows.length - closed.length}`);
  report.line(`excluded, closed (etr close date set): ${closed.join('; ')}`);
  report.line(`excluded, Welsh (region ${WALES_REGION_CODE}): ${welsh.join('; ')}`);
  report.line(`open English trusts: ${open.length}`);

  const matchedCompiledCodes = new Set<string>();
  const trusts: Trust[] = [];
  let typedByCompilation = 0;
  for (const etr of open) {
    const region = REGION_BY_ETR_CODE[etr.regionCode] ?? fail(`${etr.code}: unknown etr region code ${etr.regionCode}`);

    // Match on code first; fall back to the name, for a compilation entry whose key is mistyped.
    let entry = compiledByCode.get(etr.code);
    if (!entry) {
      entry = compiledTrusts.find((candidate) =>
        candidate.names.some((name) => normaliseName(name) === normaliseName(etr.name)),
      );
      if (entry) report.line(`matched by name, not code: etr ${etr.code} = compilation key "${entry.ods_code}"`);
    }
    if (entry) matchedCompiledCodes.add(entry.ods_code);

    // Name: the compilation's spelling when it is the same name as the ODS one (it is properly cased); otherwise
    // the ODS name, title-cased, because ODS carries renames the compilation has not caught up with.
    const sameName = entry?.names.find((name) => normaliseName(name) === normaliseName(etr.name));
    const name = sameName ?? titleCase(etr.name);
    if (entry && !sameName) {
      report.line(`name from ODS (renamed since the compilation): ${etr.code} "${name}" (compilation: "${entry.names[0]}")`);
    }

    let type = entry ? trustTypeFromGrouping(entry.type) : undefined;
    let typeSourceId = TRUST_TYPES_SOURCE_ID;
    if (type) typedByCompilation += 1;
    else {
      type = trustTypeFromName(etr.name);
      if (type) {
        typeSourceId = ETR_SOURCE_ID;
        report.line(`typed by name: ${etr.code} ${name} -> ${type}`);
      } else {
        const decision = TRUST_TYPE_DECISIONS[etr.code];
        if (!decision) fail(`${etr.code} ${name}: no type in the compilation or the name; add a TRUST_TYPE_DECISIONS entry`);
        type = decision.type;
        typeSourceId = decision.typeSourceId;
        report.line(`not in the compilation, type decided: ${etr.code} ${name} -> ${type} (${decision.reason})`);
      }
    }

    if (entry && entry.region && REGION_BY_JSON_NAME[entry.region] !== region) {
      report.line(`region differs: ${etr.code} etr ${region}, compilation "${entry.region}"; etr kept`);
    }
    trusts.push({
      ods_code: etr.code,
      name,
      type,
      region,
      icb_code: etr.icbCode,
      icb_name: '',
      source_id: ETR_SOURCE_ID,
      type_source_id: typeSourceId,
    });
  }

  nameIcbs(trusts, compiledByCode, compiledIcbs, report);

  const unmatched = compiledTrusts.filter((entry) => !matchedCompiledCodes.has(entry.ods_code));
  report.line(`compilation trusts: ${compiledTrusts.length} (plus ${compiledIcbs.length} ICBs); matched to an open English etr trust: ${matchedCompiledCodes.size}; typed from the compilation: ${typedByCompilation}`);
  report.line(
    `compilation entries not used: ${unmatched
      .map((entry) => {
        const closedInEtr = closed.find((line) => line.startsWith(`${entry.ods_code} `));
        const why = closedInEtr ? 'closed in etr' : entry.ods_code.startsWith('T') ? 'T-code, absent from etr (etr is the list of record)' : 'absent from etr';
        return `${entry.ods_code} ${entry.names[0]} (${why})`;
      })
      .join('; ')}`,
  );
  trusts.sort(byKey((trust) => trust.ods_code));
  report.line(`trusts written: ${trusts.length}`);
  report.line(`by type: ${countBy(trusts, (trust) => trust.type)}`);
  report.line(`type sources: ${countBy(trusts, (trust) => trust.type_source_id)}`);
  report.line(`by region: ${countBy(trusts, (trust) => trust.region)}`);
  return trusts;
}

/**
 * icb_name: the etr gives each trust's ICB code; the compilation gives an ICS name per trust (blank or "-" for
 * trusts spanning several, such as ambulance trusts). The name of an ICB code is the ICS name most of its trusts
 * carry, kept only if it is also one of the compilation's 42 ICBs ("NHS <name> ICB").
 */
function nameIcbs(
  trusts: Trust[],
  compiledByCode: Map<string, CompiledTrust>,
  compiledIcbs: CompiledTrust[],
  report: Report,
): void {
  const knownIcbNames = new Set(
    compiledIcbs.map((icb) => (icb.names[0] ?? '').replace(/^NHS /, '').replace(/ ICB$/, '')),
  );
  const votes = new Map<string, Map<string, number>>();
  for (const trust of trusts) {
    const ics = compiledByCode.get(trust.ods_code)?.ics ?? '';
    if (ics === '' || ics === '-') continue;
    const tally = votes.get(trust.icb_code) ?? new Map<string, number>();
    tally.set(ics, (tally.get(ics) ?? 0) + 1);
    votes.set(trust.icb_code, tally);
  }
  const nameByCode = new Map<string, string>();
  for (const [code, tally] of votes) {
    const [winner] = [...tally.entries()].sort(([a, n], [b, m]) => m - n || a.localeCompare(b));
    if (winner && knownIcbNames.has(winner[0])) nameByCode.set(code, winner[0]);
    else report.line(`ICB ${code}: no ICS name matching the compilation's ICB list; icb_name left empty`);
  }
  for (const trust of trusts) {
    trust.icb_name = nameByCode.get(trust.icb_code) ?? '';
    const ics = compiledByCode.get(trust.ods_code)?.ics ?? '';
    if (ics !== '' && ics !== '-' && ics !== trust.icb_name) {
      report.line(`ICS differs: ${trust.ods_code} etr ICB ${trust.icb_code} (${trust.icb_name}), compilation "${ics}"; etr kept`);
    }
  }
  report.line(`ICB codes: ${new Set(trusts.map((trust) => trust.icb_code)).size}, named: ${nameByCode.size}`);
}

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

function buildObservations(
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

// ---------------------------------------------------------------------------------------------------------------
// 3. Suppliers, products and implementations, each fact with the article it comes from.
// ---------------------------------------------------------------------------------------------------------------

const STATUS_BY_INPUT: Record<string, ImplementationStatus> = {
  live: 'LIVE',
  planned: 'PLANNED',
  contracted: 'CONTRACTED',
  preferred: 'PREFERRED',
  procuring: 'PROCURING',
  replaced: 'REPLACED',
};

const SUPPLIERS: Record<string, { id: string; name: string }> = {
  Epic: { id: 'epic', name: 'Epic' },
  'Oracle Health': { id: 'oracle-health', name: 'Oracle Health' },
  MEDITECH: { id: 'meditech', name: 'MEDITECH' },
  Dedalus: { id: 'dedalus', name: 'Dedalus' },
  Altera: { id: 'altera', name: 'Altera Digital Health' },
};

/**
 * The input names one product several ways ("Cerner Millennium", "Oracle Health Millennium"). Each spelling maps to
 * one product; `short` is the product's part of an implementation id (rgt-epic-2014).
 */
interface ProductDefinition {
  id: string;
  name: string;
  short: string;
}
const PRODUCTS: Record<string, ProductDefinition> = {
  'Epic|Epic': { id: 'epic-epr', name: 'Epic EPR', short: 'epic' },
  'Oracle Health|Oracle Health Millennium': { id: 'oracle-millennium', name: 'Millennium', short: 'millennium' },
  'Oracle Health|Cerner Millennium': { id: 'oracle-millennium', name: 'Millennium', short: 'millennium' },
  'MEDITECH|MEDITECH Expanse': { id: 'meditech-expanse', name: 'Expanse', short: 'expanse' },
  'MEDITECH|MEDITECH 6': { id: 'meditech-6', name: 'MEDITECH 6', short: 'meditech-6' },
  // Clatterbridge's source names no version: kept apart rather than guessed.
  'MEDITECH|MEDITECH': { id: 'meditech-unspecified', name: 'MEDITECH (version not stated)', short: 'meditech' },
  'Dedalus|Lorenzo': { id: 'dedalus-lorenzo', name: 'Lorenzo', short: 'lorenzo' },
  'Altera|Sunrise': { id: 'altera-sunrise', name: 'Sunrise', short: 'sunrise' },
  'Altera|Oasis (Allscripts)': { id: 'altera-oasis', name: 'Oasis PAS', short: 'oasis' },
};

const PUBLISHER_BY_HOST: Record<string, string> = {
  'digitalhealth.net': 'Digital Health',
  'htn.co.uk': 'HTN',
  'hsj.co.uk': 'HSJ',
  'england.nhs.uk': 'NHS England',
  'gov.uk': 'GOV.UK',
};

/**
 * Some cited URLs point at a publisher's archive of a day rather than at the article. Where the article was found
 * and read (it carries the fact cited), its address replaces the archive's; the note of the source says so.
 */
const URL_CORRECTIONS: Record<string, string> = {
  'https://www.htn.co.uk/2025/11/17/':
    'https://htn.co.uk/2025/11/17/epr-goes-live-at-barking-havering-and-redbridge-university-hospitals',
  'https://www.htn.co.uk/2025/11/03/':
    'https://htn.co.uk/2025/11/03/south-warwickshire-university-and-george-eliot-hospital-share-progress-on-joint-epr',
  // The joint Devon article of that day also reports Moorfields' 16.7m GBP MEDITECH contract.
  'https://www.htn.co.uk/2025/01/22/': 'https://www.htn.co.uk/2025/01/22/2026-go-lives-set-for-joint-devon-epr',
};

/** Titles written for the cited articles (their headline where it was read), with a stable id and, rarely, a year. */
const ARTICLES: Record<string, { id: string; title: string; year?: string; note?: string }> = {
  'https://www.digitalhealth.net/2017/08/three-years-on-cambridge-epic/': {
    id: 'digitalhealth-2017-cambridge-epic',
    title: "Three years on from Cambridge's Epic big bang go-live",
  },
  'https://www.digitalhealth.net/2015/01/papworth-says-epic-still-epr-of-choice/': {
    id: 'digitalhealth-2015-papworth-epic',
    title: 'Papworth says Epic still EPR of choice',
  },
  'https://www.htn.co.uk/?p=15626': {
    id: 'htn-2020-royal-devon-epic-go-live',
    title: "Royal Devon and Exeter's Epic go-live: a first-hand account",
    year: '2020',
    note: 'Describes the 10 October 2020 go-live (29 modules at once) and lists earlier UK Epic sites, including GOSH in 2019.',
  },
  'https://www.digitalhealth.net/2023/10/university-hospitals-coventry-and-warwickshire-pause-oracle-epr-launch/': {
    id: 'digitalhealth-2023-uhcw-pauses-oracle-epr',
    title: 'University Hospitals Coventry and Warwickshire pause Oracle EPR launch',
    note: "Also reports Guy's and St Thomas' Epic go-live on 5 October 2023, contract signed November 2020.",
  },
  'https://www.digitalhealth.net/2023/12/birmingham-womens-and-childrens-picks-epic-for-epr/': {
    id: 'digitalhealth-2023-birmingham-womens-childrens-epic',
    title: "Birmingham Women's and Children's picks Epic for EPR",
  },
  'https://www.htn.co.uk/2025/01/22/2026-go-lives-set-for-joint-devon-epr': {
    id: 'htn-2025-joint-devon-epr-go-lives',
    title: '2026 go-lives set for joint Devon EPR',
    note: "Also reports Moorfields' 16.7m GBP MEDITECH contract and the 65m GBP Mid and South Essex / Essex Partnership Oracle Health contract.",
  },
  'https://htn.co.uk/2025/11/17/epr-goes-live-at-barking-havering-and-redbridge-university-hospitals': {
    id: 'htn-2025-bhrut-epr-go-live',
    title: 'EPR goes live at Barking, Havering and Redbridge University Hospitals',
  },
  'https://www.digitalhealth.net/2014/07/lewisham-live-with-cerner/': {
    id: 'digitalhealth-2014-lewisham-cerner',
    title: 'Lewisham live with Cerner',
  },
  'https://www.digitalhealth.net/2015/05/milton-keynes-to-stick-with-cerner/': {
    id: 'digitalhealth-2015-milton-keynes-cerner',
    title: 'Milton Keynes to stick with Cerner',
  },
  'https://www.digitalhealth.net/2017/10/bradford-calderdale-huddersfield-live-cerner-millennium/': {
    id: 'digitalhealth-2017-bradford-calderdale-cerner',
    title: 'Bradford and Calderdale and Huddersfield live with Cerner Millennium',
  },
  'https://www.digitalhealth.net/2017/01/7m-epr-costs-blowout-predicted-after-delay-2/': {
    id: 'digitalhealth-2017-calderdale-epr-cost-overrun',
    title: 'Calderdale and Huddersfield: 7m GBP EPR cost overrun predicted after delay',
  },
  'https://www.digitalhealth.net/2024/11/sheffield-teaching-hospitals-delays-85m-oracle-epr-go-live': {
    id: 'digitalhealth-2024-sheffield-delays-oracle-epr',
    title: 'Sheffield Teaching Hospitals delays 85m GBP Oracle EPR go-live',
  },
  'https://htn.co.uk/2025/11/03/south-warwickshire-university-and-george-eliot-hospital-share-progress-on-joint-epr': {
    id: 'htn-2025-south-warwickshire-george-eliot-joint-epr',
    title: 'South Warwickshire University and George Eliot Hospital share progress on joint EPR',
  },
  'https://www.digitalhealth.net/2026/01/airedale-sets-go-live-date-for-epr-following-delay': {
    id: 'digitalhealth-2026-airedale-epr-go-live-date',
    title: 'Airedale sets go-live date for EPR following delay',
  },
  'https://www.htn.co.uk/?p=68755': {
    id: 'htn-mid-south-essex-eput-oracle-epr',
    title: 'Mid and South Essex and Essex Partnership: joint Oracle Health EPR',
  },
  'https://www.htn.co.uk/?p=76295': {
    id: 'htn-east-mid-cheshire-meditech-epr',
    title: 'East Cheshire and Mid Cheshire trusts reflect on MEDITECH EPR roll-out and next phase',
  },
  'https://www.digitalhealth.net/2023/12/': {
    id: 'digitalhealth-2023-12-alder-hey-expanse',
    title: "Alder Hey Children's: upgrade from MEDITECH 6.08 to Expanse",
  },
  'https://www.digitalhealth.net/news/48372/': {
    id: 'digitalhealth-clatterbridge-meditech',
    title: 'The Clatterbridge Cancer Centre goes live with MEDITECH',
  },
  'https://www.digitalhealth.net/2013/05/sunderland-delays-meditech-v6-0': {
    id: 'digitalhealth-2013-sunderland-delays-meditech-v6',
    title: 'Sunderland delays MEDITECH v6.0',
    note: "Cited in the input for The Rotherham NHS Foundation Trust's 2012 MEDITECH 6 go-live.",
  },
  'https://www.digitalhealth.net/2013/05/big-bang-go-live-for-sunderland': {
    id: 'digitalhealth-2013-sunderland-big-bang-go-live',
    title: 'Big-bang go-live for Sunderland',
  },
  'https://www.digitalhealth.net/2015/04/nme-trusts-push-back-lorenzo-go-lives': {
    id: 'digitalhealth-2015-nme-trusts-push-back-lorenzo',
    title: 'North, Midlands and East trusts push back Lorenzo go-lives',
  },
  'https://www.htn.co.uk/2025/04/28/': {
    id: 'htn-2025-04-28-dudley-sunrise',
    title: 'The Dudley Group: Sunrise EPR',
  },
  'https://www.digitalhealth.net/2015/02/medway-live-with-oasisallscripts-pas/': {
    id: 'digitalhealth-2015-medway-oasis-pas',
    title: 'Medway live with Oasis/Allscripts PAS',
  },
};

function publisherOf(url: URL): string {
  const host = url.hostname.replace(/^www\./, '');
  return PUBLISHER_BY_HOST[host] ?? host;
}

interface EprRow {
  ods_code: string;
  trust_name: string;
  supplier: string;
  product: string;
  status: string;
  year: string;
  date: string;
  note: string;
  source_url: string;
}

/** One source per distinct article. Returns the source and remembers it in `sources`. */
function articleSource(row: EprRow, sources: Map<string, Source>, report: Report): Source {
  // "(seen via a mirror copy)" after a URL: the fact was read in a copy; keep the original address, say so.
  const mirrored = /\(seen via a mirror copy\)/i.test(row.source_url);
  const cited = row.source_url.replace(/\s*\(seen via a mirror copy\)\s*/i, '').trim();
  const url = URL_CORRECTIONS[cited] ?? cited;
  const existing = [...sources.values()].find((source) => source.url === url);
  if (existing) return existing;

  const parsed = new URL(url);
  const known = ARTICLES[url];
  const yearInUrl = /\/((?:19|20)\d{2})\//.exec(parsed.pathname)?.[1] ?? '';
  const notes: string[] = [];
  if (known?.note) notes.push(known.note);
  if (URL_CORRECTIONS[cited]) notes.push(`Cited in the input as ${cited} (the publisher's archive of that day).`);
  else if (/^\/\d{4}\/\d{2}\/(\d{2}\/)?$/.test(parsed.pathname)) {
    notes.push("The cited address is the publisher's archive of that date, not the article itself.");
  }
  if (mirrored) notes.push('Read via a mirror copy of the article.');
  if (!known) report.line(`no curated title for ${url}; a generic one was written`);

  const source: Source = {
    id: known?.id ?? slugify(`${publisherOf(parsed)}-${yearInUrl}-${parsed.pathname.split('/').filter(Boolean).pop() ?? ''}`),
    title: known?.title ?? `${row.trust_name}: ${row.supplier} ${row.product} (${row.status})`,
    publisher: publisherOf(parsed),
    year: known?.year ?? yearInUrl,
    url,
    kind: 'ARTICLE',
    illustrative: 'false',
    note: notes.join(' '),
  };
  sources.set(source.id, source);
  return source;
}

function buildImplementations(
  dataDir: string,
  trustCodes: Set<string>,
  report: Report,
): { suppliers: Supplier[]; products: Product[]; implementations: Implementation[]; sources: Source[] } {
  report.section('Suppliers, products, implementations (epr-implementations.csv)');
  const rows = readCsvRecords(path.join(dataDir, 'epr-implementations.csv')) as unknown as EprRow[];
  const sources = new Map<string, Source>();
  const implementations: Implementation[] = [];
  // For each supplier and product: the sources of its implementations, to cite the earliest.
  const supplierEvidence = new Map<string, Source[]>();
  const productEvidence = new Map<string, { definition: ProductDefinition; supplierId: string; sources: Source[] }>();

  for (const row of rows) {
    if (!trustCodes.has(row.ods_code)) {
      report.line(`skipped, trust not in trusts.csv: ${row.ods_code} ${row.trust_name}`);
      continue;
    }
    const status = STATUS_BY_INPUT[row.status.toLowerCase()] ?? fail(`${row.ods_code}: unknown status "${row.status}"`);
    const supplier = SUPPLIERS[row.supplier] ?? fail(`${row.ods_code}: unknown supplier "${row.supplier}"; add it to SUPPLIERS`);
    const product =
      PRODUCTS[`${row.supplier}|${row.product}`] ?? fail(`${row.ods_code}: unknown product "${row.product}"; add it to PRODUCTS`);
    if (row.year !== '' && !/^\d{4}$/.test(row.year)) fail(`${row.ods_code}: bad year "${row.year}"`);
    if (row.date !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(row.date)) fail(`${row.ods_code}: bad date "${row.date}"`);
    const source = articleSource(row, sources, report);

    implementations.push({
      id: [row.ods_code.toLowerCase(), product.short, row.year].filter(Boolean).join('-'),
      trust_ods_code: row.ods_code,
      product_id: product.id,
      status,
      year: row.year,
      go_live_date: row.date,
      notes: row.note,
      source_id: source.id,
    });
    supplierEvidence.set(supplier.id, [...(supplierEvidence.get(supplier.id) ?? []), source]);
    const evidence = productEvidence.get(product.id) ?? { definition: product, supplierId: supplier.id, sources: [] };
    evidence.sources.push(source);
    productEvidence.set(product.id, evidence);
  }

  markReplaced(implementations, report);

  // A supplier or product is evidenced by the earliest article that names it (by year, then id: deterministic).
  const earliest = (list: Source[]): string =>
    [...list].sort(byKey((s) => s.year || '9999', (s) => s.id))[0]?.id ?? fail('no source');
  const suppliers: Supplier[] = Object.values(SUPPLIERS)
    .filter((supplier) => supplierEvidence.has(supplier.id))
    .map((supplier) => ({ ...supplier, source_id: earliest(supplierEvidence.get(supplier.id) ?? []) }));
  const products: Product[] = [...productEvidence.values()].map(({ definition, supplierId, sources: list }) => ({
    id: definition.id,
    name: definition.name,
    supplier_id: supplierId,
    source_id: earliest(list),
  }));

  suppliers.sort(byKey((s) => s.id));
  products.sort(byKey((p) => p.id));
  implementations.sort(byKey((i) => i.id));
  report.line(`input rows: ${rows.length}; implementations written: ${implementations.length}`);
  report.line(`by status: ${countBy(implementations, (i) => i.status)}`);
  report.line(`suppliers: ${suppliers.length} (${suppliers.map((s) => s.id).join(', ')}); products: ${products.length}; article sources: ${sources.size}`);
  for (const implementation of implementations) {
    if (/\b(replacing|replaces|upgraded from)\b/i.test(implementation.notes)) {
      report.line(`predecessor system named in a note, not in the data (no row added): ${implementation.id}: "${implementation.notes}"`);
    }
  }
  return { suppliers, products, implementations, sources: [...sources.values()] };
}

/**
 * An older LIVE implementation becomes REPLACED only when a later LIVE or CONTRACTED implementation at the same
 * trust, of another product, says in its note that it replaces it (names the older product or its supplier).
 */
function markReplaced(implementations: Implementation[], report: Report): void {
  const shortNameOf = new Map(Object.values(PRODUCTS).map((product) => [product.id, product.short.replace(/-/g, ' ')]));
  for (const older of implementations) {
    if (older.status !== 'LIVE') continue;
    const productName = shortNameOf.get(older.product_id) ?? fail(`no product ${older.product_id}`);
    const replacement = implementations.find(
      (newer) =>
        newer.trust_ods_code === older.trust_ods_code &&
        newer.product_id !== older.product_id &&
        (newer.status === 'LIVE' || newer.status === 'CONTRACTED') &&
        Number(newer.year || 0) > Number(older.year || 0) &&
        new RegExp(`\\b(replac\\w*|upgraded from)\\b.*\\b${productName}\\b`, 'i').test(newer.notes),
    );
    if (replacement) {
      older.status = 'REPLACED';
      report.line(`marked REPLACED: ${older.id} (by ${replacement.id}: "${replacement.notes}")`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 4. Determinants and the published sources behind each.
// ---------------------------------------------------------------------------------------------------------------

const DETERMINANTS_SOURCE_ID = 'determinants-synthesis';

/**
 * The published sources the determinants' evidence texts cite. URLs only where the address was checked; empty
 * otherwise. Articles already cited for implementations are reused by id (see EVIDENCE_MATCHERS).
 */
const PUBLISHED_SOURCES: Source[] = [
  {
    id: 'wachter-2016',
    title: 'Making IT Work: harnessing the power of health information technology to improve care in England',
    publisher: 'Department of Health',
    year: '2016',
    url: 'https://www.gov.uk/government/publications/using-information-technology-to-improve-the-nhs',
    kind: 'REPORT',
    illustrative: 'false',
    note: 'Report of the National Advisory Group on Health Information Technology in England, chaired by Robert Wachter (the Wachter review): 10 findings and principles, 10 recommendations.',
  },
  {
    id: 'nao-2020',
    title: 'Digital transformation in the NHS (HC 317, Session 2019-2021)',
    publisher: 'National Audit Office',
    year: '2020',
    url: 'https://www.nao.org.uk/reports/the-use-of-digital-technology-in-the-nhs/',
    kind: 'REPORT',
    illustrative: 'false',
    note: 'Report by the Comptroller and Auditor General, 15 May 2020.',
  },
  {
    id: 'cresswell-bates-sheikh-2013',
    title: 'Ten key considerations for the successful implementation and adoption of large-scale health information technology',
    publisher: 'Journal of the American Medical Informatics Association',
    year: '2013',
    url: 'https://doi.org/10.1136/amiajnl-2013-001684',
    kind: 'ACADEMIC',
    illustrative: 'false',
    note: 'Cresswell KM, Bates DW, Sheikh A. JAMIA 2013;20(e1):e9-e13.',
  },
  {
    id: 'cresswell-worth-sheikh-2012',
    title: 'Integration of a nationally procured electronic health record system into user work practices',
    publisher: 'BMC Medical Informatics and Decision Making',
    year: '2012',
    url: 'https://doi.org/10.1186/1472-6947-12-15',
    kind: 'ACADEMIC',
    illustrative: 'false',
    note: 'Cresswell KM, Worth A, Sheikh A. BMC Med Inform Decis Mak 2012;12:15.',
  },
  {
    id: 'clarke-2015',
    title: "Implementing electronic patient record systems (EPRs) into England's acute, mental health and community care trusts: a mixed methods study",
    publisher: 'BMC Medical Informatics and Decision Making',
    year: '2015',
    url: 'https://doi.org/10.1186/s12911-015-0204-0',
    kind: 'ACADEMIC',
    illustrative: 'false',
    note: 'Clarke A, et al. Survey of 59 trusts and interviews with 8 CIOs or EPR project leads.',
  },
  {
    id: 'krasuska-2021',
    title: 'Driving digital health transformation in hospitals: a formative qualitative evaluation of the English Global Digital Exemplar programme',
    publisher: 'BMJ Health & Care Informatics',
    year: '2021',
    url: 'https://doi.org/10.1136/bmjhci-2021-100429',
    kind: 'ACADEMIC',
    illustrative: 'false',
    note: 'Krasuska M, Williams R, Sheikh A, et al. BMJ Health Care Inform 2021;28:e100429.',
  },
  {
    id: 'kings-fund-2018-digital-change',
    title: 'Digital change in health and social care',
    publisher: "The King's Fund",
    year: '2018',
    url: '',
    kind: 'REPORT',
    illustrative: 'false',
    note: 'Maguire D, Evans H, Honeyman M, Omojomolo D. Five case studies of large-scale digital change. URL not checked, left empty.',
  },
  {
    id: 'nhs-providers-2020-digital-leadership',
    title: 'A new era of digital leadership',
    publisher: 'NHS Providers',
    year: '2020',
    url: 'https://nhsproviders.org/a-new-era-of-digital-leadership',
    kind: 'REPORT',
    illustrative: 'false',
    note: 'Digital Boards programme guide for trust boards (with Public Digital).',
  },
  {
    id: 'nhs-providers-digital-boards-two-years-on',
    title: 'Digital Boards: two years on',
    publisher: 'NHS Providers',
    year: '',
    url: 'https://nhsproviders.org/digital-boards-two-years-on/what-digital-best-practice-have-we-seen',
    kind: 'CASE_STUDY',
    illustrative: 'false',
    note: "Includes Lancashire and South Cumbria NHS Foundation Trust's board focus on readiness before its EPR go-live.",
  },
  {
    id: 'nhs-providers-2024-digital-survey',
    title: 'Digital transformation survey 2024: challenges, opportunities and priorities for trust leaders',
    publisher: 'NHS Providers',
    year: '2024',
    url: 'https://nhsproviders.org/digital-transformation-survey-2024-challenges-opportunities-and-priorities-for-trust-leaders',
    kind: 'REPORT',
    illustrative: 'false',
    note: '185 responses from 134 trusts.',
  },
  {
    id: 'nhs-confederation-2024-frontline-digitisation',
    title: 'Frontline digitisation: creating the conditions for a digital NHS',
    publisher: 'NHS Confederation',
    year: '2024',
    url: 'https://nhsconfed.org/publications/frontline-digitisation',
    kind: 'REPORT',
    illustrative: 'false',
    note: 'Published 6 August 2024.',
  },
  {
    id: 'nhse-2024-tiger-teams-tender',
    title: 'NHS England: Provision of Tiger Teams to Support EPR Delivery (contract notice 034431-2024)',
    publisher: 'NHS England',
    year: '2024',
    url: 'https://www.find-tender.service.gov.uk/Notice/034431-2024',
    kind: 'REPORT',
    illustrative: 'false',
    note: 'Find a Tender notice for the Frontline Digitisation rapid-response support service (budget about 16m GBP).',
  },
  {
    id: 'dhsc-frontline-digitisation-aoa',
    title: 'Frontline Digitisation Programme: accounting officer assessment',
    publisher: 'Department of Health and Social Care',
    year: '',
    url: 'https://www.gov.uk/government/publications/department-of-health-and-social-care-accounting-officer-assessments/frontline-digitisation-programme-accounting-officer-assessment',
    kind: 'REPORT',
    illustrative: 'false',
    note: 'States the programme ambitions of coverage, capability and convergence.',
  },
  {
    id: 'digitalhealth-2023-east-lancashire-epr-live',
    title: 'East Lancashire Hospitals NHS Trust EPR goes live',
    publisher: 'Digital Health',
    year: '2023',
    url: 'https://www.digitalhealth.net/2023/06/east-lancashire-hospitals-nhs-trust-epr-goes-live/',
    kind: 'ARTICLE',
    illustrative: 'false',
    note: '',
  },
  {
    id: 'uk-parliament-2025-oracle-epr-pricing',
    title: "Written question 88748: NHS electronic patient record systems (Oracle Cerner's pricing and upgrade policies)",
    publisher: 'UK Parliament',
    year: '2025',
    url: 'https://questions-statements.parliament.uk/written-questions/detail/2025-11-10/88748',
    kind: 'REPORT',
    illustrative: 'false',
    note: 'Asked 10 November 2025, answered 14 November 2025. Contains Parliamentary information licensed under the Open Parliament Licence v3.0.',
  },
  {
    id: 'nuh-2025-critical-incident',
    title: 'Nottingham hospitals declares critical incident due to sustained pressures',
    publisher: 'Nottingham University Hospitals NHS Trust',
    year: '2025',
    url: 'https://www.nuh.nhs.uk/news/nottingham-hospitals-declares-critical-incident-due-to-sustained-pressures-10691',
    kind: 'ARTICLE',
    illustrative: 'false',
    note: 'Trust statement of 4 November 2025, after the EPR go-live that weekend.',
  },
  {
    id: 'bhrut-2025-board-papers',
    title: 'Trust board papers, 2025: EPR clinical safety',
    publisher: 'Barking, Havering and Redbridge University Hospitals NHS Trust',
    year: '2025',
    url: '',
    kind: 'REPORT',
    illustrative: 'false',
    note: 'Cited by the determinants synthesis without a document reference; URL left empty.',
  },
];

/**
 * How the evidence texts name their sources. Each ";"-separated part of a determinant's evidence is matched against
 * every pattern; a part may cite two sources ("Royal Devon and Exeter ... and Cambridge (2014) ...").
 */
const EVIDENCE_MATCHERS: { pattern: RegExp; sourceId: string }[] = [
  { pattern: /Wachter/i, sourceId: 'wachter-2016' },
  { pattern: /National Audit Office|\bNAO\b/i, sourceId: 'nao-2020' },
  { pattern: /Cresswell, Bates and Sheikh/i, sourceId: 'cresswell-bates-sheikh-2013' },
  { pattern: /Cresswell, Worth and Sheikh/i, sourceId: 'cresswell-worth-sheikh-2012' },
  { pattern: /Clarke et al/i, sourceId: 'clarke-2015' },
  { pattern: /Krasuska|Global Digital Exemplar evaluation/i, sourceId: 'krasuska-2021' },
  { pattern: /King's Fund/i, sourceId: 'kings-fund-2018-digital-change' },
  { pattern: /NHS Providers board guidance|NHS Providers guidance/i, sourceId: 'nhs-providers-2020-digital-leadership' },
  { pattern: /Lancashire and South Cumbria/i, sourceId: 'nhs-providers-digital-boards-two-years-on' },
  { pattern: /NHS Providers digital survey 2024/i, sourceId: 'nhs-providers-2024-digital-survey' },
  { pattern: /NHS Confederation/i, sourceId: 'nhs-confederation-2024-frontline-digitisation' },
  { pattern: /Tiger Teams/i, sourceId: 'nhse-2024-tiger-teams-tender' },
  { pattern: /Frontline Digitisation convergence/i, sourceId: 'dhsc-frontline-digitisation-aoa' },
  { pattern: /Sheffield Teaching Hospitals go-live deferral/i, sourceId: 'digitalhealth-2024-sheffield-delays-oracle-epr' },
  { pattern: /Calderdale and Huddersfield cost/i, sourceId: 'digitalhealth-2017-calderdale-epr-cost-overrun' },
  { pattern: /Bradford 2017 go-live/i, sourceId: 'digitalhealth-2017-bradford-calderdale-cerner' },
  { pattern: /East Lancashire 2023/i, sourceId: 'digitalhealth-2023-east-lancashire-epr-live' },
  { pattern: /Cambridge/i, sourceId: 'digitalhealth-2017-cambridge-epic' },
  { pattern: /Royal Devon and Exeter/i, sourceId: 'htn-2020-royal-devon-epic-go-live' },
  { pattern: /Barking Havering and Redbridge sharing/i, sourceId: 'htn-2025-bhrut-epr-go-live' },
  { pattern: /Barking Havering and Redbridge board papers/i, sourceId: 'bhrut-2025-board-papers' },
  { pattern: /parliamentary question on Oracle pricing/i, sourceId: 'uk-parliament-2025-oracle-epr-pricing' },
  { pattern: /Nottingham University Hospitals critical incident/i, sourceId: 'nuh-2025-critical-incident' },
];

function buildDeterminants(
  dataDir: string,
  report: Report,
): { determinants: Determinant[]; determinantSources: DeterminantSource[]; sources: Source[] } {
  report.section('Determinants (determinants.csv)');
  const rows = readCsvRecords(path.join(dataDir, 'determinants.csv'));
  const determinants: Determinant[] = [];
  const links = new Map<string, DeterminantSource>();

  for (const row of rows) {
    const id = row.id ?? '';
    if (!/^D\d{2}$/.test(id)) fail(`determinant id "${id}" is not D + two digits`);
    determinants.push({
      id,
      name: row.name ?? '',
      category: row.category ?? '',
      description: row.description ?? '',
      source_id: DETERMINANTS_SOURCE_ID,
    });

    for (const part of (row.evidence ?? '').split(';').map((text) => text.trim()).filter(Boolean)) {
      const matched = EVIDENCE_MATCHERS.filter(({ pattern }) => pattern.test(part));
      if (matched.length === 0) fail(`${id}: no source matches the evidence "${part}"; add an EVIDENCE_MATCHERS entry`);
      // Stance: SUPPORTS unless the evidence text itself says the source contradicts the determinant.
      const stance = /\b(contradict\w*|refute\w*|no evidence)\b/i.test(part) ? 'CONTRADICTS' : 'SUPPORTS';
      for (const { sourceId } of matched) {
        const key = `${id}|${sourceId}`;
        const existing = links.get(key);
        // Two parts citing the same source (e.g. two Wachter findings) become one link with both parts as its note.
        if (existing) existing.note = `${existing.note}; ${part}`;
        else links.set(key, { determinant_id: id, source_id: sourceId, stance, note: part });
      }
    }
  }

  const determinantSources = [...links.values()].sort(byKey((l) => l.determinant_id, (l) => l.source_id));
  const withoutSource = determinants.filter((d) => !determinantSources.some((l) => l.determinant_id === d.id));
  if (withoutSource.length > 0) fail(`determinants without a published source: ${withoutSource.map((d) => d.id).join(', ')}`);
  const citedIds = new Set(determinantSources.map((link) => link.source_id));
  const sources = PUBLISHED_SOURCES.filter((source) => citedIds.has(source.id));
  determinants.sort(byKey((d) => d.id));
  report.line(`determinants: ${determinants.length}; links to published sources: ${determinantSources.length} (${countBy(determinantSources, (l) => l.stance)})`);
  report.line(`published sources cited: ${citedIds.size} (${sources.length} written here, the rest are article sources of implementations)`);
  return { determinants, determinantSources, sources };
}

/** Sources describing this build's own inputs. */
function datasetSources(): Source[] {
  return [
    {
      id: ETR_SOURCE_ID,
      title: 'NHS Trusts (etr) extract, Organisation Data Service, July 2025',
      publisher: 'NHS Organisation Data Service',
      year: '2025',
      url: 'https://www.odsdatasearchandexport.nhs.uk/referenceDataCatalogue/NHS-Trusts-and-NHS-Trust-Sites_565791609.html',
      kind: 'DATASET',
      illustrative: 'false',
      note: `List of record for trusts: codes, names, NHS England regions and ICB codes. Snapshot last changed July 2025. ${OGL}`,
    },
    {
      id: TRUST_TYPES_SOURCE_ID,
      title: 'NHS trust types, regions and integrated care systems (compiled)',
      publisher: 'NHS Staff Survey trust groupings (compiled)',
      year: '',
      url: '',
      kind: 'DATASET',
      illustrative: 'false',
      note: 'Trust type (NHS Staff Survey groupings), region and ICS name per trust, compiled from public NHS sources; used for trust types and ICB names in trusts.csv.',
    },
    {
      id: DETERMINANTS_SOURCE_ID,
      title: 'Determinants of successful EPR implementation: evidence synthesis',
      publisher: 'EPR evidence graph project',
      year: '',
      url: '',
      kind: 'REPORT',
      illustrative: 'false',
      note: 'Twenty determinants synthesised from the Wachter review (2016), NAO HC 317 (2020), Cresswell et al. (2013), NHS Providers and others; each determinant links to the published sources behind it in determinant_sources.csv.',
    },
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// 5. Validation and writing
// ---------------------------------------------------------------------------------------------------------------

interface Output {
  trusts: Trust[];
  observations: Observation[];
  suppliers: Supplier[];
  products: Product[];
  implementations: Implementation[];
  determinants: Determinant[];
  determinantSources: DeterminantSource[];
  sources: Source[];
}

/** Checks what this script generates against the contract before anything is written. */
function validate(output: Output): void {
  const errors: string[] = [];
  const unique = (name: string, keys: string[]): Set<string> => {
    const seen = new Set<string>();
    for (const key of keys) {
      if (seen.has(key)) errors.push(`${name}: duplicate key ${key}`);
      seen.add(key);
    }
    return seen;
  };
  const sourceIds = unique('sources', output.sources.map((s) => s.id));
  const trustCodes = unique('trusts', output.trusts.map((t) => t.ods_code));
  const supplierIds = unique('suppliers', output.suppliers.map((s) => s.id));
  const productIds = unique('products', output.products.map((p) => p.id));
  unique('implementations', output.implementations.map((i) => i.id));
  const determinantIds = unique('determinants', output.determinants.map((d) => d.id));
  unique('determinant_sources', output.determinantSources.map((l) => `${l.determinant_id}|${l.source_id}`));
  unique('observations', output.observations.map((o) => `${o.trust_ods_code}|${o.metric}|${o.period}`));

  const refers = (name: string, value: string, targets: Set<string>): void => {
    if (!targets.has(value)) errors.push(`${name}: unresolved reference ${value}`);
  };
  const slug = /^[a-z0-9][a-z0-9-]*$/;
  for (const s of output.sources) {
    if (!slug.test(s.id)) errors.push(`sources: ${s.id} is not a slug`);
    if (s.url !== '' && !s.url.startsWith('https://')) errors.push(`sources: ${s.id} url is not https`);
    if (s.year !== '' && !/^\d{4}$/.test(s.year)) errors.push(`sources: ${s.id} year ${s.year}`);
  }
  for (const t of output.trusts) {
    refers('trusts.source_id', t.source_id, sourceIds);
    refers('trusts.type_source_id', t.type_source_id, sourceIds);
  }
  for (const s of output.suppliers) refers('suppliers.source_id', s.source_id, sourceIds);
  for (const p of output.products) {
    refers('products.supplier_id', p.supplier_id, supplierIds);
    refers('products.source_id', p.source_id, sourceIds);
  }
  for (const i of output.implementations) {
    if (!slug.test(i.id)) errors.push(`implementations: ${i.id} is not a slug`);
    refers('implementations.trust_ods_code', i.trust_ods_code, trustCodes);
    refers('implementations.product_id', i.product_id, productIds);
    refers('implementations.source_id', i.source_id, sourceIds);
  }
  for (const d of output.determinants) refers('determinants.source_id', d.source_id, sourceIds);
  for (const l of output.determinantSources) {
    refers('determinant_sources.determinant_id', l.determinant_id, determinantIds);
    refers('determinant_sources.source_id', l.source_id, sourceIds);
  }
  for (const o of output.observations) {
    refers('observations.trust_ods_code', o.trust_ods_code, trustCodes);
    refers('observations.source_id', o.source_id, sourceIds);
    const value = Number(o.value);
    if (!(value >= 0 && value <= 1)) errors.push(`observations: ${o.trust_ods_code} ${o.period} value ${o.value}`);
  }
  if (errors.length > 0) fail(`validation failed:\n  ${errors.join('\n  ')}`);
}

/**
 * sources.csv is shared with another tool: rows whose id this script generates are replaced where they stand,
 * every other row is kept unchanged and in its order, and new rows are appended sorted by id.
 */
function mergeSources(file: string, generated: Source[], report: Report): Source[] {
  report.section('sources.csv merge');
  const existing: Record<string, string>[] = existsSync(file) ? readCsvRecords(file) : [];
  const byId = new Map(generated.map((source) => [source.id, source]));
  const placed = new Set<string>();
  const merged: Record<string, string>[] = [];
  for (const row of existing) {
    const unknown = Object.keys(row).filter((column) => !(COLUMNS.sources as readonly string[]).includes(column));
    if (unknown.length > 0) fail(`${file}: unknown columns ${unknown.join(', ')}`);
    const replacement = row.id !== undefined ? byId.get(row.id) : undefined;
    if (replacement && row.id !== undefined) {
      merged.push({ ...replacement });
      placed.add(row.id);
    } else merged.push(row);
  }
  const appended = generated.filter((source) => !placed.has(source.id)).sort(byKey((s) => s.id));
  merged.push(...appended.map((source) => ({ ...source })));
  report.line(`existing rows: ${existing.length}; replaced in place: ${placed.size}; kept from other tools: ${existing.length - placed.size}; appended: ${appended.length}; total: ${merged.length}`);
  writeCsv(file, COLUMNS.sources, merged);
  return generated;
}

function main(): void {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const dataDir = path.resolve(process.argv[2] ?? path.join(repoRoot, '..', 'shared', 'data'));
  const seedsDir = path.join(repoRoot, 'seeds');
  const report = new Report();
  report.section(`Input: ${dataDir}`);

  const trusts = buildTrusts(dataDir, report);
  const trustCodes = new Set(trusts.map((trust) => trust.ods_code));
  const ae = buildObservations(dataDir, trustCodes, report);
  const epr = buildImplementations(dataDir, trustCodes, report);
  const evidence = buildDeterminants(dataDir, report);
  const sources = [...datasetSources(), ...ae.sources, ...epr.sources, ...evidence.sources].sort(byKey((s) => s.id));

  const output: Output = {
    trusts,
    observations: ae.observations,
    suppliers: epr.suppliers,
    products: epr.products,
    implementations: epr.implementations,
    determinants: evidence.determinants,
    determinantSources: evidence.determinantSources,
    sources,
  };
  validate(output);

  writeCsv(path.join(seedsDir, 'trusts.csv'), COLUMNS.trusts, output.trusts);
  writeCsv(path.join(seedsDir, 'observations.csv'), COLUMNS.observations, output.observations);
  writeCsv(path.join(seedsDir, 'suppliers.csv'), COLUMNS.suppliers, output.suppliers);
  writeCsv(path.join(seedsDir, 'products.csv'), COLUMNS.products, output.products);
  writeCsv(path.join(seedsDir, 'implementations.csv'), COLUMNS.implementations, output.implementations);
  writeCsv(path.join(seedsDir, 'determinants.csv'), COLUMNS.determinants, output.determinants);
  writeCsv(path.join(seedsDir, 'determinant_sources.csv'), COLUMNS.determinant_sources, output.determinantSources);
  mergeSources(path.join(seedsDir, 'sources.csv'), output.sources, report);

  report.section('Written');
  report.line(
    `trusts ${trusts.length}, observations ${output.observations.length}, suppliers ${output.suppliers.length}, products ${output.products.length}, ` +
      `implementations ${output.implementations.length}, determinants ${output.determinants.length}, determinant_sources ${output.determinantSources.length}, ` +
      `sources generated ${sources.length} (${countBy(sources, (s) => s.kind)})`,
  );
  report.print();
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
