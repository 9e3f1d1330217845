/**
 * The evidence module's Cypher as it is built from its fragments (src/modules/evidence/): the scope of each kind of
 * subject, the statement that computes the aggregates of each kind, and the one that reads them stored. A change to
 * a fragment shows here as a change of every statement built from it; `EXPLAIN` of the same statements against
 * Neo4j is in tests/integration/cypher-explain.test.ts.
 */
import { describe, expect, it } from 'vitest';

import { partsStatement, storedPartsStatement } from '../../src/modules/evidence/repository.js';
import { evidenceScope } from '../../src/modules/evidence/scope.js';
import { after, layout } from '../helpers/cypher.js';

describe('the evidence scope', () => {
  it('of an offer: itself, the determinants it addresses, what informed it', () => {
    expect(layout(evidenceScope('offer'))).toMatchInlineSnapshot(`
      "MATCH (subject:SupportOffer) WHERE subject.id IN $keys
      WITH subject, [subject] AS offers,
      COLLECT { MATCH (subject)-[:ADDRESSES]->(d:Determinant) RETURN d ORDER BY d.id } AS determinants
      WITH subject, offers, determinants,
      COLLECT { UNWIND offers + [subject] AS x MATCH (x)-[:INFORMED_BY]->(n:Insight) RETURN DISTINCT n } AS directInsights,
      COLLECT { UNWIND offers + [subject] AS x MATCH (x)-[:INFORMED_BY]->(s:Source) RETURN DISTINCT s } AS directSources"
    `);
  });

  it('of a decision: its offers, their determinants, what informed it or them', () => {
    expect(layout(evidenceScope('decision'))).toMatchInlineSnapshot(`
      "MATCH (subject:PolicyDecision) WHERE subject.id IN $keys
      WITH subject, COLLECT { MATCH (subject)-[:INFORMED_BY]->(o:SupportOffer) RETURN o ORDER BY o.id } AS offers
      WITH subject, offers,
      COLLECT { UNWIND offers AS o MATCH (o)-[:ADDRESSES]->(d:Determinant) WITH DISTINCT d ORDER BY d.id RETURN d } AS determinants
      WITH subject, offers, determinants,
      COLLECT { UNWIND offers + [subject] AS x MATCH (x)-[:INFORMED_BY]->(n:Insight) RETURN DISTINCT n } AS directInsights,
      COLLECT { UNWIND offers + [subject] AS x MATCH (x)-[:INFORMED_BY]->(s:Source) RETURN DISTINCT s } AS directSources"
    `);
  });

  it('of a finding: the determinant itself, nothing direct', () => {
    expect(layout(evidenceScope('finding'))).toMatchInlineSnapshot(`
      "MATCH (subject:Determinant) WHERE subject.id IN $keys
      WITH subject, [] AS offers, [subject] AS determinants
      WITH subject, offers, determinants,
      COLLECT { UNWIND offers + [subject] AS x MATCH (x)-[:INFORMED_BY]->(n:Insight) RETURN DISTINCT n } AS directInsights,
      COLLECT { UNWIND offers + [subject] AS x MATCH (x)-[:INFORMED_BY]->(s:Source) RETURN DISTINCT s } AS directSources"
    `);
  });
});

describe('the aggregates', () => {
  it("of an offer's strength and summary, over one scope (the offer's, above)", () => {
    expect(after(evidenceScope('offer'), partsStatement('offer', ['strength', 'summary']))).toMatchInlineSnapshot(`
      "CALL (determinants, directInsights, directSources) {
      CALL (determinants, directInsights) {
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
      WITH n, iv, t, CASE WHEN (direct OR supportsLink) AND contradictsLink THEN 'MIXED'
      WHEN (direct OR supportsLink) THEN 'SUPPORTING' ELSE 'CONTRADICTING' END AS coherence
      RETURN count(n) AS insights,
      count(CASE WHEN coherence <> 'CONTRADICTING' THEN 1 END) AS supportingInsights,
      count(CASE WHEN coherence <> 'SUPPORTING' THEN 1 END) AS contradictingInsights,
      count(CASE WHEN coherence = 'MIXED' THEN 1 END) AS mixedInsights,
      count(CASE WHEN n.illustrative THEN 1 END) AS illustrativeInsights,
      collect(DISTINCT iv) AS interviews,
      collect(DISTINCT t) AS trusts,
      collect(DISTINCT {region: coalesce(t.region, iv.region), type: coalesce(t.type, iv.trustType)}) AS places
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
      RETURN count(s) AS sources,
      count(CASE WHEN (direct OR any(e IN [(s)-[r:EVIDENCES]->() | r] WHERE e.stance = 'SUPPORTS' AND endNode(e) IN determinants)) THEN 1 END) AS supportingSources,
      count(CASE WHEN any(e IN [(s)-[r:EVIDENCES]->() | r] WHERE e.stance = 'CONTRADICTS' AND endNode(e) IN determinants) THEN 1 END) AS contradictingSources
      }
      RETURN insights, supportingInsights, contradictingInsights, mixedInsights, illustrativeInsights,
      size(interviews) AS interviewCount,
      size(trusts) AS trustCount,
      COUNT { UNWIND interviews AS iv MATCH (iv)-[:WITH]->(:Participant)-[:HOLDS_ROLE]->(r:Role) RETURN DISTINCT r } AS roles,
      COUNT { UNWIND places AS p RETURN DISTINCT p.region } AS regions,
      COUNT { UNWIND places AS p RETURN DISTINCT p.type } AS trustTypes,
      COUNT { UNWIND trusts AS t MATCH (t)-[:HAS_IMPLEMENTATION]->(i:Implementation {status: 'LIVE'})-[:OF_PRODUCT]->(:Product)-[:MADE_BY]->(s:Supplier) RETURN DISTINCT s } AS suppliers,
      sources, supportingSources, contradictingSources
      }
      WITH *, {
      insights: insights,
      supportingInsights: supportingInsights,
      contradictingInsights: contradictingInsights,
      interviews: interviewCount,
      trusts: trustCount,
      roles: roles,
      regions: regions,
      trustTypes: trustTypes,
      suppliers: suppliers,
      sources: sources,
      supportingSources: supportingSources,
      contradictingSources: contradictingSources
      } AS strength_
      WITH *, {
      insights: insights,
      supportingInsights: supportingInsights,
      contradictingInsights: contradictingInsights,
      interviews: interviewCount,
      trusts: trustCount,
      roles: roles,
      regions: regions,
      trustTypes: trustTypes,
      suppliers: suppliers,
      sources: sources,
      mixedInsights: mixedInsights,
      illustrativeInsights: illustrativeInsights,
      determinants: size(determinants),
      workshops: COUNT { UNWIND offers AS o MATCH (o)<-[:PRODUCED]-(w:Workshop) RETURN DISTINCT w }
      } AS summary_
      RETURN subject.id AS key, {strength: strength_, summary: summary_} AS node
      ORDER BY key"
    `);
  });

  it("of a finding's profile and links", () => {
    expect(after(evidenceScope('finding'), partsStatement('finding', ['profile', 'links']))).toMatchInlineSnapshot(`
      "CALL (determinants, directInsights, directSources) {
      CALL (determinants, directInsights) {
      CALL (determinants, directInsights) {
      UNWIND determinants AS d MATCH (d)<-[:EVIDENCES]-(n:Insight) RETURN n
      UNION
      UNWIND directInsights AS n RETURN n
      }
      MATCH (n)-[:FROM]->(iv:Interview)
      OPTIONAL MATCH (iv)-[:AT]->(t:Trust)
      OPTIONAL MATCH (n)-[:IN_STUDY]->(study:Study)
      WITH n, iv, t, study, n IN directInsights AS direct,
      any(e IN [(n)-[r:EVIDENCES]->() | r] WHERE e.stance = 'SUPPORTS' AND endNode(e) IN determinants) AS supportsLink,
      any(e IN [(n)-[r:EVIDENCES]->() | r] WHERE e.stance = 'CONTRADICTS' AND endNode(e) IN determinants) AS contradictsLink
      WITH n, iv, t, study, CASE WHEN (direct OR supportsLink) AND contradictsLink THEN 'MIXED'
      WHEN (direct OR supportsLink) THEN 'SUPPORTING' ELSE 'CONTRADICTING' END AS coherence
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
      CALL (determinants, directSources) {
      CALL (determinants, directSources) {
      UNWIND directSources AS s RETURN s, true AS direct
      UNION
      UNWIND determinants AS d MATCH (d)<-[:EVIDENCES]-(s:Source) RETURN s, false AS direct
      }
      RETURN s, any(flag IN collect(direct) WHERE flag) AS direct
      }
      WITH s, direct, determinants ORDER BY s.id
      RETURN collect({sourceId: s.id, supporting: (direct OR any(e IN [(s)-[r:EVIDENCES]->() | r] WHERE e.stance = 'SUPPORTS' AND endNode(e) IN determinants)), contradicting: any(e IN [(s)-[r:EVIDENCES]->() | r] WHERE e.stance = 'CONTRADICTS' AND endNode(e) IN determinants)}) AS sources
      }
      RETURN {
      insights: insights, supporting: supporting, contradicting: contradicting, mixed: mixed,
      contradictingInsightIds: contradictingInsightIds,
      verbatimInsights: verbatimInsights,
      interviews: size(interviews),
      participants: COUNT { UNWIND interviews AS iv MATCH (iv)-[:WITH]->(p:Participant) RETURN DISTINCT p },
      roles: COUNT { UNWIND interviews AS iv MATCH (iv)-[:WITH]->(:Participant)-[:HOLDS_ROLE]->(r:Role) RETURN DISTINCT r },
      suppliers: COUNT { UNWIND trusts AS t MATCH (t)-[:HAS_IMPLEMENTATION]->(i:Implementation {status: 'LIVE'})-[:OF_PRODUCT]->(:Product)-[:MADE_BY]->(s:Supplier) RETURN DISTINCT s },
      trustOdsCodes: COLLECT { UNWIND trusts AS t RETURN t.odsCode AS code ORDER BY code },
      studies: studies,
      sources: sources
      } AS profile_
      }
      CALL (subject) {
      RETURN {
      supportingInsights: COUNT { MATCH (subject)<-[:EVIDENCES {stance: 'SUPPORTS'}]-(n:Insight) RETURN DISTINCT n },
      contradictingInsights: COUNT { MATCH (subject)<-[:EVIDENCES {stance: 'CONTRADICTS'}]-(n:Insight) RETURN DISTINCT n },
      sources: COUNT { MATCH (subject)<-[:EVIDENCES]-(s:Source) RETURN DISTINCT s },
      supportingLinks: COUNT { (subject)<-[:EVIDENCES {stance: 'SUPPORTS'}]-(x) WHERE x:Insight OR x:Source },
      contradictingLinks: COUNT { (subject)<-[:EVIDENCES {stance: 'CONTRADICTS'}]-(x) WHERE x:Insight OR x:Source }
      } AS links_
      }
      RETURN subject.id AS key, {profile: profile_, links: links_} AS node
      ORDER BY key"
    `);
  });

  it('read stored, with the fields a caller asks for', () => {
    expect(layout(storedPartsStatement('decision', true, 'subject {.name}'))).toMatchInlineSnapshot(`
      "MATCH (subject:PolicyDecision) WHERE subject.id IN $keys
      OPTIONAL MATCH (a:EvidenceAggregate {id: $kind + ':' + subject.id})
      RETURN subject.id AS key, CASE WHEN a.version = $version THEN a[$part] END AS json, subject {.name} AS subject
      ORDER BY key"
    `);
  });
});
