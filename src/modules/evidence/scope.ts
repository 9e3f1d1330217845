/**
 * The evidence rules, written once: what the evidence of an offer, a decision or a finding is, what "supporting"
 * and "contradicting" mean, a trust's LIVE suppliers and its EPR status. Every query that counts, lists, grades or
 * draws evidence (the trail of modules/outcomes, the analytics, the GRADE-CERQual profile, the trust projection)
 * is built from these fragments, so a trail and its grade cannot disagree. Constants only: no fragment interpolates
 * a value from a request.
 *
 * The scope of a subject binds `subject`, `offers` (the offers whose evidence counts), `determinants`,
 * `directInsights` and `directSources`:
 * - an offer: itself; the determinants it ADDRESSES; the insights and sources it is INFORMED_BY;
 * - a decision: the offers it is INFORMED_BY; their determinants; the insights and sources that informed it or them;
 * - a finding (a determinant's finding statement): no offer; the determinant itself; nothing direct.
 * Its evidence insights are those that EVIDENCE one of its determinants plus its direct insights; its sources
 * likewise.
 */
import { ENUM_VALUES } from '../../generated/enum-values.js';

export type SubjectKind = 'offer' | 'decision' | 'finding';

/**
 * Each binds `subject`, `offers` and `determinants`, for the subjects whose id is in `$keys`. Always a list, never
 * "every subject" as another text: a fresh Neo4j takes seconds to plan these statements, and one text per kind lets
 * the load, the import, curation and the check share each plan.
 */
const SUBJECTS: Record<SubjectKind, string> = {
  offer: `MATCH (subject:SupportOffer) WHERE subject.id IN $keys
          WITH subject, [subject] AS offers,
               COLLECT { MATCH (subject)-[:ADDRESSES]->(d:Determinant) RETURN d ORDER BY d.id } AS determinants`,
  decision: `MATCH (subject:PolicyDecision) WHERE subject.id IN $keys
             WITH subject, COLLECT { MATCH (subject)-[:INFORMED_BY]->(o:SupportOffer) RETURN o ORDER BY o.id } AS offers
             WITH subject, offers,
                  COLLECT { UNWIND offers AS o MATCH (o)-[:ADDRESSES]->(d:Determinant) WITH DISTINCT d ORDER BY d.id RETURN d } AS determinants`,
  finding: `MATCH (subject:Determinant) WHERE subject.id IN $keys
            WITH subject, [] AS offers, [subject] AS determinants`,
};

/**
 * The scope of each subject of `kind` whose id is in `$keys`. Binds `subject`, `offers`, `determinants`,
 * `directInsights`, `directSources`.
 */
export function evidenceScope(kind: SubjectKind): string {
  return `${SUBJECTS[kind]}
    WITH subject, offers, determinants,
         COLLECT { UNWIND offers + [subject] AS x MATCH (x)-[:INFORMED_BY]->(n:Insight) RETURN DISTINCT n } AS directInsights,
         COLLECT { UNWIND offers + [subject] AS x MATCH (x)-[:INFORMED_BY]->(s:Source) RETURN DISTINCT s } AS directSources`;
}

/** The evidence insights `n` of a scope, once each (a subquery over `determinants` and `directInsights`). */
export const EVIDENCE_INSIGHTS = `
    CALL (determinants, directInsights) {
      UNWIND determinants AS d MATCH (d)<-[:EVIDENCES]-(n:Insight) RETURN n
      UNION
      UNWIND directInsights AS n RETURN n
    }`;

/** The evidence sources `s` of a scope, once each, with `direct` (a subquery over `determinants`, `directSources`). */
export const EVIDENCE_SOURCES = `
    CALL (determinants, directSources) {
      CALL (determinants, directSources) {
        UNWIND directSources AS s RETURN s, true AS direct
        UNION
        UNWIND determinants AS d MATCH (d)<-[:EVIDENCES]-(s:Source) RETURN s, false AS direct
      }
      RETURN s, any(flag IN collect(direct) WHERE flag) AS direct
    }`;

/**
 * The stance flags of evidence insight `n` in its scope, as `WITH` items: `direct` (it informed the subject or one
 * of its offers), `supportsLink` and `contradictsLink` (a SUPPORTS or CONTRADICTS link to one of the determinants).
 * The links are read from `n` (an insight has a few), never from the determinant (which has thousands at scale):
 * an EXISTS with the determinant unbound lets the planner start there, which made a finding's profile quadratic.
 */
export const INSIGHT_STANCE_FLAGS = `n IN directInsights AS direct,
         any(e IN [(n)-[r:EVIDENCES]->() | r] WHERE e.stance = 'SUPPORTS' AND endNode(e) IN determinants) AS supportsLink,
         any(e IN [(n)-[r:EVIDENCES]->() | r] WHERE e.stance = 'CONTRADICTS' AND endNode(e) IN determinants) AS contradictsLink`;

/** An insight supports its subject when it informed it directly or supports one of its determinants. */
export const SUPPORTING = `(direct OR supportsLink)`;
/** An insight contradicts its subject when it contradicts one of its determinants (it may support it too). */
export const CONTRADICTING = `contradictsLink`;
/**
 * The one coherence category of an insight, so that the three add up to the evidence: MIXED when it both supports
 * and contradicts, else SUPPORTING or CONTRADICTING.
 */
export const COHERENCE_CATEGORY = `CASE WHEN ${SUPPORTING} AND ${CONTRADICTING} THEN 'MIXED'
                                        WHEN ${SUPPORTING} THEN 'SUPPORTING' ELSE 'CONTRADICTING' END`;

/** A source supports its subject when it informed it directly or has a SUPPORTS link to one of its determinants. */
export const SOURCE_SUPPORTING = `(direct OR any(e IN [(s)-[r:EVIDENCES]->() | r] WHERE e.stance = 'SUPPORTS' AND endNode(e) IN determinants))`;
/** A source contradicts its subject when it has a CONTRADICTS link to one of its determinants (read from `s`). */
export const SOURCE_CONTRADICTING = `any(e IN [(s)-[r:EVIDENCES]->() | r] WHERE e.stance = 'CONTRADICTS' AND endNode(e) IN determinants)`;

// ---------------------------------------------------------------------------------------------------------------
// Trusts: their LIVE suppliers and EPR status

/** The pattern from trust `t` to each supplier `s` of one of its LIVE implementations `i`. */
export const LIVE_SUPPLIER_PATH = `(t)-[:HAS_IMPLEMENTATION]->(i:Implementation {status: 'LIVE'})-[:OF_PRODUCT]->(:Product)-[:MADE_BY]->(s:Supplier)`;

/** The suppliers of trust `t`'s LIVE implementations, once each, by id (a list of supplier nodes). */
export const LIVE_SUPPLIERS = `COLLECT { MATCH ${LIVE_SUPPLIER_PATH} WITH DISTINCT s ORDER BY s.id RETURN s }`;

/**
 * The id of the supplier of trust `t`'s most recent LIVE implementation (the one `Trust.currentImplementation`
 * returns), so that every trust falls in one supplier stratum; null without a LIVE implementation.
 */
export const CURRENT_SUPPLIER_ID = `head(COLLECT {
  MATCH ${LIVE_SUPPLIER_PATH}
  RETURN s.id ORDER BY coalesce(i.year, 0) DESC, i.goLiveDate DESC, i.id DESC
})`;

/** Statuses that mean an EPR is on its way but not live (the EprStatus enum's IN_PROGRESS). */
export const IN_PROGRESS_STATUSES = ['PROCURING', 'PREFERRED', 'CONTRACTED', 'PLANNED'] as const;

/** EPR status of trust `t`, derived from its implementations (see the EprStatus enum). */
export const EPR_STATUS = `CASE
  WHEN EXISTS { (t)-[:HAS_IMPLEMENTATION]->(:Implementation {status: 'LIVE'}) } THEN 'LIVE'
  WHEN EXISTS { (t)-[:HAS_IMPLEMENTATION]->(i:Implementation) WHERE i.status IN ${JSON.stringify(IN_PROGRESS_STATUSES)} } THEN 'IN_PROGRESS'
  ELSE 'NONE_RECORDED' END`;

/** Every EPR status, in the EprStatus enum's order. */
export const EPR_STATUSES = ENUM_VALUES.EprStatus;

// ---------------------------------------------------------------------------------------------------------------
// Where the evidence of an interview comes from

/**
 * The trust `t` of interview `iv`, null when it is not known (a survey response, an article that does not name it):
 * such evidence adds no trust (nor supplier, nor EPR status) to any count.
 */
export const INTERVIEW_TRUST = `OPTIONAL MATCH (iv)-[:AT]->(t:Trust)`;
/** The trust type the evidence of `iv` counts under: its trust's, or the one recorded on an interview without one. */
export const EVIDENCE_TRUST_TYPE = `coalesce(t.type, iv.trustType)`;
/** The region the evidence of `iv` counts under: its trust's, or the one recorded on an interview without one. */
export const EVIDENCE_REGION = `coalesce(t.region, iv.region)`;
