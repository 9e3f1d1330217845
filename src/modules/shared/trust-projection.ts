/**
 * The Cypher projection a `TrustModel` is made from, for trust `t`. Other domains' queries that bring trusts along
 * (a search hit's trust, an evidence row's trust) use it too, so that the trust DataLoader can be primed with
 * exactly what it would have fetched. Built from constants only.
 */

import { EPR_STATUS } from '../evidence/scope.js';

/** A `TrustModel` of trust `t`. */
export const TRUST_PROJECTION = `t {
  .odsCode, .name, .type, .region, .icbCode, .icbName, .sourceId, .typeSourceId,
  eprStatus: ${EPR_STATUS},
  interviewed: EXISTS { (:Interview)-[:AT]->(t) }
}`;
