/** All Cypher about roles, participants, interviews, insights and workshops. */
import type { Database } from '../../db/database.js';
import { DatabaseError } from '../../db/errors.js';
import { INSIGHT_FULLTEXT_INDEX, INSIGHT_SUMMARY_FULLTEXT_INDEX } from '../../db/migrations.js';
import { badUserInput } from '../../errors.js';
import type { Region, Sentiment, SortDirection, Stance, TrustType } from '../../generated/resolvers.js';
import type { Keyed } from '../shared/batch.js';
import { keysetCondition, type Page } from '../shared/pagination.js';
import type { DeterminantLinkModel, InsightModel, InterviewModel, ParticipantModel, RoleModel, WorkshopModel } from './model.js';

export async function findRolesByParticipantCodes(db: Database, keys: readonly string[]): Promise<Array<Keyed<RoleModel>>> {
  return db.readQuery(
    `UNWIND $keys AS key MATCH (:Participant {code: key})-[:HOLDS_ROLE]->(r:Role) RETURN key, properties(r) AS node`,
    { keys },
  );
}

export async function findTrustOdsCodesByParticipantCodes(db: Database, keys: readonly string[]): Promise<Array<Keyed<string>>> {
  return db.readQuery(
    `UNWIND $keys AS key MATCH (:Participant {code: key})-[:WORKS_AT]->(t:Trust) RETURN key, t.odsCode AS node`,
    { keys },
  );
}

export async function findParticipantsByRoleIds(db: Database, keys: readonly string[]): Promise<Array<Keyed<ParticipantModel>>> {
  return db.readQuery(
    `UNWIND $keys AS key MATCH (:Role {id: key})<-[:HOLDS_ROLE]-(p:Participant) RETURN key, properties(p) AS node ORDER BY p.code`,
    { keys },
  );
}

export async function findParticipantsByInterviewIds(db: Database, keys: readonly string[]): Promise<Array<Keyed<ParticipantModel>>> {
  return db.readQuery(
    `UNWIND $keys AS key MATCH (:Interview {id: key})-[:WITH]->(p:Participant) RETURN key, properties(p) AS node ORDER BY p.code`,
    { keys },
  );
}

export async function findParticipantsByWorkshopIds(db: Database, keys: readonly string[]): Promise<Array<Keyed<ParticipantModel>>> {
  return db.readQuery(
    `UNWIND $keys AS key MATCH (:Workshop {id: key})<-[:ATTENDED]-(p:Participant) RETURN key, properties(p) AS node ORDER BY p.code`,
    { keys },
  );
}

export async function findInterviewsByParticipantCodes(db: Database, keys: readonly string[]): Promise<Array<Keyed<InterviewModel>>> {
  return db.readQuery(
    `UNWIND $keys AS key MATCH (:Participant {code: key})<-[:WITH]-(i:Interview) RETURN key, properties(i) AS node ORDER BY i.date, i.id`,
    { keys },
  );
}

export async function findInterviewsByTrustOdsCodes(db: Database, keys: readonly string[]): Promise<Array<Keyed<InterviewModel>>> {
  return db.readQuery(
    `UNWIND $keys AS key MATCH (:Trust {odsCode: key})<-[:AT]-(i:Interview) RETURN key, properties(i) AS node ORDER BY i.date, i.id`,
    { keys },
  );
}

export async function findWorkshopsByParticipantCodes(db: Database, keys: readonly string[]): Promise<Array<Keyed<WorkshopModel>>> {
  return db.readQuery(
    `UNWIND $keys AS key MATCH (:Participant {code: key})-[:ATTENDED]->(w:Workshop) RETURN key, properties(w) AS node ORDER BY w.date, w.id`,
    { keys },
  );
}

export async function findTrustOdsCodesByInterviewIds(db: Database, keys: readonly string[]): Promise<Array<Keyed<string>>> {
  return db.readQuery(
    `UNWIND $keys AS key MATCH (:Interview {id: key})-[:AT]->(t:Trust) RETURN key, t.odsCode AS node`,
    { keys },
  );
}

export async function findInsightsByInterviewIds(db: Database, keys: readonly string[]): Promise<Array<Keyed<InsightModel>>> {
  return db.readQuery(
    `UNWIND $keys AS key MATCH (:Interview {id: key})<-[:FROM]-(n:Insight) RETURN key, properties(n) AS node ORDER BY n.id`,
    { keys },
  );
}

export async function findInterviewsByInsightIds(db: Database, keys: readonly string[]): Promise<Array<Keyed<InterviewModel>>> {
  return db.readQuery(
    `UNWIND $keys AS key MATCH (:Insight {id: key})-[:FROM]->(i:Interview) RETURN key, properties(i) AS node`,
    { keys },
  );
}

export async function findDeterminantLinksByInsightIds(db: Database, keys: readonly string[]): Promise<Array<Keyed<DeterminantLinkModel>>> {
  return db.readQuery(
    `UNWIND $keys AS key MATCH (:Insight {id: key})-[e:EVIDENCES]->(d:Determinant)
     RETURN key, {determinantId: d.id, stance: e.stance, note: e.note} AS node ORDER BY d.id`,
    { keys },
  );
}

export interface InsightFilter {
  text?: string | null;
  /** Whether `text` also searches quotes: only for viewers allowed to read them (set by the resolver). */
  searchQuotes?: boolean;
  determinantIds?: string[] | null;
  stances?: Stance[] | null;
  sentiments?: Sentiment[] | null;
  roleIds?: string[] | null;
  trustOdsCodes?: string[] | null;
  trustTypes?: TrustType[] | null;
  regions?: Region[] | null;
  illustrative?: boolean | null;
}

export type InsightOrder = { field: 'RELEVANCE' } | { field: 'ID'; direction: SortDirection };

function filterClause(filter: InsightFilter): string {
  const conditions = ['true'];
  if (filter.determinantIds || filter.stances) {
    conditions.push(
      `EXISTS { (n)-[e:EVIDENCES]->(d:Determinant)
        WHERE ($determinantIds IS NULL OR d.id IN $determinantIds) AND ($stances IS NULL OR e.stance IN $stances) }`,
    );
  }
  if (filter.sentiments) conditions.push('n.sentiment IN $sentiments');
  if (filter.illustrative != null) conditions.push('n.illustrative = $illustrative');
  if (filter.roleIds) {
    conditions.push('EXISTS { (n)-[:FROM]->(:Interview)-[:WITH]->(:Participant)-[:HOLDS_ROLE]->(r:Role) WHERE r.id IN $roleIds }');
  }
  if (filter.trustOdsCodes || filter.trustTypes || filter.regions) {
    conditions.push(
      `EXISTS { (n)-[:FROM]->(:Interview)-[:AT]->(t:Trust)
        WHERE ($trustOdsCodes IS NULL OR t.odsCode IN $trustOdsCodes)
          AND ($trustTypes IS NULL OR t.type IN $trustTypes)
          AND ($regions IS NULL OR t.region IN $regions) }`,
    );
  }
  return conditions.join(' AND ');
}

function filterParams(filter: InsightFilter) {
  return {
    text: filter.text ?? null,
    determinantIds: filter.determinantIds ?? null,
    stances: filter.stances ?? null,
    sentiments: filter.sentiments ?? null,
    roleIds: filter.roleIds ?? null,
    trustOdsCodes: filter.trustOdsCodes ?? null,
    trustTypes: filter.trustTypes ?? null,
    regions: filter.regions ?? null,
    illustrative: filter.illustrative ?? null,
  };
}

/** Either every insight, or the full-text hits with their score. */
function source(filter: InsightFilter): string {
  return filter.text
    ? `CALL db.index.fulltext.queryNodes('${filter.searchQuotes ? INSIGHT_FULLTEXT_INDEX : INSIGHT_SUMMARY_FULLTEXT_INDEX}', $text) YIELD node AS n, score`
    : 'MATCH (n:Insight) WITH n, null AS score';
}

/** One page of insights (`page.first + 1` rows). Full-text hits are ordered by relevance, best first. */
export async function findInsightPage(db: Database, filter: InsightFilter, order: InsightOrder, page: Page): Promise<InsightModel[]> {
  let orderBy: string;
  let after = '';
  if (order.field === 'RELEVANCE') {
    orderBy = 'score DESC, n.id ASC';
    if (page.after) after = 'AND (score < $afterKey OR (score = $afterKey AND n.id > $afterId))';
  } else {
    orderBy = `n.id ${order.direction}`;
    if (page.after) after = `AND ${keysetCondition('n.id', 'n.id', order.direction)}`;
  }
  const rows = await runFullText(() =>
    db.readQuery<{ node: InsightModel }>(
      `${source(filter)}
       WITH n, score WHERE ${filterClause(filter)} ${after}
       RETURN n {.*, score: score} AS node ORDER BY ${orderBy}
       LIMIT toInteger($limit)`,
      { ...filterParams(filter), afterKey: page.after?.[0] ?? null, afterId: page.after?.[1] ?? null, limit: page.first + 1 },
    ),
  );
  return rows.map((row) => row.node);
}

export async function countInsights(db: Database, filter: InsightFilter): Promise<number> {
  const [row] = await runFullText(() =>
    db.readQuery<{ count: number }>(
      `${source(filter)} WITH n, score WHERE ${filterClause(filter)} RETURN count(n) AS count`,
      filterParams(filter),
    ),
  );
  return row?.count ?? 0;
}

/** Lucene refuses malformed queries (an unclosed quote, a lone AND); tell the user how to write one. */
async function runFullText<T>(query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (error) {
    if (error instanceof DatabaseError && /ParseException|Cannot parse|Lexical error/i.test(error.message)) {
      throw badUserInput(
        'filter.text is not a valid full-text query. Use plain words, "quoted phrases", OR, and * at the end of a ' +
          'word; escape the characters + - && || ! ( ) { } [ ] ^ " ~ * ? : \\ / with a backslash to search for them.',
        'filter.text',
      );
    }
    throw error;
  }
}
