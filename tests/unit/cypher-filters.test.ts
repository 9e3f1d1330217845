/**
 * The Cypher of the lists that filter and search (trusts, insights), as built from the filter a request gives: each
 * filter adds its condition and nothing else, and the statement is parameterised whatever the values.
 */
import { describe, expect, it } from 'vitest';

import { countInsightsStatement, insightPageStatement } from '../../src/modules/research/repository.js';
import { countCypher, trustPageStatement } from '../../src/modules/trusts/repository.js';
import { layout } from '../helpers/cypher.js';

describe('the trust list', () => {
  it('without a filter counts from the label and pages by name', () => {
    expect(layout(countCypher({}))).toMatchInlineSnapshot(`"MATCH (t:Trust)  RETURN count(t) AS total"`);
    expect(layout(trustPageStatement({}, { field: 'NAME', direction: 'ASC' }, false, false))).toMatchInlineSnapshot(`
      "WITH null AS total
      CALL () {
      MATCH (t:Trust)
      WHERE true
      WITH t ORDER BY t.name ASC, t.odsCode ASC
      LIMIT toInteger($limit)
      RETURN collect({
      trust: t {
      .odsCode, .name, .type, .region, .icbCode, .icbName, .sourceId, .typeSourceId,
      eprStatus: CASE
      WHEN EXISTS { (t)-[:HAS_IMPLEMENTATION]->(:Implementation {status: 'LIVE'}) } THEN 'LIVE'
      WHEN EXISTS { (t)-[:HAS_IMPLEMENTATION]->(i:Implementation) WHERE i.status IN ["PROCURING","PREFERRED","CONTRACTED","PLANNED"] } THEN 'IN_PROGRESS'
      ELSE 'NONE_RECORDED' END,
      interviewed: EXISTS { (:Interview)-[:AT]->(t) }
      },
      implementations: COLLECT { MATCH (t)-[:HAS_IMPLEMENTATION]->(i:Implementation)
      OPTIONAL MATCH (i)-[:OF_PRODUCT]->(p:Product)
      OPTIONAL MATCH (p)-[:MADE_BY]->(s:Supplier)
      RETURN {implementation: properties(i), product: properties(p), supplier: properties(s)}
      ORDER BY coalesce(i.year, 0), i.goLiveDate, i.id }
      }) AS rows
      }
      RETURN rows, total"
    `);
  });

  it('with every filter, after a cursor and with the total', () => {
    const filter = {
      regions: ['LONDON' as const],
      types: ['ACUTE' as const],
      eprStatuses: ['LIVE' as const],
      supplierIds: ['epic'],
      nameContains: 'royal',
      interviewed: false,
    };
    expect(layout(trustPageStatement(filter, { field: 'ODS_CODE', direction: 'DESC' }, true, true))).toMatchInlineSnapshot(`
      "CALL () { MATCH (t:Trust) WHERE true AND t.region IN $regions AND t.type IN $types AND CASE
      WHEN EXISTS { (t)-[:HAS_IMPLEMENTATION]->(:Implementation {status: 'LIVE'}) } THEN 'LIVE'
      WHEN EXISTS { (t)-[:HAS_IMPLEMENTATION]->(i:Implementation) WHERE i.status IN ["PROCURING","PREFERRED","CONTRACTED","PLANNED"] } THEN 'IN_PROGRESS'
      ELSE 'NONE_RECORDED' END IN $eprStatuses AND EXISTS { (t)-[:HAS_IMPLEMENTATION]->(:Implementation)-[:OF_PRODUCT]->(:Product)-[:MADE_BY]->(s:Supplier) WHERE s.id IN $supplierIds } AND toLower(t.name) CONTAINS toLower($nameContains) AND NOT EXISTS { (:Interview)-[:AT]->(t) } RETURN count(t) AS total }
      CALL () {
      MATCH (t:Trust)
      WHERE true AND t.region IN $regions AND t.type IN $types AND CASE
      WHEN EXISTS { (t)-[:HAS_IMPLEMENTATION]->(:Implementation {status: 'LIVE'}) } THEN 'LIVE'
      WHEN EXISTS { (t)-[:HAS_IMPLEMENTATION]->(i:Implementation) WHERE i.status IN ["PROCURING","PREFERRED","CONTRACTED","PLANNED"] } THEN 'IN_PROGRESS'
      ELSE 'NONE_RECORDED' END IN $eprStatuses AND EXISTS { (t)-[:HAS_IMPLEMENTATION]->(:Implementation)-[:OF_PRODUCT]->(:Product)-[:MADE_BY]->(s:Supplier) WHERE s.id IN $supplierIds } AND toLower(t.name) CONTAINS toLower($nameContains) AND NOT EXISTS { (:Interview)-[:AT]->(t) } AND (t.odsCode < $afterKey OR (t.odsCode = $afterKey AND t.odsCode < $afterId))
      WITH t ORDER BY t.odsCode DESC, t.odsCode DESC
      LIMIT toInteger($limit)
      RETURN collect({
      trust: t {
      .odsCode, .name, .type, .region, .icbCode, .icbName, .sourceId, .typeSourceId,
      eprStatus: CASE
      WHEN EXISTS { (t)-[:HAS_IMPLEMENTATION]->(:Implementation {status: 'LIVE'}) } THEN 'LIVE'
      WHEN EXISTS { (t)-[:HAS_IMPLEMENTATION]->(i:Implementation) WHERE i.status IN ["PROCURING","PREFERRED","CONTRACTED","PLANNED"] } THEN 'IN_PROGRESS'
      ELSE 'NONE_RECORDED' END,
      interviewed: EXISTS { (:Interview)-[:AT]->(t) }
      },
      implementations: COLLECT { MATCH (t)-[:HAS_IMPLEMENTATION]->(i:Implementation)
      OPTIONAL MATCH (i)-[:OF_PRODUCT]->(p:Product)
      OPTIONAL MATCH (p)-[:MADE_BY]->(s:Supplier)
      RETURN {implementation: properties(i), product: properties(p), supplier: properties(s)}
      ORDER BY coalesce(i.year, 0), i.goLiveDate, i.id }
      }) AS rows
      }
      RETURN rows, total"
    `);
  });
});

describe('the insight search', () => {
  const page = { first: 20, after: null };

  it('by text, ordered by relevance, with the total', () => {
    const filter = { text: 'training', searchQuotes: false, stances: ['SUPPORTS' as const] };
    expect(layout(insightPageStatement({ filter, order: { field: 'RELEVANCE' }, page, withTotal: true }))).toMatchInlineSnapshot(`
      "UNWIND $requests AS q
      CALL (q) {
      CALL db.index.fulltext.queryNodes('insight_summary_text', q.text) YIELD node AS n, score
      WITH q, n, score WHERE true AND EXISTS { (n)-[e:EVIDENCES]->(d:Determinant)
      WHERE (q.determinantIds IS NULL OR d.id IN q.determinantIds) AND (q.stances IS NULL OR e.stance IN q.stances) }
      WITH q, collect({n: n, score: score}) AS matches
      CALL (q, matches) {
      UNWIND matches AS match
      WITH q, match.n AS n, match.score AS score WHERE true
      WITH q, n, score ORDER BY score DESC, n.id ASC
      LIMIT 21
      MATCH (n)-[:FROM]->(iv:Interview)
      OPTIONAL MATCH (iv)-[:AT]->(t:Trust)
      WITH q, n, score, iv, t ORDER BY score DESC, n.id ASC
      RETURN collect({insight: n {.*, score: score}, interview: properties(iv), trust: CASE WHEN t IS NULL THEN null ELSE t {
      .odsCode, .name, .type, .region, .icbCode, .icbName, .sourceId, .typeSourceId,
      eprStatus: CASE
      WHEN EXISTS { (t)-[:HAS_IMPLEMENTATION]->(:Implementation {status: 'LIVE'}) } THEN 'LIVE'
      WHEN EXISTS { (t)-[:HAS_IMPLEMENTATION]->(i:Implementation) WHERE i.status IN ["PROCURING","PREFERRED","CONTRACTED","PLANNED"] } THEN 'IN_PROGRESS'
      ELSE 'NONE_RECORDED' END,
      interviewed: EXISTS { (:Interview)-[:AT]->(t) }
      } END}) AS rows
      }
      RETURN q.i AS i, rows, size(matches) AS total
      }
      RETURN i, rows, total"
    `);
  });

  it('by determinant and where the evidence comes from, after a cursor, without the total', () => {
    const filter = { determinantIds: ['D07'], roleIds: ['cnio'], regions: ['LONDON' as const], sentiments: ['NEGATIVE' as const], illustrative: false };
    const request = { filter, order: { field: 'ID' as const, direction: 'DESC' as const }, page: { first: 20, after: ['i01-02', 'i01-02'] }, withTotal: false };
    expect(layout(insightPageStatement(request))).toMatchInlineSnapshot(`
      "UNWIND $requests AS q
      CALL (q) {
      MATCH (d:Determinant) WHERE d.id IN q.determinantIds MATCH (d)<-[:EVIDENCES]-(n:Insight) WITH DISTINCT q, n, null AS score
      WITH q, n, score WHERE true AND EXISTS { (n)-[e:EVIDENCES]->(d:Determinant)
      WHERE (q.determinantIds IS NULL OR d.id IN q.determinantIds) AND (q.stances IS NULL OR e.stance IN q.stances) } AND n.sentiment IN q.sentiments AND n.illustrative = q.illustrative AND EXISTS { (n)-[:FROM]->(:Interview)-[:WITH]->(:Participant)-[:HOLDS_ROLE]->(r:Role) WHERE r.id IN q.roleIds } AND EXISTS { MATCH (n)-[:FROM]->(iv:Interview) OPTIONAL MATCH (iv)-[:AT]->(t:Trust)
      WITH iv, t WHERE (q.trustOdsCodes IS NULL OR t.odsCode IN q.trustOdsCodes)
      AND (q.trustTypes IS NULL OR coalesce(t.type, iv.trustType) IN q.trustTypes)
      AND (q.regions IS NULL OR coalesce(t.region, iv.region) IN q.regions) } AND n.id < q.afterId
      WITH q, n, score ORDER BY n.id DESC
      LIMIT 21
      MATCH (n)-[:FROM]->(iv:Interview)
      OPTIONAL MATCH (iv)-[:AT]->(t:Trust)
      WITH q, n, score, iv, t ORDER BY n.id DESC
      RETURN q.i AS i, null AS total, collect({insight: n {.*, score: score}, interview: properties(iv), trust: CASE WHEN t IS NULL THEN null ELSE t {
      .odsCode, .name, .type, .region, .icbCode, .icbName, .sourceId, .typeSourceId,
      eprStatus: CASE
      WHEN EXISTS { (t)-[:HAS_IMPLEMENTATION]->(:Implementation {status: 'LIVE'}) } THEN 'LIVE'
      WHEN EXISTS { (t)-[:HAS_IMPLEMENTATION]->(i:Implementation) WHERE i.status IN ["PROCURING","PREFERRED","CONTRACTED","PLANNED"] } THEN 'IN_PROGRESS'
      ELSE 'NONE_RECORDED' END,
      interviewed: EXISTS { (:Interview)-[:AT]->(t) }
      } END}) AS rows
      }
      RETURN i, rows, total"
    `);
  });

  it('counted, with quotes searched for a role that may read them', () => {
    expect(layout(countInsightsStatement({ text: 'go-live', searchQuotes: true }))).toMatchInlineSnapshot(
      `"CALL db.index.fulltext.queryNodes('insight_text', $text) YIELD node AS n, score WITH n, score WHERE true RETURN count(n) AS count"`,
    );
  });
});
