/** determinants.csv and determinant_sources.csv: the determinants and the published sources behind each. */
import path from 'node:path';

import type { Source } from './curated.js';
import { byKey, countBy, CURATED, fail, readCsvRecords, type Determinant, type DeterminantSource, type Report } from './common.js';

// ---------------------------------------------------------------------------------------------------------------
// 4. Determinants and the published sources behind each.
// ---------------------------------------------------------------------------------------------------------------

const DETERMINANTS_SOURCE_ID = 'determinants-synthesis';

export function buildDeterminants(
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
      const matched = CURATED.evidenceMatchers.filter(({ pattern }) => pattern.test(part));
      if (matched.length === 0) fail(`${id}: no source matches the evidence "${part}"; add a row to reference-data/evidence-matchers.csv`);
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
  const sources = CURATED.publishedSources.filter((source) => citedIds.has(source.id));
  determinants.sort(byKey((d) => d.id));
  report.line(`determinants: ${determinants.length}; links to published sources: ${determinantSources.length} (${countBy(determinantSources, (l) => l.stance)})`);
  report.line(`published sources cited: ${citedIds.size} (${sources.length} written here, the rest are article sources of implementations)`);
  return { determinants, determinantSources, sources };
}
