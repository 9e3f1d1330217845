/**
 * All Cypher of confidence in the evidence: the counts behind each finding's computed profile (the evidence module's
 * maintained aggregates, over its scope, so a finding's profile counts exactly what its determinant's trail and
 * grade count),
 * what every profile is measured against, study appraisals, and judgements. Writes are one transaction each with
 * their audit entry (the curation module's writer), like every other mutation.
 */
import type { Database, WriteTransaction } from '../../db/database.js';
import type { AppraisalInstrument, AuditAction, CerqualComponent, ConcernLevel, ConfidenceLevel, StudyRelevance } from '../../generated/resolvers.js';
import { recordChange } from '../curation/repository.js';
import type { Keyed } from '../shared/batch.js';
import { readAggregatePart, readsOf } from '../evidence/aggregates.js';
import { CURRENT_SUPPLIER_ID, EPR_STATUS, evidenceScope, LIVE_SUPPLIER_PATH, type SubjectKind } from '../evidence/scope.js';
import type { AppraisalAnswerModel, AppraisalModel, FindingCountsModel, FindingModel, ProfileContextModel, StoredJudgementModel } from './model.js';

/** The map of trust `t` the relevance component compares. */
const EVIDENCE_TRUST = `{odsCode: t.odsCode, type: t.type, region: t.region, eprStatus: ${EPR_STATUS}, supplier: ${CURRENT_SUPPLIER_ID}}`;

const FINDING = `{id: subject.id, statement: subject.finding, illustrative: coalesce(subject.findingIllustrative, false)}`;

export interface FindingCountsRow {
  finding: FindingModel;
  counts: FindingCountsModel;
}

/**
 * The counts behind the profile of each finding in `keys` (null: every finding), by id: the evidence module's
 * stored aggregates, with each finding's statement. One statement.
 */
export async function findFindingCounts(db: Database, keys: readonly string[] | null): Promise<Array<Keyed<FindingCountsRow>>> {
  const rows = await readAggregatePart<FindingCountsModel>(readsOf(db), 'finding', 'profile', keys, FINDING);
  return rows.map(({ key, node, subject }) => ({ key, node: { finding: subject as FindingModel, counts: node } }));
}

/** The ids of the findings an offer or decision rests on (its determinants'), by id; null for an unknown subject. */
export async function findFindingIdsOf(db: Database, kind: Exclude<SubjectKind, 'finding'>, id: string): Promise<string[] | null> {
  const [row] = await db.readQuery<{ ids: string[] }>(`${evidenceScope(kind)} RETURN [d IN determinants | d.id] AS ids`, { keys: [id] });
  return row ? row.ids : null;
}

/**
 * What every profile is measured against: every trust (type, region, EPR status, current supplier), the number of
 * roles and of suppliers with a LIVE trust, and every study with its latest appraisal (a cited source without a
 * study is weighed as an unappraised published source).
 */
export async function findProfileContext(db: Database): Promise<ProfileContextModel> {
  const [row] = await db.readQuery<ProfileContextModel>(
    `CALL () { MATCH (t:Trust) WITH t ORDER BY t.odsCode RETURN collect(${EVIDENCE_TRUST}) AS trusts }
     CALL () { RETURN COUNT { MATCH (r:Role) } AS allRoles }
     CALL () { RETURN COUNT { MATCH (t:Trust) MATCH ${LIVE_SUPPLIER_PATH} RETURN DISTINCT s } AS allSuppliers }
     CALL () {
       MATCH (st:Study)
       WITH st, head(COLLECT { MATCH (a:Appraisal {studyId: st.id}) RETURN a ORDER BY a.appraisedOn DESC, a.instrument }) AS a
       ORDER BY st.id
       RETURN collect({studyId: st.id, title: st.title, kind: st.kind, appraisalLevel: a.level, relevance: a.relevance}) AS studies
     }
     RETURN trusts, allRoles, allSuppliers, studies`,
  );
  return row ?? { trusts: [], allRoles: 0, allSuppliers: 0, studies: [] };
}

/** The findings in `keys` (determinants' statements), by id. */
export async function findFindings(db: Database, keys: readonly string[]): Promise<Array<Keyed<FindingModel>>> {
  return db.readQuery(`MATCH (subject:Determinant) WHERE subject.id IN $keys RETURN subject.id AS key, ${FINDING} AS node`, { keys });
}

const APPRAISAL = `a {.id, .studyId, .instrument, .level, .relevance, .note, .appraisedBy, .appraisedOn,
  illustrative: coalesce(a.illustrative, false),
  answers: COLLECT { MATCH (a)-[:HAS_ANSWER]->(x:AppraisalAnswer) RETURN x {.questionId, .answer, .comment} ORDER BY x.questionId }}`;

/** Appraisals of one study (or of every study when null), by study and instrument. */
export async function findAppraisals(db: Database, studyId: string | null): Promise<AppraisalModel[]> {
  const rows = await db.readQuery<{ node: AppraisalModel }>(
    `MATCH (a:Appraisal) WHERE $studyId IS NULL OR a.studyId = $studyId
     RETURN ${APPRAISAL} AS node ORDER BY a.studyId, a.instrument, a.id`,
    { studyId },
  );
  return rows.map((row) => row.node);
}

/** Appraisals per study id, for `Study.appraisals`. */
export async function findAppraisalsByStudyIds(db: Database, keys: readonly string[]): Promise<Array<Keyed<AppraisalModel>>> {
  return db.readQuery(`MATCH (a:Appraisal) WHERE a.studyId IN $keys RETURN a.studyId AS key, ${APPRAISAL} AS node ORDER BY a.instrument, a.id`, { keys });
}

/** Every judgement of each finding in `keys`: its components' and (component OVERALL) its confidence. */
export async function findJudgements(db: Database, keys: readonly string[]): Promise<Array<Keyed<StoredJudgementModel>>> {
  return db.readQuery(
    `MATCH (d:Determinant)<-[:JUDGES]-(j) WHERE d.id IN $keys AND (j:Judgement OR j:ConfidenceJudgement)
     RETURN d.id AS key, j {findingId: d.id, component: coalesce(j.component, 'OVERALL'), .level, .explanation,
                            .suggestedLevel, .judgedBy, .judgedOn, illustrative: coalesce(j.illustrative, false)} AS node
     ORDER BY key, node.component`,
    { keys },
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Writes

/** Takes the determinant's write lock and returns its finding, or null when there is no such determinant. */
async function lockFinding(tx: WriteTransaction, id: string): Promise<FindingModel | null> {
  const [row] = await tx.run<{ node: FindingModel }>(
    `MATCH (subject:Determinant {id: $id}) SET subject._lock = true REMOVE subject._lock RETURN ${FINDING} AS node`,
    { id },
  );
  return row?.node ?? null;
}

/** Sets a finding's statement (null removes it); null when the finding does not exist. */
export async function updateFinding(db: Database, actor: string, id: string, statement: string | null): Promise<FindingModel | null> {
  return db.writeTransaction(async (tx) => {
    const before = await lockFinding(tx, id);
    if (!before) return null;
    if (before.statement === statement && !before.illustrative) return before;
    const [row] = await tx.run<{ node: FindingModel }>(
      `MATCH (subject:Determinant {id: $id}) SET subject.finding = $statement, subject.findingIllustrative = false,
         subject.updatedAt = datetime()
       RETURN ${FINDING} AS node`,
      { id, statement },
    );
    await audit(tx, actor, 'UPDATE_FINDING', 'Determinant', id, before, row!.node);
    return row!.node;
  });
}

export interface AppraisalWrite {
  studyId: string;
  instrument: AppraisalInstrument;
  level: ConcernLevel;
  relevance: StudyRelevance;
  note: string | null;
  answers: AppraisalAnswerModel[];
}

/** The id an appraisal recorded through the API gets: one per study and instrument. */
export function appraisalId(studyId: string, instrument: AppraisalInstrument): string {
  return `${studyId}-${instrument.toLowerCase().replace(/_/g, '-')}`;
}

/** True when a study has this id. */
export async function studyExists(db: Database, studyId: string): Promise<boolean> {
  const [row] = await db.readQuery<{ found: boolean }>(`RETURN EXISTS { MATCH (:Study {id: $id}) } AS found`, { id: studyId });
  return row?.found ?? false;
}

/** Records (or replaces) the appraisal of a study with an instrument, its answers and the audit entry. */
export async function recordAppraisal(db: Database, actor: string, input: AppraisalWrite): Promise<AppraisalModel> {
  return db.writeTransaction(async (tx) => {
    // The study's appraisal with this instrument (loaded from appraisals.csv or recorded before) is replaced in place.
    const [previous] = await tx.run<{ node: AppraisalModel }>(
      `MATCH (a:Appraisal {studyId: $studyId, instrument: $instrument}) SET a._lock = true REMOVE a._lock
       RETURN ${APPRAISAL} AS node ORDER BY a.appraisedOn DESC, a.id LIMIT 1`,
      { studyId: input.studyId, instrument: input.instrument },
    );
    const id = previous?.node.id ?? appraisalId(input.studyId, input.instrument);
    const [row] = await tx.run<{ node: AppraisalModel }>(
      `MERGE (a:Appraisal {id: $id})
       ON CREATE SET a.origin = 'curation'
       SET a.studyId = $studyId, a.instrument = $instrument, a.level = $level, a.relevance = $relevance, a.note = $note,
           a.appraisedBy = $actor, a.appraisedOn = date(), a.illustrative = false, a.updatedAt = datetime()
       WITH a
       CALL (a) { MATCH (a)-[:HAS_ANSWER]->(old:AppraisalAnswer) DETACH DELETE old }
       CALL (a) {
         UNWIND $answers AS answer
         CREATE (a)-[:HAS_ANSWER {origin: 'curation'}]->(:AppraisalAnswer {id: a.id + ':' + answer.questionId, questionId: answer.questionId,
                                                        answer: answer.answer, comment: answer.comment, origin: 'curation'})
       }
       RETURN ${APPRAISAL} AS node`,
      { id, actor, ...input },
    );
    await audit(tx, actor, 'RECORD_APPRAISAL', 'Study', input.studyId, previous?.node ?? null, row!.node);
    return row!.node;
  });
}

export interface JudgementWrite {
  findingId: string;
  component: CerqualComponent | 'OVERALL';
  level: ConcernLevel | ConfidenceLevel;
  explanation: string | null;
  /** The computed suggestion at the time of the judgement, kept to flag "review needed" when it changes. */
  suggestedLevel: ConcernLevel | ConfidenceLevel;
}

/** Records (or replaces) a judgement of a finding's component or confidence; false when the finding does not exist. */
export async function recordJudgement(db: Database, actor: string, input: JudgementWrite): Promise<boolean> {
  const overall = input.component === 'OVERALL';
  // The ids the seed format gives them: `<finding>:<component>` (judgements.csv) and `<finding>` (confidence_judgements.csv).
  const id = overall ? input.findingId : `${input.findingId}:${input.component}`;
  return db.writeTransaction(async (tx) => {
    if (!(await lockFinding(tx, input.findingId))) return false;
    const label = overall ? 'ConfidenceJudgement' : 'Judgement';
    const [previous] = await tx.run<{ node: Record<string, unknown> }>(
      `MATCH (j:${label} {id: $id}) RETURN j {.level, .explanation, .suggestedLevel, .judgedBy, .judgedOn} AS node`,
      { id },
    );
    const [row] = await tx.run<{ node: Record<string, unknown> }>(
      `MATCH (d:Determinant {id: $findingId})
       MERGE (j:${label} {id: $id})
       ON CREATE SET j.origin = 'curation'
       SET j.level = $level, j.explanation = $explanation, j.suggestedLevel = $suggestedLevel,
           j.judgedBy = $actor, j.judgedOn = date(), j.illustrative = false, j.updatedAt = datetime()
       ${overall ? '' : 'SET j.component = $component'}
       MERGE (j)-[:JUDGES]->(d)
       RETURN j {.level, .explanation, .suggestedLevel, .judgedBy, .judgedOn} AS node`,
      { id, actor, ...input },
    );
    const action: AuditAction = overall ? 'RECORD_CONFIDENCE' : 'RECORD_JUDGEMENT';
    await audit(tx, actor, action, 'Determinant', input.findingId, previous ? { component: input.component, ...previous.node } : null, {
      component: input.component,
      ...row!.node,
    });
    return true;
  });
}

function audit(
  tx: WriteTransaction,
  actor: string,
  action: AuditAction,
  targetType: 'Determinant' | 'Study',
  targetId: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  return recordChange(tx, { actor, action, targetType, targetId, before, after });
}
