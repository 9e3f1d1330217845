/**
 * All Cypher about support offers, policy decisions and the evidence behind them.
 *
 * Every evidence query starts from the scope of modules/evidence (the subject, its offers, determinants and direct
 * insights and sources) and judges stance by its rules. Counts (a trail's summary, each determinant's links) are the
 * evidence module's maintained aggregates, read here.
 */
import type { Database } from '../../db/database.js';
import type { Page } from '../shared/pagination.js';
import type { Relation } from '../shared/repository.js';
import { AGGREGATE_VERSION, completeParts, readsOf } from '../evidence/aggregates.js';
import { storedPart, type DeterminantLinksModel } from '../evidence/repository.js';
import {
  COHERENCE_CATEGORY,
  EVIDENCE_INSIGHTS,
  EVIDENCE_REGION,
  EVIDENCE_SOURCES,
  EVIDENCE_TRUST_TYPE,
  evidenceScope,
  INSIGHT_STANCE_FLAGS,
  INTERVIEW_TRUST,
  LIVE_SUPPLIERS,
  SUPPORTING,
} from '../evidence/scope.js';
import { TRUST_PROJECTION } from '../shared/trust-projection.js';
import type { WorkshopModel } from '../research/model.js';
import type { DeterminantEvidenceModel, EvidenceSubject, EvidenceSummaryModel, InsightEvidenceModel, SourceEvidenceModel } from './model.js';

/**
 * The evidence insights `n` of one subject's scope (see modules/evidence/scope.ts; its id is the one key of `$keys`),
 * with the scope's `determinants` and `directInsights` still in hand.
 */
function evidenceInsights(kind: EvidenceSubject['kind']): string {
  return `${evidenceScope(kind)} ${EVIDENCE_INSIGHTS}`;
}

/** Turns each evidence insight `n` into a row: its stance towards the subject and the records it is judged by. */
const EVIDENCE_ROW = `
    MATCH (n)-[:FROM]->(iv:Interview)
    ${INTERVIEW_TRUST}
    WITH n, iv, t, determinants, ${INSIGHT_STANCE_FLAGS}
    RETURN {
      insight: properties(n),
      stance: CASE WHEN ${SUPPORTING} THEN 'SUPPORTS' ELSE 'CONTRADICTS' END,
      mixed: supportsLink AND contradictsLink,
      coherence: ${COHERENCE_CATEGORY},
      direct: direct,
      determinants: COLLECT { MATCH (n)-[e:EVIDENCES]->(d:Determinant) WHERE d IN determinants
                              RETURN {determinantId: d.id, stance: e.stance, note: null} ORDER BY d.id },
      informedBy: COLLECT { MATCH (x)-[:INFORMED_BY]->(n) WHERE x:SupportOffer OR x:PolicyDecision
                            RETURN {kind: CASE WHEN x:SupportOffer THEN 'offer' ELSE 'decision' END, id: x.id} ORDER BY x.id },
      interview: properties(iv),
      trust: CASE WHEN t IS NULL THEN null ELSE ${TRUST_PROJECTION} END,
      trustType: ${EVIDENCE_TRUST_TYPE},
      region: ${EVIDENCE_REGION},
      roles: COLLECT { MATCH (iv)-[:WITH]->(:Participant)-[:HOLDS_ROLE]->(r:Role) WITH DISTINCT r ORDER BY r.id RETURN properties(r) },
      suppliers: [s IN ${LIVE_SUPPLIERS} | properties(s)]
    } AS row
    ORDER BY n.id`;

/** Every evidence insight of the subject, by id. */
export async function findInsightEvidence(db: Database, subject: EvidenceSubject): Promise<InsightEvidenceModel[]> {
  const rows = await db.readQuery<{ row: InsightEvidenceModel }>(insightEvidenceStatement(subject.kind), { keys: [subject.id] });
  return rows.map((r) => r.row);
}

/** The statement of `findInsightEvidence` (parameter `$keys`). */
export function insightEvidenceStatement(kind: EvidenceSubject['kind']): string {
  return `${evidenceInsights(kind)} ${EVIDENCE_ROW}`;
}

/**
 * One page of the subject's evidence insights by id (`page.first + 1` rows). The page is cut before the rows are
 * built, so a page of a trail of thousands costs little more than a page of a small one.
 */
export async function findInsightEvidencePage(db: Database, subject: EvidenceSubject, page: Page): Promise<InsightEvidenceModel[]> {
  const rows = await db.readQuery<{ row: InsightEvidenceModel }>(insightEvidencePageStatement(subject.kind), {
    keys: [subject.id],
    afterId: page.after?.[0] ?? null,
    limit: page.first + 1,
  });
  return rows.map((r) => r.row);
}

/**
 * A trail holding more than 1 in DENSE_TRAIL_SHARE of all insights (by its determinants' EVIDENCES links, read from
 * the degree store) is paged by walking the insights in id order, which the key's index gives, until the page is
 * full: about `limit` x DENSE_TRAIL_SHARE rows or fewer when the trail's insights are spread through the ids, at any
 * size of the graph. A smaller trail is gathered and sorted, which costs its own size. At x1000 the bench offer's
 * determinants hold 103,708 insight links, and gathering them for each page of 20 took 300 ms (301,264 db hits;
 * walking, 4,033).
 */
const DENSE_TRAIL_SHARE = 50;

/** The statement of `findInsightEvidencePage` (parameters `$keys`, `$afterId`, `$limit`). */
export function insightEvidencePageStatement(kind: EvidenceSubject['kind']): string {
  return `${evidenceScope(kind)}
     WITH *, (size(directInsights) + reduce(links = 0, d IN determinants | links + COUNT { (d)<-[:EVIDENCES]-() })) * ${DENSE_TRAIL_SHARE}
             > COUNT { MATCH (:Insight) } AS dense
     CALL (determinants, directInsights, dense) {
       WITH determinants, directInsights, dense WHERE dense
       MATCH (n:Insight) WHERE n.id > coalesce($afterId, '')
         AND (n IN directInsights OR any(e IN [(n)-[r:EVIDENCES]->() | r] WHERE endNode(e) IN determinants))
       WITH n ORDER BY n.id LIMIT toInteger($limit)
       RETURN n
       UNION
       WITH determinants, directInsights, dense WHERE NOT dense
       ${EVIDENCE_INSIGHTS}
       RETURN n
     }
     WITH n, determinants, directInsights WHERE $afterId IS NULL OR n.id > $afterId
     WITH n, determinants, directInsights ORDER BY n.id LIMIT toInteger($limit)
     ${EVIDENCE_ROW}`;
}

/** What the parts of a trail hold; see `findTrailParts`. */
export interface TrailParts {
  determinants: DeterminantEvidenceModel[];
  sources: SourceEvidenceModel[];
  workshops: WorkshopModel[];
  summary: EvidenceSummaryModel;
  /** Which offer of the scope addresses which determinant (for drawing the trail). */
  addressed: Array<{ offerId: string; determinantId: string }>;
  /** Which workshop produced which offer of the scope (for drawing the trail). */
  produced: Array<{ workshopId: string; offerId: string }>;
}

export type TrailPart = keyof TrailParts;

/**
 * Each part of a trail that is one value for the whole trail, as a subquery over the scope (`subject`, `offers`,
 * `determinants`, `directInsights`) that returns one row with one column named after the part.
 */
const TRAIL_PARTS: Record<TrailPart, string> = {
  // A determinant's counts are its stored `links` aggregate (JSON, parsed in findTrailParts).
  determinants: `
    CALL (determinants) {
      UNWIND determinants AS d
      WITH d ORDER BY d.id
      RETURN collect({determinant: properties(d), links: ${storedPart('finding', 'links', 'd')}}) AS determinants_
    }`,
  sources: `
    CALL (determinants, directSources) {
      ${EVIDENCE_SOURCES}
      WITH s, direct, determinants ORDER BY s.id
      RETURN collect({
        source: properties(s), direct: direct,
        informedBy: COLLECT { MATCH (x)-[:INFORMED_BY]->(s) WHERE x:SupportOffer OR x:PolicyDecision
                              RETURN {kind: CASE WHEN x:SupportOffer THEN 'offer' ELSE 'decision' END, id: x.id} ORDER BY x.id },
        determinants: COLLECT { MATCH (s)-[e:EVIDENCES]->(d:Determinant) WHERE d IN determinants
                                RETURN {determinantId: d.id, stance: e.stance, note: e.note} ORDER BY d.id }
      }) AS sources_
    }`,
  workshops: `
    CALL (offers) {
      UNWIND offers AS o MATCH (o)<-[:PRODUCED]-(w:Workshop)
      WITH DISTINCT w ORDER BY w.date, w.id
      RETURN collect(properties(w)) AS workshops_
    }`,
  addressed: `
    CALL (offers) {
      UNWIND offers AS o MATCH (o)-[:ADDRESSES]->(d:Determinant)
      WITH o, d ORDER BY o.id, d.id
      RETURN collect({offerId: o.id, determinantId: d.id}) AS addressed_
    }`,
  produced: `
    CALL (offers) {
      UNWIND offers AS o MATCH (o)<-[:PRODUCED]-(w:Workshop)
      WITH o, w ORDER BY w.id, o.id
      RETURN collect({workshopId: w.id, offerId: o.id}) AS produced_
    }`,
  // The stored aggregate's JSON (parsed in findTrailParts): a trail's summary is counted when evidence is written.
  summary: `
    CALL (subject) {
      RETURN ${storedPart('$subjectKind', 'summary', 'subject')} AS summary_
    }`,
};

/** Every part's name. */
export const TRAIL_PART_NAMES = Object.keys(TRAIL_PARTS) as TrailPart[];

/**
 * The parts of a subject's trail a request asked for, in one statement: the scope is found once for all of them,
 * and a trail costs one round trip however many of its parts are shown.
 */
export async function findTrailParts<P extends TrailPart>(db: Database, subject: EvidenceSubject, parts: readonly P[]): Promise<Pick<TrailParts, P>> {
  const [row] = await db.readQuery<Record<string, unknown>>(trailStatement(subject.kind, parts), {
    keys: [subject.id],
    subjectKind: subject.kind,
    aggregateVersion: AGGREGATE_VERSION,
  });
  if (!row) throw new Error(`Evidence trail: no ${subject.kind} "${subject.id}".`);
  const run = readsOf(db);
  if ('summary' in row) {
    const summaries = await completeParts<EvidenceSummaryModel>(run, subject.kind, 'summary', [{ key: subject.id, json: row.summary as string | null }]);
    row.summary = summaries.get(subject.id);
  }
  if ('determinants' in row) {
    const stored = row.determinants as Array<{ determinant: DeterminantEvidenceModel['determinant']; links: string | null }>;
    const links = await completeParts<DeterminantLinksModel>(
      run,
      'finding',
      'links',
      stored.map((d) => ({ key: d.determinant.id, json: d.links })),
    );
    row.determinants = stored.map(({ determinant }): DeterminantEvidenceModel => {
      const { supportingInsights, contradictingInsights, sources } = links.get(determinant.id)!;
      return { determinant, supportingInsights, contradictingInsights, sources };
    });
  }
  return row as Pick<TrailParts, P>;
}

/** The statement of `findTrailParts` (parameters `$keys`, `$subjectKind`, `$aggregateVersion`). */
export function trailStatement(kind: EvidenceSubject['kind'], parts: readonly TrailPart[]): string {
  return `${evidenceScope(kind)}
     ${parts.map((part) => TRAIL_PARTS[part]).join('\n')}
     RETURN ${parts.map((part) => `${part}_ AS ${part}`).join(', ')}`;
}

/** The relationship lists of this domain the loaders fetch with `findRelated`, in the order they are shown. */
export const OUTCOME_RELATIONS = {
  determinantsOfOffer: { from: 'SupportOffer', type: 'ADDRESSES', direction: 'out', to: 'Determinant', orderBy: 'n.id' },
  offersOfDeterminant: { from: 'Determinant', type: 'ADDRESSES', direction: 'in', to: 'SupportOffer', orderBy: 'n.name' },
  workshopsOfOffer: { from: 'SupportOffer', type: 'PRODUCED', direction: 'in', to: 'Workshop', orderBy: 'n.date, n.id' },
  offersOfWorkshop: { from: 'Workshop', type: 'PRODUCED', direction: 'out', to: 'SupportOffer', orderBy: 'n.name' },
  insightsOfOffer: { from: 'SupportOffer', type: 'INFORMED_BY', direction: 'out', to: 'Insight', orderBy: 'n.id' },
  sourcesOfOffer: { from: 'SupportOffer', type: 'INFORMED_BY', direction: 'out', to: 'Source', orderBy: 'n.id' },
  insightsOfDecision: { from: 'PolicyDecision', type: 'INFORMED_BY', direction: 'out', to: 'Insight', orderBy: 'n.id' },
  sourcesOfDecision: { from: 'PolicyDecision', type: 'INFORMED_BY', direction: 'out', to: 'Source', orderBy: 'n.id' },
  offersOfDecision: { from: 'PolicyDecision', type: 'INFORMED_BY', direction: 'out', to: 'SupportOffer', orderBy: 'n.name' },
  decisionsOfOffer: { from: 'SupportOffer', type: 'INFORMED_BY', direction: 'in', to: 'PolicyDecision', orderBy: 'n.name' },
  offersOfInsight: { from: 'Insight', type: 'INFORMED_BY', direction: 'in', to: 'SupportOffer', orderBy: 'n.name' },
  offersOfSource: { from: 'Source', type: 'INFORMED_BY', direction: 'in', to: 'SupportOffer', orderBy: 'n.name' },
  decisionsOfSource: { from: 'Source', type: 'INFORMED_BY', direction: 'in', to: 'PolicyDecision', orderBy: 'n.name' },
} as const satisfies Record<string, Relation>;
