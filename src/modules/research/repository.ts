/** All Cypher about roles, participants, interviews, insights and workshops. */
import type { Database } from '../../db/database.js';
import { DatabaseError } from '../../db/errors.js';
import { INSIGHT_FULLTEXT_INDEX, INSIGHT_SUMMARY_FULLTEXT_INDEX } from '../../db/migrations.js';
import { badUserInput } from '../../errors.js';
import type { Region, Sentiment, SortDirection, Stance, TrustType } from '../../generated/resolvers.js';
import type { Keyed } from '../shared/batch.js';
import type { Relation } from '../shared/repository.js';
import type { TrustModel } from '../trusts/model.js';
import { EVIDENCE_REGION, EVIDENCE_TRUST_TYPE, INTERVIEW_TRUST } from '../evidence/scope.js';
import { TRUST_PROJECTION } from '../shared/trust-projection.js';
import type { Page } from '../shared/pagination.js';
import type { DeterminantLinkModel, InsightModel, InterviewModel, StudyCodingModel, TrustInterviewDetails } from './model.js';

/** The relationship lists of this domain the loaders fetch with `findRelated`, in the order they are shown. */
export const RESEARCH_RELATIONS = {
  roleOfParticipant: { from: 'Participant', type: 'HOLDS_ROLE', direction: 'out', to: 'Role', orderBy: 'n.id' },
  participantsOfRole: { from: 'Role', type: 'HOLDS_ROLE', direction: 'in', to: 'Participant', orderBy: 'n.code' },
  participantsOfInterview: { from: 'Interview', type: 'WITH', direction: 'out', to: 'Participant', orderBy: 'n.code' },
  participantsOfWorkshop: { from: 'Workshop', type: 'ATTENDED', direction: 'in', to: 'Participant', orderBy: 'n.code' },
  interviewsOfParticipant: { from: 'Participant', type: 'WITH', direction: 'in', to: 'Interview', orderBy: 'n.id' },
  // Interviews come by id, never by date: their dates are for researchers, and an order by them would tell analysts.
  interviewsOfTrust: { from: 'Trust', type: 'AT', direction: 'in', to: 'Interview', orderBy: 'n.id' },
  workshopsOfParticipant: { from: 'Participant', type: 'ATTENDED', direction: 'out', to: 'Workshop', orderBy: 'n.date, n.id' },
  insightsOfInterview: { from: 'Interview', type: 'FROM', direction: 'in', to: 'Insight', orderBy: 'n.id' },
  interviewOfInsight: { from: 'Insight', type: 'FROM', direction: 'out', to: 'Interview', orderBy: 'n.id' },
} as const satisfies Record<string, Relation>;

export async function findTrustOdsCodesByParticipantCodes(db: Database, keys: readonly string[]): Promise<Array<Keyed<string>>> {
  return db.readQuery(`UNWIND $keys AS key MATCH (:Participant {code: key})-[:WORKS_AT]->(t:Trust) RETURN key, t.odsCode AS node`, { keys });
}

export async function findTrustOdsCodesByInterviewIds(db: Database, keys: readonly string[]): Promise<Array<Keyed<string>>> {
  return db.readQuery(`UNWIND $keys AS key MATCH (:Interview {id: key})-[:AT]->(t:Trust) RETURN key, t.odsCode AS node`, { keys });
}

/**
 * Each trust's interviews (by id) with their participants and roles (by code) and their insights (by id)
 * with their links to determinants (by id), and each of those determinants once for the trust (a trust's insights
 * share a few determinants): a trust's story in one statement, where following each of those fields through its
 * own DataLoader takes four more, one after another. One row per trust.
 */
export async function findInterviewDetailsOfTrusts(db: Database, odsCodes: readonly string[]): Promise<Array<Keyed<TrustInterviewDetails>>> {
  return db.readQuery(
    `UNWIND $keys AS key
     MATCH (t:Trust {odsCode: key})
     RETURN key, {
       interviews: COLLECT {
         MATCH (t)<-[:AT]-(iv:Interview)
         RETURN {
           interview: properties(iv),
           participants: COLLECT { MATCH (iv)-[:WITH]->(pa:Participant)
                                   OPTIONAL MATCH (pa)-[:HOLDS_ROLE]->(r:Role)
                                   RETURN {participant: properties(pa), role: properties(r)} ORDER BY pa.code },
           insights: COLLECT { MATCH (n:Insight)-[:FROM]->(iv)
                               RETURN {insight: properties(n),
                                       links: COLLECT { MATCH (n)-[e:EVIDENCES]->(d:Determinant)
                                                        RETURN {determinantId: d.id, stance: e.stance, note: e.note} ORDER BY d.id }}
                               ORDER BY n.id }
         } ORDER BY iv.id
       },
       determinants: COLLECT { MATCH (t)<-[:AT]-(:Interview)<-[:FROM]-(:Insight)-[:EVIDENCES]->(d:Determinant)
                               RETURN DISTINCT properties(d) }
     } AS node`,
    { keys: odsCodes },
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

/**
 * The conditions of a filter, on `n` (the insight). `p` is how its parameters are reached: `$` for a statement's
 * own, `q.` for one request of a batch (`UNWIND $requests AS q`).
 */
function filterClause(filter: InsightFilter, p: '$' | 'q.' = '$'): string {
  const conditions = ['true'];
  if (filter.determinantIds || filter.stances) {
    conditions.push(
      `EXISTS { (n)-[e:EVIDENCES]->(d:Determinant)
        WHERE (${p}determinantIds IS NULL OR d.id IN ${p}determinantIds) AND (${p}stances IS NULL OR e.stance IN ${p}stances) }`,
    );
  }
  if (filter.sentiments) conditions.push(`n.sentiment IN ${p}sentiments`);
  if (filter.illustrative != null) conditions.push(`n.illustrative = ${p}illustrative`);
  if (filter.roleIds) {
    conditions.push(`EXISTS { (n)-[:FROM]->(:Interview)-[:WITH]->(:Participant)-[:HOLDS_ROLE]->(r:Role) WHERE r.id IN ${p}roleIds }`);
  }
  if (filter.trustOdsCodes || filter.trustTypes || filter.regions) {
    conditions.push(
      // An interview without a trust matches by the trust type and region recorded on it, never by a trust.
      `EXISTS { MATCH (n)-[:FROM]->(iv:Interview) ${INTERVIEW_TRUST}
        WITH iv, t WHERE (${p}trustOdsCodes IS NULL OR t.odsCode IN ${p}trustOdsCodes)
          AND (${p}trustTypes IS NULL OR ${EVIDENCE_TRUST_TYPE} IN ${p}trustTypes)
          AND (${p}regions IS NULL OR ${EVIDENCE_REGION} IN ${p}regions) }`,
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

/**
 * Every insight, those linked to the filter's determinants, or the full-text hits with their score; `n` and
 * `score`, with `carry` kept in scope.
 */
function source(filter: InsightFilter, p: '$' | 'q.' = '$', carry = ''): string {
  if (filter.text) {
    return `CALL db.index.fulltext.queryNodes('${filter.searchQuotes ? INSIGHT_FULLTEXT_INDEX : INSIGHT_SUMMARY_FULLTEXT_INDEX}', ${p}text) YIELD node AS n, score`;
  }
  // A determinant's insights start from its links, not from every insight: under a list of twenty determinants
  // at x100, scanning all insights once per determinant cost 20 x 40,000 link checks.
  if (filter.determinantIds) {
    return `MATCH (d:Determinant) WHERE d.id IN ${p}determinantIds MATCH (d)<-[:EVIDENCES]-(n:Insight) WITH DISTINCT ${carry}n, null AS score`;
  }
  return `MATCH (n:Insight) WITH ${carry}n, null AS score`;
}

/** An insight of a page, with the interview it came from and that interview's trust. */
export interface InsightPageRow {
  insight: InsightModel;
  interview: InterviewModel;
  /** Null when the interview's trust is not known. */
  trust: TrustModel | null;
}

/** One page of insights a resolver asks for: `Query.insights`, or `Determinant.insights` of one determinant. */
export interface InsightPageRequest {
  filter: InsightFilter;
  order: InsightOrder;
  page: Page;
  /** Whether to count every match too (the connection selects `totalCount`). */
  withTotal: boolean;
}

export interface InsightPage {
  rows: InsightPageRow[];
  /** The number matching the filter, when asked for (else null). */
  total: number | null;
}

/**
 * Pages of insights (`page.first + 1` rows each), in the order of `requests`: one statement for every request of
 * the same shape (filters given, order, with or without a total), so the pages of twenty determinants are one
 * statement, not twenty. Full-text hits are ordered by relevance, best first. Each row brings its interview and
 * trust along: a list of insights is nearly always shown with where they come from, and fetching them here saves
 * the three statements their DataLoaders would run one after another.
 */
export async function findInsightPages(db: Database, requests: readonly InsightPageRequest[]): Promise<InsightPage[]> {
  const shapes = new Map<string, Array<{ i: number } & Record<string, unknown>>>();
  requests.forEach((request, i) => {
    const cypher = insightPageStatement(request);
    const { page } = request;
    const params = { i, ...filterParams(request.filter), afterKey: page.after?.[0] ?? null, afterId: page.after?.[1] ?? null };
    shapes.set(cypher, [...(shapes.get(cypher) ?? []), params]);
  });
  const pages: InsightPage[] = requests.map(({ withTotal }) => ({ rows: [], total: withTotal ? 0 : null }));
  await Promise.all(
    [...shapes].map(async ([cypher, batch]) => {
      const rows = await runFullText(() => db.readQuery<InsightPage & { i: number }>(cypher, { requests: batch }));
      // A request with no match at all returns no row: its page stays empty, its total 0.
      for (const { i, rows: page, total } of rows) pages[i] = { rows: page, total };
    }),
  );
  return pages;
}

/** The statement for a batch of page requests of one shape; each request's values are `q.*`. */
export function insightPageStatement({ filter, order, page, withTotal }: InsightPageRequest): string {
  let orderBy: string;
  let after = '';
  if (order.field === 'RELEVANCE') {
    orderBy = 'score DESC, n.id ASC';
    if (page.after) after = 'AND (score < q.afterKey OR (score = q.afterKey AND n.id > q.afterId))';
  } else {
    orderBy = `n.id ${order.direction}`;
    const op = order.direction === 'ASC' ? '>' : '<';
    if (page.after) after = `AND n.id ${op} q.afterId`;
  }
  // LIMIT takes no variables: the page size is written in (a validated integer), so requests differing in it are
  // two shapes; sibling pages nearly always share one.
  const pageOf = `WITH q, n, score ORDER BY ${orderBy}
         LIMIT ${Math.trunc(page.first) + 1}
         MATCH (n)-[:FROM]->(iv:Interview)
         ${INTERVIEW_TRUST}
         WITH q, n, score, iv, t ORDER BY ${orderBy}
         RETURN collect({insight: n {.*, score: score}, interview: properties(iv), trust: CASE WHEN t IS NULL THEN null ELSE ${TRUST_PROJECTION} END}) AS rows`;
  // With the total, every match is collected once and both the count and the page are taken from that list (a
  // full-text search is not run twice); without it, the page stops at its last row.
  const body = withTotal
    ? `${source(filter, 'q.', 'q, ')}
       WITH q, n, score WHERE ${filterClause(filter, 'q.')}
       WITH q, collect({n: n, score: score}) AS matches
       CALL (q, matches) {
         UNWIND matches AS match
         WITH q, match.n AS n, match.score AS score WHERE true ${after}
         ${pageOf}
       }
       RETURN q.i AS i, rows, size(matches) AS total`
    : `${source(filter, 'q.', 'q, ')}
       WITH q, n, score WHERE ${filterClause(filter, 'q.')} ${after}
       ${pageOf.replace(/RETURN collect/, 'RETURN q.i AS i, null AS total, collect')}`;
  return `UNWIND $requests AS q
     CALL (q) {
       ${body}
     }
     RETURN i, rows, total`;
}

export async function countInsights(db: Database, filter: InsightFilter): Promise<number> {
  const [row] = await runFullText(() => db.readQuery<{ count: number }>(countInsightsStatement(filter), filterParams(filter)));
  return row?.count ?? 0;
}

/** The statement of `countInsights`. */
export function countInsightsStatement(filter: InsightFilter): string {
  return `${source(filter)} WITH n, score WHERE ${filterClause(filter)} RETURN count(n) AS count`;
}

/** Lucene refuses malformed queries (an unclosed quote, a lone AND); tell the user how to write one. */
async function runFullText<T>(query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (error) {
    if (error instanceof DatabaseError && /TooManyClauses|maxClauseCount/i.test(error.message)) {
      throw badUserInput(
        'filter.text matches too many words for one search (a wildcard such as a* expands into every word it matches). ' +
          'Make the wildcard terms longer (abc*), or use fewer of them.',
        'filter.text',
      );
    }
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

/**
 * A study's interviews (by id) with their trust, participants (by code, with role and trust) and insights (by id,
 * with their determinant links by determinant id): everything the REFI-QDA export writes. Null for an unknown study.
 */
export async function findStudyCoding(db: Database, studyId: string): Promise<StudyCodingModel | null> {
  const [row] = await db.readQuery<StudyCodingModel>(
    `MATCH (s:Study {id: $studyId})
     RETURN properties(s) AS study,
       head(COLLECT { MATCH (src:Source {id: s.sourceId}) RETURN properties(src) }) AS source,
       COLLECT {
         MATCH (iv:Interview)-[:IN_STUDY]->(s)
         RETURN {
           interview: properties(iv),
           trust: head(COLLECT { MATCH (iv)-[:AT]->(t:Trust) RETURN t.odsCode }),
           participants: COLLECT {
             MATCH (iv)-[:WITH]->(p:Participant)
             RETURN { localId: p.localId,
                      role: head(COLLECT { MATCH (p)-[:HOLDS_ROLE]->(r:Role) RETURN r.id }),
                      trust: head(COLLECT { MATCH (p)-[:WORKS_AT]->(t:Trust) RETURN t.odsCode }) }
             ORDER BY p.code
           },
           insights: COLLECT {
             MATCH (iv)<-[:FROM]-(i:Insight)
             RETURN { insight: properties(i),
                      links: COLLECT { MATCH (i)-[e:EVIDENCES]->(d:Determinant) RETURN { determinantId: d.id, name: d.name, stance: e.stance } ORDER BY d.id } }
             ORDER BY i.id
           }
         }
         ORDER BY iv.id
       } AS interviews`,
    { studyId },
  );
  return row ?? null;
}
