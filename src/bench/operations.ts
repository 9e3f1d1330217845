/**
 * The benchmark's workload: seven named operations real users send, each asked three ways over the same graph:
 * through our API, as the best hand-written Cypher (the floor), and through @neo4j/graphql (the peer) where its
 * generated API can express the question.
 */

/** Concrete values an operation's variables need, picked from the loaded graph (see `pickSubjects`). */
export interface Subjects {
  offerId: string;
  odsCode: string;
  searchText: string;
}

export type PeerForm =
  | { kind: 'same'; query: string }
  /** Expressible only in part; `missing` says what the peer's answer leaves out. */
  | { kind: 'partial'; query: string; missing: string }
  | { kind: 'none'; reason: string };

export interface Operation {
  /** Short id used in the table and the JSON. */
  id: string;
  title: string;
  /** Our GraphQL document (one named operation). */
  query: string;
  /** Hand-written Cypher answering the same question in one statement, with `$params` from `variables`. */
  raw: string;
  peer: PeerForm;
  /** A root field the operation needs; the operation is skipped when our schema lacks it. */
  requiresField: string;
  variables(subjects: Subjects): Record<string, unknown>;
}

const SENTIMENTS = ['POSITIVE', 'MIXED', 'NEGATIVE'];

export const OPERATIONS: readonly Operation[] = [
  {
    id: 'trusts-page',
    title: '1. 50 trusts with implementations and suppliers',
    requiresField: 'trusts',
    query: `query TrustsPage {
  trusts(first: 50) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      odsCode name type region eprStatus
      implementations { implementationId status year product { name } supplier { name } }
    }
  }
}`,
    raw: `MATCH (t:Trust)
WITH t ORDER BY t.name, t.odsCode LIMIT 50
RETURN t.odsCode AS odsCode, t.name AS name, t.type AS type, t.region AS region,
  CASE WHEN EXISTS { (t)-[:HAS_IMPLEMENTATION]->(:Implementation {status: 'LIVE'}) } THEN 'LIVE'
       WHEN EXISTS { (t)-[:HAS_IMPLEMENTATION]->(i:Implementation) WHERE i.status IN ['PROCURING', 'PREFERRED', 'CONTRACTED', 'PLANNED'] } THEN 'IN_PROGRESS'
       ELSE 'NONE_RECORDED' END AS eprStatus,
  COLLECT { MATCH (t)-[:HAS_IMPLEMENTATION]->(i:Implementation)-[:OF_PRODUCT]->(p:Product)-[:MADE_BY]->(s:Supplier)
            RETURN {id: i.id, status: i.status, year: i.year, product: p.name, supplier: s.name} ORDER BY i.year, i.id } AS implementations,
  COUNT { MATCH (:Trust) } AS totalCount`,
    peer: {
      kind: 'same',
      query: `query TrustsPage {
  trustsConnection(first: 50, sort: [{ name: ASC }, { odsCode: ASC }]) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      node {
        odsCode name type region eprStatus
        implementations { id status year product { name supplier { name } } }
      }
    }
  }
}`,
    },
    variables: () => ({}),
  },
  {
    id: 'evidence-trail',
    title: '2. evidence trail of a support offer, with summary',
    requiresField: 'supportOffer',
    // The whole trail's determinants, workshops, sources and summary, and its insights a page of 20 at a time (as
    // the dashboard reads them): the full list at x100 is thousands of nested rows, a download, not a request.
    query: `query EvidenceTrail($id: ID!) {
  supportOffer(id: $id) {
    offerId name
    evidence {
      determinants { determinant { determinantId name } supportingInsights contradictingInsights sources }
      insightsConnection(first: 20) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes {
          insight { insightId summary sentiment }
          stance mixed direct
          interview { interviewId date }
          trust { odsCode name }
          trustType region
          roles { roleId name }
          suppliers { supplierId name }
        }
      }
      workshops { workshopId title }
      sources { source { sourceId title } direct }
      summary {
        insights supportingInsights contradictingInsights illustrativeInsights interviews trusts roles regions
        trustTypes suppliers sources determinants workshops
      }
    }
  }
}`,
    // One statement: the scope; the evidence insights once each; the summary counted over all of them (roles and
    // suppliers over the distinct interviews and trusts); the first 20 by id built into rows with their context.
    raw: `MATCH (o:SupportOffer {id: $id})
WITH o,
     COLLECT { MATCH (o)-[:ADDRESSES]->(d:Determinant) RETURN d } AS determinants,
     COLLECT { MATCH (o)-[:INFORMED_BY]->(n:Insight) RETURN n } AS direct
CALL (determinants, direct) {
  UNWIND determinants AS d MATCH (d)<-[:EVIDENCES]-(n:Insight) RETURN n
  UNION
  UNWIND direct AS n RETURN n
}
MATCH (n)-[:FROM]->(iv:Interview)-[:AT]->(t:Trust)
WITH o, determinants, direct, n, iv, t, [(n)-[e:EVIDENCES]->(d) WHERE d IN determinants | e.stance] AS stances
WITH o, determinants, direct,
     count(n) AS insights,
     count(CASE WHEN n IN direct OR 'SUPPORTS' IN stances THEN 1 END) AS supporting,
     count(CASE WHEN 'CONTRADICTS' IN stances THEN 1 END) AS contradicting,
     count(CASE WHEN n.illustrative THEN 1 END) AS illustrative,
     collect(DISTINCT iv) AS interviews, collect(DISTINCT t) AS trusts,
     collect({n: n, iv: iv, t: t, stances: stances}) AS rows
RETURN o.id AS offerId, o.name AS name,
  [d IN determinants | {id: d.id, name: d.name,
     supporting: COUNT { (d)<-[:EVIDENCES {stance: 'SUPPORTS'}]-(:Insight) },
     contradicting: COUNT { (d)<-[:EVIDENCES {stance: 'CONTRADICTS'}]-(:Insight) },
     sources: COUNT { (d)<-[:EVIDENCES]-(:Source) }}] AS determinants,
  COLLECT { UNWIND rows AS r WITH r ORDER BY r.n.id LIMIT 20
            WITH r.n AS n, r.iv AS iv, r.t AS t, r.stances AS stances
            RETURN {id: n.id, summary: n.summary, sentiment: n.sentiment, direct: n IN direct,
                    supporting: n IN direct OR 'SUPPORTS' IN stances, contradicts: 'CONTRADICTS' IN stances,
                    interview: iv.id, date: iv.date, trust: t.odsCode, trustName: t.name, type: t.type, region: t.region,
                    roles: COLLECT { MATCH (iv)-[:WITH]->(:Participant)-[:HOLDS_ROLE]->(r:Role) RETURN DISTINCT {id: r.id, name: r.name} },
                    suppliers: COLLECT { MATCH (t)-[:HAS_IMPLEMENTATION]->(:Implementation {status: 'LIVE'})-[:OF_PRODUCT]->(:Product)-[:MADE_BY]->(s:Supplier)
                                         RETURN DISTINCT {id: s.id, name: s.name} }} } AS insightPage,
  COLLECT { MATCH (o)<-[:PRODUCED]-(w:Workshop) RETURN {id: w.id, title: w.title} } AS workshops,
  COLLECT { CALL (o, determinants) { MATCH (o)-[:INFORMED_BY]->(s:Source) RETURN s
                                      UNION UNWIND determinants AS d MATCH (d)<-[:EVIDENCES]-(s:Source) RETURN s }
            RETURN {id: s.id, title: s.title} } AS sources,
  {insights: insights, supportingInsights: supporting, contradictingInsights: contradicting,
   illustrativeInsights: illustrative, interviews: size(interviews), trusts: size(trusts),
   roles: COUNT { UNWIND interviews AS iv MATCH (iv)-[:WITH]->(:Participant)-[:HOLDS_ROLE]->(r:Role) RETURN DISTINCT r },
   regions: COUNT { UNWIND trusts AS t RETURN DISTINCT t.region },
   trustTypes: COUNT { UNWIND trusts AS t RETURN DISTINCT t.type },
   suppliers: COUNT { UNWIND trusts AS t
                      MATCH (t)-[:HAS_IMPLEMENTATION]->(:Implementation {status: 'LIVE'})-[:OF_PRODUCT]->(:Product)-[:MADE_BY]->(s:Supplier)
                      RETURN DISTINCT s },
   determinants: size(determinants)} AS summary`,
    peer: {
      kind: 'partial',
      missing: 'the summary counts, the per-insight stance and one page over both kinds of evidence (it pages each list on its own)',
      query: `query EvidenceTrail($id: String!) {
  supportOffers(where: { id: { eq: $id } }) {
    id name
    determinants {
      id name
      insights(limit: 20, sort: [{ id: ASC }]) { id summary sentiment interview { id date trust { odsCode name type region } } }
      sources { id title }
    }
    insights(limit: 20, sort: [{ id: ASC }]) { id summary sentiment interview { id date trust { odsCode name type region } } }
    workshops { id title }
    sources { id title }
  }
}`,
    },
    variables: (s) => ({ id: s.offerId }),
  },
  {
    id: 'insight-search',
    title: '3. full-text insight search with filters, 20 results',
    requiresField: 'insights',
    query: `query InsightSearch($text: String!, $sentiments: [Sentiment!]) {
  insights(first: 20, filter: { text: $text, sentiments: $sentiments }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { insightId summary sentiment score interview { interviewId date trust { odsCode name region } } }
  }
}`,
    raw: `CALL db.index.fulltext.queryNodes('insight_text', $text) YIELD node AS n, score
WHERE n.sentiment IN $sentiments
WITH collect({n: n, score: score}) AS hits
UNWIND hits[0..20] AS hit
WITH hits, hit.n AS n, hit.score AS score
MATCH (n)-[:FROM]->(iv:Interview)-[:AT]->(t:Trust)
RETURN n.id AS id, n.summary AS summary, n.sentiment AS sentiment, score, iv.id AS interview, iv.date AS date,
       t.odsCode AS odsCode, t.name AS trustName, t.region AS region, size(hits) AS totalCount
ORDER BY score DESC, id`,
    peer: {
      kind: 'same',
      query: `query InsightSearch($text: String!, $sentiments: [String!]) {
  searchInsights(phrase: $text, first: 20, where: { node: { sentiment: { in: $sentiments } } }) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { score node { id summary sentiment interview { id date trust { odsCode name region } } } }
  }
}`,
    },
    variables: (s) => ({ text: s.searchText, sentiments: SENTIMENTS }),
  },
  {
    id: 'representativeness',
    title: '4. representativeness of the engagement sample',
    requiresField: 'representativeness',
    query: `query Representativeness {
  representativeness {
    populationTrusts sampleTrusts
    byRegion { ...Test }
    byTrustType { ...Test }
    bySupplier { ...Test }
    byEprStatus { ...Test }
  }
}
fragment Test on RepresentativenessTest {
  dimension chiSquare degreesOfFreedom pValue reliable
  strata { key populationTrusts sampleTrusts populationShare sampleShare differencePoints }
}`,
    // The counts per stratum; the shares and the chi-square test are arithmetic on these few rows.
    raw: `MATCH (t:Trust)
WITH t, EXISTS { (:Interview)-[:AT]->(t) } AS sampled,
     CASE WHEN EXISTS { (t)-[:HAS_IMPLEMENTATION]->(:Implementation {status: 'LIVE'}) } THEN 'LIVE'
          WHEN EXISTS { (t)-[:HAS_IMPLEMENTATION]->(i:Implementation) WHERE i.status IN ['PROCURING', 'PREFERRED', 'CONTRACTED', 'PLANNED'] } THEN 'IN_PROGRESS'
          ELSE 'NONE_RECORDED' END AS eprStatus,
     COLLECT { MATCH (t)-[:HAS_IMPLEMENTATION]->(i:Implementation {status: 'LIVE'})-[:OF_PRODUCT]->(:Product)-[:MADE_BY]->(s:Supplier)
               RETURN s.id ORDER BY i.goLiveDate DESC, i.year DESC LIMIT 1 } AS supplier
UNWIND [['REGION', t.region], ['TRUST_TYPE', t.type], ['EPR_STATUS', eprStatus], ['SUPPLIER', coalesce(supplier[0], 'NONE_RECORDED')]] AS stratum
RETURN stratum[0] AS dimension, stratum[1] AS key, count(*) AS populationTrusts, count(CASE WHEN sampled THEN 1 END) AS sampleTrusts
ORDER BY dimension, key`,
    peer: { kind: 'none', reason: 'shares and a chi-square test over aggregates per stratum need @cypher or client-side work' },
    variables: () => ({}),
  },
  {
    id: 'trust-story',
    title: "5. one trust's story",
    requiresField: 'trust',
    query: `query TrustStory($odsCode: ID!) {
  trust(odsCode: $odsCode) {
    odsCode name type region eprStatus
    implementations { implementationId status year goLiveDate product { name } supplier { name } }
    interviews {
      interviewId date method
      participants { code role { roleId name } }
      insights { insightId summary sentiment determinants { determinant { determinantId name } stance } }
    }
    performance { period value }
  }
}`,
    raw: `MATCH (t:Trust {odsCode: $odsCode})
RETURN t.odsCode AS odsCode, t.name AS name, t.type AS type, t.region AS region,
  COLLECT { MATCH (t)-[:HAS_IMPLEMENTATION]->(i:Implementation)-[:OF_PRODUCT]->(p:Product)-[:MADE_BY]->(s:Supplier)
            RETURN {id: i.id, status: i.status, year: i.year, goLiveDate: i.goLiveDate, product: p.name, supplier: s.name}
            ORDER BY i.year, i.id } AS implementations,
  COLLECT { MATCH (iv:Interview)-[:AT]->(t)
            RETURN {id: iv.id, date: iv.date, method: iv.method,
                    participants: COLLECT { MATCH (iv)-[:WITH]->(pa:Participant)-[:HOLDS_ROLE]->(r:Role) RETURN {code: pa.code, role: r.id, roleName: r.name} },
                    insights: COLLECT { MATCH (n:Insight)-[:FROM]->(iv)
                                        RETURN {id: n.id, summary: n.summary, sentiment: n.sentiment,
                                                determinants: COLLECT { MATCH (n)-[e:EVIDENCES]->(d:Determinant) RETURN {id: d.id, name: d.name, stance: e.stance} }}
                                        ORDER BY n.id }}
            ORDER BY iv.date, iv.id } AS interviews,
  COLLECT { MATCH (t)-[:REPORTED]->(o:Observation {metric: 'AE_FOUR_HOUR'}) RETURN {period: o.period, value: o.value} ORDER BY o.period } AS performance`,
    peer: {
      kind: 'same',
      query: `query TrustStory($odsCode: String!) {
  trusts(where: { odsCode: { eq: $odsCode } }) {
    odsCode name type region eprStatus
    implementations(sort: [{ year: ASC }]) { id status year goLiveDate product { name supplier { name } } }
    interviews(sort: [{ date: ASC }]) {
      id date method
      participants { code role { id name } }
      insights(sort: [{ id: ASC }]) { id summary sentiment determinantsConnection { edges { properties { stance } node { id name } } } }
    }
    observations(where: { metric: { eq: "AE_FOUR_HOUR" } }, sort: [{ period: ASC }]) { period value }
  }
}`,
    },
    variables: (s) => ({ odsCode: s.odsCode }),
  },
  {
    id: 'evidence-profile',
    title: '6. Evidence Profile of all findings (computed profile and assessments)',
    requiresField: 'findings',
    query: `query EvidenceProfile {
  findings {
    findingId statement illustrative
    profile {
      suggestedConfidence confidenceRule
      methodologicalLimitations { suggestedLevel summary }
      coherence { suggestedLevel summary insights supporting contradicting mixed }
      adequacy { suggestedLevel summary insights interviews participants trusts verbatimShare }
      relevance { suggestedLevel summary dimensions { dimension largestDifferenceKey largestDifferencePoints } }
      contributingStudies { studyId weight share appraisalLevel relevance }
    }
    assessment { reviewNeeded components { component level reviewNeeded } confidence { level explanation reviewNeeded } }
  }
}`,
    // The counts per finding (a determinant's evidence insights by coherence, interviews, trusts, quotes) and the
    // judgements; the rules are arithmetic on these rows.
    raw: `MATCH (d:Determinant)
CALL (d) {
  MATCH (d)<-[e:EVIDENCES]-(n:Insight)-[:FROM]->(iv:Interview)-[:AT]->(t:Trust)
  RETURN count(n) AS insights, count(CASE WHEN e.stance = 'CONTRADICTS' THEN 1 END) AS contradicting,
         count(DISTINCT iv) AS interviews, count(DISTINCT t) AS trusts, count(n.quote) AS verbatim,
         collect(DISTINCT t.type) AS types, collect(DISTINCT t.region) AS regions
}
RETURN d.id AS id, d.finding AS statement, insights, contradicting, interviews, trusts, verbatim, types, regions,
       COLLECT { MATCH (d)<-[:EVIDENCES]-(s:Source) RETURN s.id } AS sources,
       COLLECT { MATCH (d)<-[:JUDGES]-(j) RETURN j {.component, .level, .suggestedLevel} } AS judgements
ORDER BY id`,
    peer: { kind: 'none', reason: 'suggested levels by rule over aggregates per finding need @cypher or client-side work' },
    variables: () => ({}),
  },
  {
    id: 'nested-lists',
    title: '7. every determinant with a page of 5 insights and its totalCount',
    requiresField: 'determinants',
    // A connection under a list: one statement for the list and one for every parent's page and count, at any
    // scale and for any number of parents (issue 18).
    query: `query NestedLists {
  determinants {
    determinantId name
    insights(first: 5) { totalCount nodes { insightId summary sentiment } }
  }
}`,
    raw: `MATCH (d:Determinant)
WITH d ORDER BY d.id
RETURN d.id AS id, d.name AS name,
  COUNT { MATCH (d)<-[:EVIDENCES]-(n:Insight) RETURN DISTINCT n } AS totalCount,
  COLLECT { MATCH (d)<-[:EVIDENCES]-(n:Insight) WITH DISTINCT n ORDER BY n.id LIMIT 5 RETURN n {.id, .summary, .sentiment} } AS insights`,
    peer: {
      kind: 'same',
      query: `query NestedLists {
  determinants(sort: [{ id: ASC }]) {
    id name
    insightsConnection(first: 5, sort: [{ node: { id: ASC } }]) { totalCount edges { node { id summary sentiment } } }
  }
}`,
    },
    variables: () => ({}),
  },
];
