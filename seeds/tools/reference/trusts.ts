/** The trusts of trusts.csv, from the ODS etr extract and the type/region compilation. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { TrustType } from '../../../src/generated/resolvers.js';
import { byKey, countBy, CURATED, fail, normaliseName, readCsvRows, titleCase, type Report, type Trust } from './common.js';

// ---------------------------------------------------------------------------------------------------------------
// 1. Trusts: the ODS etr extract is the list of record; the type/region compilation adds trust type, names and ICS.
// ---------------------------------------------------------------------------------------------------------------

const ETR_SOURCE_ID = 'ods-etr-2025-07';
const TRUST_TYPES_SOURCE_ID = 'nhs-trust-types';

const WALES_REGION_CODE = 'W00';

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

interface CompiledTrust {
  ods_code: string;
  names: string[];
  type: string;
  region: string;
  ics: string;
  url: string;
}

export function buildTrusts(dataDir: string, report: Report): Trust[] {
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
    const region = CURATED.regionByEtrCode[etr.regionCode] ?? fail(`${etr.code}: unknown etr region code ${etr.regionCode}`);

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
        // Trusts that neither the compilation nor their name types: each entry of trust-type-decisions.csv says why.
        const decision = CURATED.trustTypeDecisions[etr.code];
        if (!decision) fail(`${etr.code} ${name}: no type in the compilation or the name; add a row to seeds/tools/reference-data/trust-type-decisions.csv`);
        type = decision.type;
        typeSourceId = decision.typeSourceId;
        report.line(`not in the compilation, type decided: ${etr.code} ${name} -> ${type} (${decision.reason})`);
      }
    }

    if (entry && entry.region && CURATED.regionByName[entry.region] !== region) {
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
