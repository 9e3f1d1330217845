/**
 * The Cypher projection a `TrustModel` is made from, for trust `t`. Other domains' queries that bring trusts along
 * (a search hit's trust, an evidence row's trust) use it too, so that the trust DataLoader can be primed with
 * exactly what it would have fetched. Built from constants only.
 */

/** Statuses that mean an EPR is on its way but not live. */
export const IN_PROGRESS_STATUSES = ['PROCURING', 'PREFERRED', 'CONTRACTED', 'PLANNED'];

/** EPR status of trust `t`, derived from its implementations (see the EprStatus enum). */
export const EPR_STATUS = `CASE
  WHEN EXISTS { (t)-[:HAS_IMPLEMENTATION]->(:Implementation {status: 'LIVE'}) } THEN 'LIVE'
  WHEN EXISTS { (t)-[:HAS_IMPLEMENTATION]->(i:Implementation) WHERE i.status IN ${JSON.stringify(IN_PROGRESS_STATUSES)} } THEN 'IN_PROGRESS'
  ELSE 'NONE_RECORDED' END`;

/** A `TrustModel` of trust `t`. */
export const TRUST_PROJECTION = `t {
  .odsCode, .name, .type, .region, .icbCode, .icbName, .sourceId, .typeSourceId,
  eprStatus: ${EPR_STATUS},
  interviewed: EXISTS { (:Interview)-[:AT]->(t) }
}`;
