/**
 * The trail's Cypher (src/modules/outcomes/repository.ts) as built from the evidence scope and the trail's parts: a
 * request asks for some parts, and one statement finds the scope once for all of them.
 */
import { describe, expect, it } from 'vitest';

import { insightEvidencePageStatement, insightEvidenceStatement, TRAIL_PART_NAMES, trailStatement } from '../../src/modules/outcomes/repository.js';
import { evidenceScope } from '../../src/modules/evidence/scope.js';
import { after } from '../helpers/cypher.js';

describe('the trail', () => {
  it('of an offer, with only the parts asked for (the summary and the determinants)', () => {
    expect(after(evidenceScope('offer'), trailStatement('offer', ['summary', 'determinants']))).toMatchInlineSnapshot(`
      "CALL (subject) {
      RETURN head(COLLECT { MATCH (a:EvidenceAggregate {id: $subjectKind + ':' + subject.id}) WHERE a.version = $aggregateVersion RETURN a.summary }) AS summary_
      }
      CALL (determinants) {
      UNWIND determinants AS d
      WITH d ORDER BY d.id
      RETURN collect({determinant: properties(d), links: head(COLLECT { MATCH (a:EvidenceAggregate {id: 'finding' + ':' + d.id}) WHERE a.version = $aggregateVersion RETURN a.links })}) AS determinants_
      }
      RETURN summary_ AS summary, determinants_ AS determinants"
    `);
  });

  it('of a decision, every part in one statement', () => {
    expect(TRAIL_PART_NAMES).toEqual(['determinants', 'sources', 'workshops', 'addressed', 'produced', 'summary']);
    expect(after(evidenceScope('decision'), trailStatement('decision', TRAIL_PART_NAMES))).toMatchInlineSnapshot(`
      "CALL (determinants) {
      UNWIND determinants AS d
      WITH d ORDER BY d.id
      RETURN collect({determinant: properties(d), links: head(COLLECT { MATCH (a:EvidenceAggregate {id: 'finding' + ':' + d.id}) WHERE a.version = $aggregateVersion RETURN a.links })}) AS determinants_
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
      WITH s, direct, determinants ORDER BY s.id
      RETURN collect({
      source: properties(s), direct: direct,
      informedBy: COLLECT { MATCH (x)-[:INFORMED_BY]->(s) WHERE x:SupportOffer OR x:PolicyDecision
      RETURN {kind: CASE WHEN x:SupportOffer THEN 'offer' ELSE 'decision' END, id: x.id} ORDER BY x.id },
      determinants: COLLECT { MATCH (s)-[e:EVIDENCES]->(d:Determinant) WHERE d IN determinants
      RETURN {determinantId: d.id, stance: e.stance, note: e.note} ORDER BY d.id }
      }) AS sources_
      }
      CALL (offers) {
      UNWIND offers AS o MATCH (o)<-[:PRODUCED]-(w:Workshop)
      WITH DISTINCT w ORDER BY w.date, w.id
      RETURN collect(properties(w)) AS workshops_
      }
      CALL (offers) {
      UNWIND offers AS o MATCH (o)-[:ADDRESSES]->(d:Determinant)
      WITH o, d ORDER BY o.id, d.id
      RETURN collect({offerId: o.id, determinantId: d.id}) AS addressed_
      }
      CALL (offers) {
      UNWIND offers AS o MATCH (o)<-[:PRODUCED]-(w:Workshop)
      WITH o, w ORDER BY w.id, o.id
      RETURN collect({workshopId: w.id, offerId: o.id}) AS produced_
      }
      CALL (subject) {
      RETURN head(COLLECT { MATCH (a:EvidenceAggregate {id: $subjectKind + ':' + subject.id}) WHERE a.version = $aggregateVersion RETURN a.summary }) AS summary_
      }
      RETURN determinants_ AS determinants, sources_ AS sources, workshops_ AS workshops, addressed_ AS addressed, produced_ AS produced, summary_ AS summary"
    `);
  });

  it("lists an offer's evidence insights, each with its stance and where it comes from", () => {
    expect(after(evidenceScope('offer'), insightEvidenceStatement('offer'))).toMatchInlineSnapshot(`
      "CALL (determinants, directInsights) {
      UNWIND determinants AS d MATCH (d)<-[:EVIDENCES]-(n:Insight) RETURN n
      UNION
      UNWIND directInsights AS n RETURN n
      }
      MATCH (n)-[:FROM]->(iv:Interview)
      OPTIONAL MATCH (iv)-[:AT]->(t:Trust)
      WITH n, iv, t, determinants, n IN directInsights AS direct,
      any(e IN [(n)-[r:EVIDENCES]->() | r] WHERE e.stance = 'SUPPORTS' AND endNode(e) IN determinants) AS supportsLink,
      any(e IN [(n)-[r:EVIDENCES]->() | r] WHERE e.stance = 'CONTRADICTS' AND endNode(e) IN determinants) AS contradictsLink
      RETURN {
      insight: properties(n),
      stance: CASE WHEN (direct OR supportsLink) THEN 'SUPPORTS' ELSE 'CONTRADICTS' END,
      mixed: supportsLink AND contradictsLink,
      coherence: CASE WHEN (direct OR supportsLink) AND contradictsLink THEN 'MIXED'
      WHEN (direct OR supportsLink) THEN 'SUPPORTING' ELSE 'CONTRADICTING' END,
      direct: direct,
      determinants: COLLECT { MATCH (n)-[e:EVIDENCES]->(d:Determinant) WHERE d IN determinants
      RETURN {determinantId: d.id, stance: e.stance, note: null} ORDER BY d.id },
      informedBy: COLLECT { MATCH (x)-[:INFORMED_BY]->(n) WHERE x:SupportOffer OR x:PolicyDecision
      RETURN {kind: CASE WHEN x:SupportOffer THEN 'offer' ELSE 'decision' END, id: x.id} ORDER BY x.id },
      interview: properties(iv),
      trust: CASE WHEN t IS NULL THEN null ELSE t {
      .odsCode, .name, .type, .region, .icbCode, .icbName, .sourceId, .typeSourceId,
      eprStatus: CASE
      WHEN EXISTS { (t)-[:HAS_IMPLEMENTATION]->(:Implementation {status: 'LIVE'}) } THEN 'LIVE'
      WHEN EXISTS { (t)-[:HAS_IMPLEMENTATION]->(i:Implementation) WHERE i.status IN ["PROCURING","PREFERRED","CONTRACTED","PLANNED"] } THEN 'IN_PROGRESS'
      ELSE 'NONE_RECORDED' END,
      interviewed: EXISTS { (:Interview)-[:AT]->(t) }
      } END,
      trustType: coalesce(t.type, iv.trustType),
      region: coalesce(t.region, iv.region),
      roles: COLLECT { MATCH (iv)-[:WITH]->(:Participant)-[:HOLDS_ROLE]->(r:Role) WITH DISTINCT r ORDER BY r.id RETURN properties(r) },
      suppliers: [s IN COLLECT { MATCH (t)-[:HAS_IMPLEMENTATION]->(i:Implementation {status: 'LIVE'})-[:OF_PRODUCT]->(:Product)-[:MADE_BY]->(s:Supplier) WITH DISTINCT s ORDER BY s.id RETURN s } | properties(s)]
      } AS row
      ORDER BY n.id"
    `);
  });

  it("pages a decision's evidence insights, cut before the rows are built", () => {
    expect(after(evidenceScope('decision'), insightEvidencePageStatement('decision'))).toMatchInlineSnapshot(`
      "WITH *, (size(directInsights) + reduce(links = 0, d IN determinants | links + COUNT { (d)<-[:EVIDENCES]-() })) * 50
      > COUNT { MATCH (:Insight) } AS dense
      CALL (determinants, directInsights, dense) {
      WITH determinants, directInsights, dense WHERE dense
      MATCH (n:Insight) WHERE n.id > coalesce($afterId, '')
      AND (n IN directInsights OR any(e IN [(n)-[r:EVIDENCES]->() | r] WHERE endNode(e) IN determinants))
      WITH n ORDER BY n.id LIMIT toInteger($limit)
      RETURN n
      UNION
      WITH determinants, directInsights, dense WHERE NOT dense
      CALL (determinants, directInsights) {
      UNWIND determinants AS d MATCH (d)<-[:EVIDENCES]-(n:Insight) RETURN n
      UNION
      UNWIND directInsights AS n RETURN n
      }
      RETURN n
      }
      WITH n, determinants, directInsights WHERE $afterId IS NULL OR n.id > $afterId
      WITH n, determinants, directInsights ORDER BY n.id LIMIT toInteger($limit)
      MATCH (n)-[:FROM]->(iv:Interview)
      OPTIONAL MATCH (iv)-[:AT]->(t:Trust)
      WITH n, iv, t, determinants, n IN directInsights AS direct,
      any(e IN [(n)-[r:EVIDENCES]->() | r] WHERE e.stance = 'SUPPORTS' AND endNode(e) IN determinants) AS supportsLink,
      any(e IN [(n)-[r:EVIDENCES]->() | r] WHERE e.stance = 'CONTRADICTS' AND endNode(e) IN determinants) AS contradictsLink
      RETURN {
      insight: properties(n),
      stance: CASE WHEN (direct OR supportsLink) THEN 'SUPPORTS' ELSE 'CONTRADICTS' END,
      mixed: supportsLink AND contradictsLink,
      coherence: CASE WHEN (direct OR supportsLink) AND contradictsLink THEN 'MIXED'
      WHEN (direct OR supportsLink) THEN 'SUPPORTING' ELSE 'CONTRADICTING' END,
      direct: direct,
      determinants: COLLECT { MATCH (n)-[e:EVIDENCES]->(d:Determinant) WHERE d IN determinants
      RETURN {determinantId: d.id, stance: e.stance, note: null} ORDER BY d.id },
      informedBy: COLLECT { MATCH (x)-[:INFORMED_BY]->(n) WHERE x:SupportOffer OR x:PolicyDecision
      RETURN {kind: CASE WHEN x:SupportOffer THEN 'offer' ELSE 'decision' END, id: x.id} ORDER BY x.id },
      interview: properties(iv),
      trust: CASE WHEN t IS NULL THEN null ELSE t {
      .odsCode, .name, .type, .region, .icbCode, .icbName, .sourceId, .typeSourceId,
      eprStatus: CASE
      WHEN EXISTS { (t)-[:HAS_IMPLEMENTATION]->(:Implementation {status: 'LIVE'}) } THEN 'LIVE'
      WHEN EXISTS { (t)-[:HAS_IMPLEMENTATION]->(i:Implementation) WHERE i.status IN ["PROCURING","PREFERRED","CONTRACTED","PLANNED"] } THEN 'IN_PROGRESS'
      ELSE 'NONE_RECORDED' END,
      interviewed: EXISTS { (:Interview)-[:AT]->(t) }
      } END,
      trustType: coalesce(t.type, iv.trustType),
      region: coalesce(t.region, iv.region),
      roles: COLLECT { MATCH (iv)-[:WITH]->(:Participant)-[:HOLDS_ROLE]->(r:Role) WITH DISTINCT r ORDER BY r.id RETURN properties(r) },
      suppliers: [s IN COLLECT { MATCH (t)-[:HAS_IMPLEMENTATION]->(i:Implementation {status: 'LIVE'})-[:OF_PRODUCT]->(:Product)-[:MADE_BY]->(s:Supplier) WITH DISTINCT s ORDER BY s.id RETURN s } | properties(s)]
      } AS row
      ORDER BY n.id"
    `);
  });
});
