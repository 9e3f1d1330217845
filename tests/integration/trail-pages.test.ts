/**
 * A trail's insights page by page, on the bundled data: every page of every offer and decision, put together, is the
 * whole trail in id order, row for row, by either way of reading a page (outcomes/repository.ts: a trail holding more
 * than 1 in 50 of all insights walks the insights in id order; a smaller one is gathered and sorted).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Database } from '../../src/db/database.js';
import type { EvidenceSubject, InsightEvidenceModel } from '../../src/modules/outcomes/model.js';
import { findInsightEvidence, findInsightEvidencePage } from '../../src/modules/outcomes/repository.js';
import { loadSeedDirectory } from '../../src/seed/load.js';
import { connectTestDatabase, resetDatabase } from '../helpers/database.js';
import { BUNDLED_SEEDS } from '../helpers/seed-fixtures.js';

let db: Database;

beforeAll(async () => {
  db = connectTestDatabase();
  await resetDatabase(db);
  await loadSeedDirectory(db, BUNDLED_SEEDS);
});

afterAll(async () => {
  await db?.close();
});

/** Every page of `size` rows, one after another (each read asks for one row more, to tell whether another follows). */
async function allPages(subject: EvidenceSubject, size: number): Promise<{ rows: InsightEvidenceModel[]; pages: number }> {
  const rows: InsightEvidenceModel[] = [];
  let pages = 0;
  for (;;) {
    const page = await findInsightEvidencePage(db, subject, { first: size, after: rows.length === 0 ? null : [rows.at(-1)!.insight.id] });
    pages += 1;
    rows.push(...page.slice(0, size));
    if (page.length <= size) return { rows, pages };
  }
}

describe("a trail's insights, page by page", () => {
  it('are the whole trail in id order for every offer and decision (each walked in id order)', async () => {
    const subjects = await db.readQuery<EvidenceSubject>(
      "MATCH (o:SupportOffer) RETURN 'offer' AS kind, o.id AS id UNION MATCH (p:PolicyDecision) RETURN 'decision' AS kind, p.id AS id",
    );
    expect(subjects).toHaveLength(5);
    for (const subject of subjects) {
      const whole = await findInsightEvidence(db, subject);
      const { rows, pages } = await allPages(subject, 20);
      expect(rows).toEqual(whole);
      expect(pages).toBe(Math.max(1, Math.ceil(whole.length / 20)));
    }
  });

  it('are the whole trail for a trail too small to walk the insights for (gathered and sorted)', async () => {
    // Two of the 176 insights: 2 x 50 is under 176, so the page gathers the trail rather than walk every insight.
    await db.writeQuery(
      `CREATE (o:SupportOffer {id: 'test-small-offer', name: 'A small offer', illustrative: true})
       WITH o MATCH (n:Insight) WHERE n.id IN ['i01-01', 'i02-01'] CREATE (o)-[:INFORMED_BY]->(n)`,
    );
    try {
      const subject: EvidenceSubject = { kind: 'offer', id: 'test-small-offer' };
      const whole = await findInsightEvidence(db, subject);
      expect(whole.map((row) => [row.insight.id, row.stance, row.direct])).toEqual([
        ['i01-01', 'SUPPORTS', true],
        ['i02-01', 'SUPPORTS', true],
      ]);
      const { rows, pages } = await allPages(subject, 1);
      expect(rows).toEqual(whole);
      expect(pages).toBe(2);
    } finally {
      await db.writeQuery("MATCH (o:SupportOffer {id: 'test-small-offer'}) DETACH DELETE o");
    }
  });
});
