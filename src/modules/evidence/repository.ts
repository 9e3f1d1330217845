/**
 * All Cypher of the maintained evidence aggregates (see aggregates.ts for how they are kept current).
 *
 * The aggregates of a kind of subject are one statement's answer (`computeParts`), over the evidence scope of
 * scope.ts, stored as JSON on an `(:EvidenceAggregate {id: '<kind>:<subject id>'})` node per offer, decision and
 * finding, one property per part:
 * - `strength`: the counts of the evidence strength profile (analytics), for every kind;
 * - `summary`: the counts of an offer's or decision's trail summary (outcomes);
 * - `profile`: the counts behind a finding's computed GRADE-CERQual profile (confidence);
 * - `links`: a determinant's own EVIDENCES links by stance (the trail's determinants, the contested gaps).
 * The rebuild, the check and every write path compute them with that function and nothing else, so a stored
 * aggregate and a computed one can only differ when a write forgot to refresh it, which the check reports.
 * Long (about 460 lines) because it is all the aggregates' Cypher, which must be read together: the parts share
 * one scope and one walk, and the stored and computed forms must stay comparable.
 */
import type { Params } from '../../db/database.js';
import type { Keyed } from '../shared/batch.js';
import {
  COHERENCE_CATEGORY,
  CONTRADICTING,
  EVIDENCE_INSIGHTS,
  EVIDENCE_REGION,
  EVIDENCE_SOURCES,
  EVIDENCE_TRUST_TYPE,
  evidenceScope,
  INSIGHT_STANCE_FLAGS,
  INTERVIEW_TRUST,
  LIVE_SUPPLIER_PATH,
  LIVE_SUPPLIERS,
  SOURCE_CONTRADICTING,
  SOURCE_SUPPORTING,
  SUPPORTING,
  type SubjectKind,
} from './scope.js';

/** Runs one statement: a write transaction's `run`, or a database's auto-commit `readQuery`. */
export type Run = <T>(cypher: string, params?: Params) => Promise<T[]>;

/** Which subjects: those whose id is in the list (findSubjectIds gives every one). */
export type Keys = readonly string[];

/** The label of each kind of subject. */
export const SUBJECT_LABELS: Record<SubjectKind, string> = { offer: 'SupportOffer', decision: 'PolicyDecision', finding: 'Determinant' };

/** The parts an aggregate holds; which kinds have which part is in aggregates.ts. */
export type AggregatePart = 'strength' | 'summary' | 'profile' | 'links';

// ---------------------------------------------------------------------------------------------------------------
// What the aggregates hold, computed

/**
 * Over a scope's `determinants`, `directInsights` and `directSources`, binds `rows` (one map per evidence insight
 * `n` from interview `iv` at trust `t`: where it comes from and its stance), `sources`, `supportingSources` and
 * `contradictingSources`. An interview without a trust gives a row with a null trust and no suppliers, and its
 * recorded trust type and region.
 */
const EVIDENCE_ROWS = `
    CALL (determinants, directInsights) {
      ${EVIDENCE_INSIGHTS}
      MATCH (n)-[:FROM]->(iv:Interview)
      ${INTERVIEW_TRUST}
      WITH n, iv, t, ${INSIGHT_STANCE_FLAGS}
      RETURN collect({
        interview: iv.id, trust: t.odsCode, region: ${EVIDENCE_REGION}, type: ${EVIDENCE_TRUST_TYPE},
        roleIds: COLLECT { MATCH (iv)-[:WITH]->(:Participant)-[:HOLDS_ROLE]->(r:Role) RETURN DISTINCT r.id },
        supplierIds: [s IN ${LIVE_SUPPLIERS} | s.id],
        supporting: ${SUPPORTING},
        contradicting: ${CONTRADICTING}
      }) AS rows
    }
    CALL (determinants, directSources) {
      ${EVIDENCE_SOURCES}
      RETURN collect(s) AS sources,
             collect(CASE WHEN ${SOURCE_SUPPORTING} THEN s END) AS supportingSources,
             collect(CASE WHEN ${SOURCE_CONTRADICTING} THEN s END) AS contradictingSources
    }`;

/**
 * Binds, per subject of the scope: `key`, `rows`, `sources`, `supportingSources`, `contradictingSources` (see
 * EVIDENCE_ROWS). For counts that are not aggregates (the voices of analytics).
 */
export function subjectEvidence(kind: SubjectKind): string {
  return `${evidenceScope(kind)} ${EVIDENCE_ROWS}
    WITH subject.id AS key, rows, sources, supportingSources, contradictingSources`;
}

/**
 * Over a scope's `determinants` and `directInsights`, binds the insight totals of the strength and summary parts:
 * `insights`, `supportingInsights` and `contradictingInsights` (a mixed insight counts on both sides),
 * `mixedInsights`, `illustrativeInsights`, the distinct `interviews` and `trusts` (an interview without a trust
 * has none), and the distinct `places` (region and trust type: the trust's, or those recorded on the interview).
 */
const INSIGHT_TOTALS = `
      CALL (determinants, directInsights) {
        ${EVIDENCE_INSIGHTS}
        MATCH (n)-[:FROM]->(iv:Interview)
        ${INTERVIEW_TRUST}
        WITH n, iv, t, ${INSIGHT_STANCE_FLAGS}
        WITH n, iv, t, ${COHERENCE_CATEGORY} AS coherence
        RETURN count(n) AS insights,
               count(CASE WHEN coherence <> 'CONTRADICTING' THEN 1 END) AS supportingInsights,
               count(CASE WHEN coherence <> 'SUPPORTING' THEN 1 END) AS contradictingInsights,
               count(CASE WHEN coherence = 'MIXED' THEN 1 END) AS mixedInsights,
               count(CASE WHEN n.illustrative THEN 1 END) AS illustrativeInsights,
               collect(DISTINCT iv) AS interviews,
               collect(DISTINCT t) AS trusts,
               collect(DISTINCT {region: ${EVIDENCE_REGION}, type: ${EVIDENCE_TRUST_TYPE}}) AS places
      }`;

/**
 * Over the scope, binds the counts the strength and summary parts share, walking the evidence once for both:
 * INSIGHT_TOTALS, the breadth (counted over the distinct interviews, trusts and places, not per insight: a large
 * trail has many insights per interview and per trust; per insight, a curation refresh at x10 took seconds) and the
 * sources by stance. Emitted once by `computeParts` before the parts that need it.
 */
const TOTALS = `
    CALL (determinants, directInsights, directSources) {
      ${INSIGHT_TOTALS}
      CALL (determinants, directSources) {
        ${EVIDENCE_SOURCES}
        RETURN count(s) AS sources,
               count(CASE WHEN ${SOURCE_SUPPORTING} THEN 1 END) AS supportingSources,
               count(CASE WHEN ${SOURCE_CONTRADICTING} THEN 1 END) AS contradictingSources
      }
      RETURN insights, supportingInsights, contradictingInsights, mixedInsights, illustrativeInsights,
             size(interviews) AS interviewCount,
             size(trusts) AS trustCount,
             COUNT { UNWIND interviews AS iv MATCH (iv)-[:WITH]->(:Participant)-[:HOLDS_ROLE]->(r:Role) RETURN DISTINCT r } AS roles,
             COUNT { UNWIND places AS p RETURN DISTINCT p.region } AS regions,
             COUNT { UNWIND places AS p RETURN DISTINCT p.type } AS trustTypes,
             COUNT { UNWIND trusts AS t MATCH ${LIVE_SUPPLIER_PATH} RETURN DISTINCT s } AS suppliers,
             sources, supportingSources, contradictingSources
    }`;

/** The counts of TOTALS that the strength and summary parts both hold (SHARED_TOTALS), as Cypher returns them. */
export interface SharedTotalsModel {
  insights: number;
  supportingInsights: number;
  contradictingInsights: number;
  interviews: number;
  trusts: number;
  roles: number;
  regions: number;
  trustTypes: number;
  suppliers: number;
  sources: number;
}

/** The map entries of TOTALS that the strength and summary parts both hold. */
const SHARED_TOTALS = `
        insights: insights,
        supportingInsights: supportingInsights,
        contradictingInsights: contradictingInsights,
        interviews: interviewCount,
        trusts: trustCount,
        roles: roles,
        regions: regions,
        trustTypes: trustTypes,
        suppliers: suppliers,
        sources: sources`;

/** Each part: the text that binds `<part>_` over the scope, and whether it reads TOTALS. */
interface PartText {
  totals: boolean;
  text: string;
}

/**
 * Each part as clauses over the scope (`subject`, `offers`, `determinants`, `directInsights`, `directSources`,
 * and TOTALS's counts when `totals`) that bind `<part>_`, so that the parts of a kind are computed in one
 * statement over one scope.
 */
const PARTS: Record<AggregatePart, PartText> = {
  // The counts of a strength profile (analytics' EvidenceCountsModel).
  strength: {
    totals: true,
    text: `
    WITH *, {${SHARED_TOTALS},
        supportingSources: supportingSources,
        contradictingSources: contradictingSources
      } AS strength_`,
  },
  // The trail summary of an offer or decision (outcomes' EvidenceSummaryModel).
  summary: {
    totals: true,
    text: `
    WITH *, {${SHARED_TOTALS},
        mixedInsights: mixedInsights,
        illustrativeInsights: illustrativeInsights,
        determinants: size(determinants),
        workshops: COUNT { UNWIND offers AS o MATCH (o)<-[:PRODUCED]-(w:Workshop) RETURN DISTINCT w }
      } AS summary_`,
  },
  // The counts behind a finding's computed profile (confidence's FindingCountsModel). Lists come sorted (trusts by
  // ODS code, insights, studies and sources by id), so that a stored and a computed aggregate compare equal.
  profile: {
    totals: false,
    text: `
    CALL (determinants, directInsights, directSources) {
      CALL (determinants, directInsights) {
        ${EVIDENCE_INSIGHTS}
        MATCH (n)-[:FROM]->(iv:Interview)
        ${INTERVIEW_TRUST}
        OPTIONAL MATCH (n)-[:IN_STUDY]->(study:Study)
        WITH n, iv, t, study, ${INSIGHT_STANCE_FLAGS}
        WITH n, iv, t, study, ${COHERENCE_CATEGORY} AS coherence
        ORDER BY n.id
        RETURN count(n) AS insights,
               count(CASE WHEN coherence = 'SUPPORTING' THEN 1 END) AS supporting,
               count(CASE WHEN coherence = 'CONTRADICTING' THEN 1 END) AS contradicting,
               count(CASE WHEN coherence = 'MIXED' THEN 1 END) AS mixed,
               collect(CASE WHEN coherence <> 'SUPPORTING' THEN n.id END) AS contradictingInsightIds,
               count(CASE WHEN n.quote IS NOT NULL AND trim(n.quote) <> '' THEN 1 END) AS verbatimInsights,
               collect(DISTINCT iv) AS interviews,
               collect(DISTINCT t) AS trusts,
               collect(coalesce(study.id, '')) AS studyIds
      }
      CALL (studyIds) {
        UNWIND studyIds AS id
        WITH id, count(*) AS studyInsights ORDER BY id
        RETURN collect({studyId: CASE id WHEN '' THEN null ELSE id END, insights: studyInsights}) AS studies
      }
      CALL (determinants, directSources) {
        ${EVIDENCE_SOURCES}
        WITH s, direct, determinants ORDER BY s.id
        RETURN collect({sourceId: s.id, supporting: ${SOURCE_SUPPORTING}, contradicting: ${SOURCE_CONTRADICTING}}) AS sources
      }
      RETURN {
        insights: insights, supporting: supporting, contradicting: contradicting, mixed: mixed,
        contradictingInsightIds: contradictingInsightIds,
        verbatimInsights: verbatimInsights,
        interviews: size(interviews),
        participants: COUNT { UNWIND interviews AS iv MATCH (iv)-[:WITH]->(p:Participant) RETURN DISTINCT p },
        roles: COUNT { UNWIND interviews AS iv MATCH (iv)-[:WITH]->(:Participant)-[:HOLDS_ROLE]->(r:Role) RETURN DISTINCT r },
        suppliers: COUNT { UNWIND trusts AS t MATCH ${LIVE_SUPPLIER_PATH} RETURN DISTINCT s },
        trustOdsCodes: COLLECT { UNWIND trusts AS t RETURN t.odsCode AS code ORDER BY code },
        studies: studies,
        sources: sources
      } AS profile_
    }`,
  },
  // A determinant's own EVIDENCES links (DeterminantLinksModel); the subject is the determinant.
  links: {
    totals: false,
    text: `
    CALL (subject) {
      RETURN {
        supportingInsights: COUNT { MATCH (subject)<-[:EVIDENCES {stance: 'SUPPORTS'}]-(n:Insight) RETURN DISTINCT n },
        contradictingInsights: COUNT { MATCH (subject)<-[:EVIDENCES {stance: 'CONTRADICTS'}]-(n:Insight) RETURN DISTINCT n },
        sources: COUNT { MATCH (subject)<-[:EVIDENCES]-(s:Source) RETURN DISTINCT s },
        supportingLinks: COUNT { (subject)<-[:EVIDENCES {stance: 'SUPPORTS'}]-(x) WHERE x:Insight OR x:Source },
        contradictingLinks: COUNT { (subject)<-[:EVIDENCES {stance: 'CONTRADICTS'}]-(x) WHERE x:Insight OR x:Source }
      } AS links_
    }`,
  },
};

/** A determinant's own EVIDENCES links: insights by stance, sources, and links of each stance (insights and sources). */
export interface DeterminantLinksModel {
  supportingInsights: number;
  contradictingInsights: number;
  sources: number;
  supportingLinks: number;
  contradictingLinks: number;
}

/**
 * The `parts` of each subject of `kind` in `keys`, computed now in one statement over one scope,
 * by id: `node` maps each part to its counts. Which kinds have which parts is aggregates.ts's to say.
 */
export function computeParts(
  run: Run,
  kind: SubjectKind,
  parts: readonly AggregatePart[],
  keys: Keys,
): Promise<Array<Keyed<Partial<Record<AggregatePart, unknown>>>>> {
  return run(partsStatement(kind, parts), { keys });
}

/** The statement of `computeParts` (parameter `$keys`). */
export function partsStatement(kind: SubjectKind, parts: readonly AggregatePart[]): string {
  return `${evidenceScope(kind)}
     ${parts.some((part) => PARTS[part].totals) ? TOTALS : ''}
     ${parts.map((part) => PARTS[part].text).join('\n')}
     RETURN subject.id AS key, {${parts.map((part) => `${part}: ${part}_`).join(', ')}} AS node
     ORDER BY key`;
}

// ---------------------------------------------------------------------------------------------------------------
// Which subjects a change touches

/** The records a write changed or linked, by label; see `findAffectedSubjects`. */
export interface Touched {
  insights: string[];
  sources: string[];
  determinants: string[];
  offers: string[];
  decisions: string[];
}

export interface AffectedSubjects {
  findings: string[];
  offers: string[];
  decisions: string[];
}

/**
 * The subjects whose evidence can hold a touched record, as the graph stands after the write: the determinants
 * touched or EVIDENCED by a touched insight or source (their findings); the offers touched, addressing one of those
 * determinants or INFORMED_BY a touched insight or source; the decisions touched, or INFORMED_BY one of those offers
 * or a touched insight or source. A link the write removed is named in `touched` by both its ends.
 */
export async function findAffectedSubjects(run: Run, touched: Touched): Promise<AffectedSubjects> {
  const [row] = await run<AffectedSubjects>(
    `WITH COLLECT {
       MATCH (e:Insight) WHERE e.id IN $insights RETURN e
       UNION MATCH (e:Source) WHERE e.id IN $sources RETURN e
     } AS evidence
     WITH evidence, COLLECT {
       MATCH (d:Determinant) WHERE d.id IN $determinants RETURN d
       UNION UNWIND evidence AS e MATCH (e)-[:EVIDENCES]->(d:Determinant) RETURN d
     } AS determinants
     WITH evidence, determinants, COLLECT {
       MATCH (o:SupportOffer) WHERE o.id IN $offers RETURN o
       UNION UNWIND determinants AS d MATCH (o:SupportOffer)-[:ADDRESSES]->(d) RETURN o
       UNION UNWIND evidence AS e MATCH (o:SupportOffer)-[:INFORMED_BY]->(e) RETURN o
     } AS offers
     WITH determinants, offers, COLLECT {
       MATCH (p:PolicyDecision) WHERE p.id IN $decisions RETURN p
       UNION UNWIND offers + evidence AS x MATCH (p:PolicyDecision)-[:INFORMED_BY]->(x) RETURN p
     } AS decisions
     RETURN [d IN determinants | d.id] AS findings, [o IN offers | o.id] AS offers, [p IN decisions | p.id] AS decisions`,
    { ...touched },
  );
  return row ?? { findings: [], offers: [], decisions: [] };
}

// ---------------------------------------------------------------------------------------------------------------
// Storing and reading

export interface StoredAggregate {
  id: string;
  kind: SubjectKind;
  subjectId: string;
  version: number;
  /** Each part's JSON (see the header); a kind without a part has none. */
  strength: string;
  summary?: string;
  profile?: string;
  links?: string;
}

/** The id of a subject's aggregate node. */
export const aggregateId = (kind: SubjectKind, subjectId: string): string => `${kind}:${subjectId}`;

/**
 * Takes the write lock of each aggregate (creating the node when it is new) before it is computed, in id order:
 * two writes that touch one subject then compute it one after the other, the second seeing the first's change.
 */
export async function lockAggregates(run: Run, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await run(
    `UNWIND $ids AS id
     WITH id ORDER BY id
     MERGE (a:EvidenceAggregate {id: id}) SET a._lock = true REMOVE a._lock`,
    { ids: [...ids] },
  );
}

/** Replaces the stored aggregates (every property) with these. */
export async function writeAggregates(run: Run, rows: readonly StoredAggregate[]): Promise<void> {
  if (rows.length === 0) return;
  await run(`UNWIND $rows AS row MERGE (a:EvidenceAggregate {id: row.id}) SET a = row`, { rows: [...rows] });
}

/** Removes every aggregate whose id is not in `keep` (those of subjects that no longer exist). */
export async function removeAggregatesExcept(run: Run, keep: readonly string[]): Promise<number> {
  const [row] = await run<{ removed: number }>(`MATCH (a:EvidenceAggregate) WHERE NOT a.id IN $keep DELETE a RETURN count(a) AS removed`, { keep: [...keep] });
  return row?.removed ?? 0;
}

/** Removes every aggregate (before a load: see aggregates.ts). */
export async function removeAllAggregates(run: Run): Promise<void> {
  await run(`MATCH (a:EvidenceAggregate) DELETE a`);
}

/** Every stored aggregate, by id. */
export async function findAllAggregates(run: Run): Promise<StoredAggregate[]> {
  const rows = await run<{ a: StoredAggregate }>(`MATCH (a:EvidenceAggregate) RETURN properties(a) AS a ORDER BY a.id`);
  return rows.map((row) => row.a);
}

/** The ids of every subject, per kind. */
export async function findSubjectIds(run: Run): Promise<Record<SubjectKind, string[]>> {
  const [row] = await run<Record<SubjectKind, string[]>>(
    `RETURN COLLECT { MATCH (x:SupportOffer) RETURN x.id ORDER BY x.id } AS offer,
            COLLECT { MATCH (x:PolicyDecision) RETURN x.id ORDER BY x.id } AS decision,
            COLLECT { MATCH (x:Determinant) RETURN x.id ORDER BY x.id } AS finding`,
  );
  return row ?? { offer: [], decision: [], finding: [] };
}

/**
 * A Cypher expression: the JSON of one part of the stored aggregate of `subject` (a variable bound to a subject of
 * `kind`, or of the kind in parameter `$subjectKind`), null when missing or of another version than
 * `$aggregateVersion`. For statements that read a part beside other things (the trail).
 */
export function storedPart(kind: SubjectKind | '$subjectKind', part: AggregatePart, subject: string): string {
  const prefix = kind === '$subjectKind' ? kind : `'${kind}'`;
  return `head(COLLECT { MATCH (a:EvidenceAggregate {id: ${prefix} + ':' + ${subject}.id}) WHERE a.version = $aggregateVersion RETURN a.${part} })`;
}

export interface StoredPartRow {
  key: string;
  /** The part's JSON; null when the aggregate is missing, of another version, or has no such part. */
  json: string | null;
  /** `fields` evaluated on the subject node, when asked for. */
  subject?: unknown;
}

/**
 * One part of the aggregate of each subject of `kind` in `keys` (null: every subject of the kind), by id; `fields`
 * (a constant Cypher expression over `subject`) comes along, so that a caller needs no second statement for the
 * subject's own properties.
 */
export function findStoredParts(
  run: Run,
  kind: SubjectKind,
  part: AggregatePart,
  keys: Keys | null,
  version: number,
  fields?: string,
): Promise<StoredPartRow[]> {
  return run(storedPartsStatement(kind, keys !== null, fields), { keys, kind, part, version });
}

/** The statement of `findStoredParts` (parameters `$keys` when `byKeys`, `$kind`, `$part`, `$version`). */
export function storedPartsStatement(kind: SubjectKind, byKeys: boolean, fields?: string): string {
  return `MATCH (subject:${SUBJECT_LABELS[kind]}) ${byKeys ? 'WHERE subject.id IN $keys' : ''}
     OPTIONAL MATCH (a:EvidenceAggregate {id: $kind + ':' + subject.id})
     RETURN subject.id AS key, CASE WHEN a.version = $version THEN a[$part] END AS json${fields ? `, ${fields} AS subject` : ''}
     ORDER BY key`;
}

export interface AggregateCoverage {
  subjects: number;
  current: number;
  outdated: number;
}

/** How many subjects there are, and how many have an aggregate of `version` or of another version. */
export async function findAggregateCoverage(run: Run, version: number): Promise<AggregateCoverage> {
  const [row] = await run<AggregateCoverage>(
    `RETURN COUNT { MATCH (:SupportOffer) } + COUNT { MATCH (:PolicyDecision) } + COUNT { MATCH (:Determinant) } AS subjects,
            COUNT { MATCH (a:EvidenceAggregate) WHERE a.version = $version } AS current,
            COUNT { MATCH (a:EvidenceAggregate) WHERE a.version <> $version OR a.version IS NULL } AS outdated`,
    { version },
  );
  return row ?? { subjects: 0, current: 0, outdated: 0 };
}
