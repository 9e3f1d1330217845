/**
 * Built Cypher as the snapshots of tests/unit/cypher-*.test.ts show it: each line trimmed, blank lines dropped, so
 * that a snapshot changes with the statement, not with the indentation of the template it came from.
 */
import { voiceCountsStatement } from '../../src/modules/analytics/repository.js';
import { AGGREGATE_PARTS } from '../../src/modules/evidence/aggregates.js';
import { partsStatement, storedPartsStatement, subjectEvidence } from '../../src/modules/evidence/repository.js';
import { evidenceScope } from '../../src/modules/evidence/scope.js';
import { insightEvidencePageStatement, insightEvidenceStatement, TRAIL_PART_NAMES, trailStatement } from '../../src/modules/outcomes/repository.js';
import { countInsightsStatement, insightPageStatement } from '../../src/modules/research/repository.js';
import { countCypher, trustPageStatement } from '../../src/modules/trusts/repository.js';

export function layout(cypher: string): string {
  return cypher
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * Every statement the repositories build from fragments, in each shape a request can give it: the unit tier
 * snapshots some of them (tests/unit/cypher-*.test.ts), the integration tier has Neo4j `EXPLAIN` all of them
 * (tests/integration/cypher-explain.test.ts), which plans without running: a syntax error, an unknown function or a
 * variable out of scope fails there.
 */
export function builtStatements(): Array<[name: string, cypher: string]> {
  const kinds = ['offer', 'decision', 'finding'] as const;
  const subjects = ['offer', 'decision'] as const;
  const page = { first: 20, after: null };
  const after = { first: 20, after: ['i01-02', 'i01-02'] };
  const everyTrustFilter = {
    regions: ['LONDON' as const],
    types: ['ACUTE' as const],
    eprStatuses: ['LIVE' as const],
    supplierIds: ['epic'],
    nameContains: 'royal',
    interviewed: true,
  };
  const everyInsightFilter = {
    determinantIds: ['D07'],
    stances: ['SUPPORTS' as const],
    sentiments: ['NEGATIVE' as const],
    roleIds: ['cnio'],
    trustOdsCodes: ['RGT'],
    trustTypes: ['ACUTE' as const],
    regions: ['LONDON' as const],
    illustrative: false,
  };
  return [
    ...kinds.flatMap((kind) => [
      // A fragment that only binds is completed with a RETURN: Neo4j plans whole statements only.
      [`the scope of the ${kind}s in $keys`, `${evidenceScope(kind)} RETURN subject, offers, determinants, directInsights, directSources`] as [string, string],
      [`the evidence rows of the ${kind}s in $keys`, `${subjectEvidence(kind)} RETURN key, rows, sources, supportingSources, contradictingSources`] as [
        string,
        string,
      ],
      [`every aggregate part of the ${kind}s in $keys`, partsStatement(kind, AGGREGATE_PARTS[kind])] as [string, string],
      ...AGGREGATE_PARTS[kind].map((part) => [`the ${part} part alone of the ${kind}s in $keys`, partsStatement(kind, [part])] as [string, string]),
      [`the stored aggregates of the ${kind}s in $keys`, storedPartsStatement(kind, true, 'subject {.id}')] as [string, string],
      [`the stored aggregates of every ${kind}`, storedPartsStatement(kind, false)] as [string, string],
    ]),
    ...subjects.flatMap((kind) => [
      [`the whole trail of a ${kind}`, trailStatement(kind, TRAIL_PART_NAMES)] as [string, string],
      ...TRAIL_PART_NAMES.map((part) => [`the ${part} of a ${kind}'s trail`, trailStatement(kind, [part])] as [string, string]),
      [`the evidence insights of a ${kind}`, insightEvidenceStatement(kind)] as [string, string],
      [`a page of a ${kind}'s evidence insights`, insightEvidencePageStatement(kind)] as [string, string],
      [`the voices of the ${kind}s in $keys`, voiceCountsStatement(kind)] as [string, string],
    ]),
    ['the trusts counted, no filter', countCypher({})],
    ['the trusts counted, every filter', countCypher(everyTrustFilter)],
    ['a first page of trusts by name', trustPageStatement({}, { field: 'NAME', direction: 'ASC' }, false, false)],
    ['a later page of filtered trusts by ODS code, with the total', trustPageStatement(everyTrustFilter, { field: 'ODS_CODE', direction: 'DESC' }, true, true)],
    ['a page of every insight by id', insightPageStatement({ filter: {}, order: { field: 'ID', direction: 'ASC' }, page, withTotal: false })],
    [
      'a later page of filtered insights by id, with the total',
      insightPageStatement({ filter: everyInsightFilter, order: { field: 'ID', direction: 'DESC' }, page: after, withTotal: true }),
    ],
    [
      'a later page of a summary search by relevance, with the total',
      insightPageStatement({ filter: { text: 'training', stances: ['SUPPORTS'] }, order: { field: 'RELEVANCE' }, page: after, withTotal: true }),
    ],
    [
      'a page of a quote search by relevance',
      insightPageStatement({ filter: { text: 'go-live', searchQuotes: true }, order: { field: 'RELEVANCE' }, page, withTotal: false }),
    ],
    ['the insights counted, every filter', countInsightsStatement(everyInsightFilter)],
    ['a search counted', countInsightsStatement({ text: 'training' })],
  ];
}

/**
 * `statement` after `prefix`, laid out: what a statement adds to a fragment that another snapshot shows, so that
 * each snapshot shows one thing. Throws when the statement does not start with the fragment.
 */
export function after(prefix: string, statement: string): string {
  if (!statement.startsWith(prefix)) throw new Error(`Expected the statement to start with the fragment; it is:\n${statement}`);
  return layout(statement.slice(prefix.length));
}
