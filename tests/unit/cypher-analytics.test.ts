/** The analytics' Cypher built from the evidence module (src/modules/analytics/repository.ts). */
import { describe, expect, it } from 'vitest';

import { voiceCountsStatement } from '../../src/modules/analytics/repository.js';
import { subjectEvidence } from '../../src/modules/evidence/repository.js';
import { evidenceScope } from '../../src/modules/evidence/scope.js';
import { after } from '../helpers/cypher.js';

describe('the voices of the evidence', () => {
  it('of an offer start from its evidence rows: one map per evidence insight, where it comes from and its stance', () => {
    expect(after(evidenceScope('offer'), subjectEvidence('offer'))).toMatchInlineSnapshot(`
      "CALL (determinants, directInsights) {
      CALL (determinants, directInsights) {
      UNWIND determinants AS d MATCH (d)<-[:EVIDENCES]-(n:Insight) RETURN n
      UNION
      UNWIND directInsights AS n RETURN n
      }
      MATCH (n)-[:FROM]->(iv:Interview)
      OPTIONAL MATCH (iv)-[:AT]->(t:Trust)
      WITH n, iv, t, n IN directInsights AS direct,
      any(e IN [(n)-[r:EVIDENCES]->() | r] WHERE e.stance = 'SUPPORTS' AND endNode(e) IN determinants) AS supportsLink,
      any(e IN [(n)-[r:EVIDENCES]->() | r] WHERE e.stance = 'CONTRADICTS' AND endNode(e) IN determinants) AS contradictsLink
      RETURN collect({
      interview: iv.id, trust: t.odsCode, region: coalesce(t.region, iv.region), type: coalesce(t.type, iv.trustType),
      roleIds: COLLECT { MATCH (iv)-[:WITH]->(:Participant)-[:HOLDS_ROLE]->(r:Role) RETURN DISTINCT r.id },
      supplierIds: [s IN COLLECT { MATCH (t)-[:HAS_IMPLEMENTATION]->(i:Implementation {status: 'LIVE'})-[:OF_PRODUCT]->(:Product)-[:MADE_BY]->(s:Supplier) WITH DISTINCT s ORDER BY s.id RETURN s } | s.id],
      supporting: (direct OR supportsLink),
      contradicting: contradictsLink
      }) AS rows
      }
      CALL (determinants, directSources) {
      CALL (determinants, directSources) {
      CALL (determinants, directSources) {
      UNWIND directSources AS s RETURN s, true AS direct
      UNION
      UNWIND determinants AS d MATCH (d)<-[:EVIDENCES]-(s:Source) RETURN s, false AS direct
      }
      RETURN s, any(flag IN collect(direct) WHERE flag) AS direct
      }
      RETURN collect(s) AS sources,
      collect(CASE WHEN (direct OR any(e IN [(s)-[r:EVIDENCES]->() | r] WHERE e.stance = 'SUPPORTS' AND endNode(e) IN determinants)) THEN s END) AS supportingSources,
      collect(CASE WHEN any(e IN [(s)-[r:EVIDENCES]->() | r] WHERE e.stance = 'CONTRADICTS' AND endNode(e) IN determinants) THEN s END) AS contradictingSources
      }
      WITH subject.id AS key, rows, sources, supportingSources, contradictingSources"
    `);
  });

  it('are counted from those rows per role and per trust type', () => {
    expect(after(subjectEvidence('offer'), voiceCountsStatement('offer'))).toMatchInlineSnapshot(`
      "WITH key, rows, COLLECT { MATCH (r:Role) RETURN r ORDER BY r.id } AS roles
      RETURN key, size(rows) AS insights,
      [r IN roles | {
      key: r.id, label: r.name,
      insights: size([x IN rows WHERE r.id IN x.roleIds]),
      weighted: reduce(w = 0.0, x IN rows | w + CASE WHEN r.id IN x.roleIds THEN 1.0 / size(x.roleIds) ELSE 0.0 END)
      }] AS byRole,
      [type IN $trustTypes | {key: type, insights: size([x IN rows WHERE x.type = type])}] AS byTrustType"
    `);
  });
});
