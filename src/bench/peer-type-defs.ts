/**
 * Type definitions for the @neo4j/graphql peer: the same labels, properties and relationships our graph holds
 * (see seeds/README.md), so the peer reads the very same database. Only what the workload needs is mapped.
 */
export const PEER_TYPE_DEFS = /* GraphQL */ `
  type Trust @node {
    odsCode: String!
    name: String!
    type: String!
    region: String!
    eprStatus: String!
      @cypher(
        statement: """
        RETURN CASE
          WHEN EXISTS { (this)-[:HAS_IMPLEMENTATION]->(:Implementation {status: 'LIVE'}) } THEN 'LIVE'
          WHEN EXISTS { (this)-[:HAS_IMPLEMENTATION]->(i:Implementation) WHERE i.status IN ['PROCURING', 'PREFERRED', 'CONTRACTED', 'PLANNED'] } THEN 'IN_PROGRESS'
          ELSE 'NONE_RECORDED' END AS status
        """
        columnName: "status"
      )
    implementations: [Implementation!]! @relationship(type: "HAS_IMPLEMENTATION", direction: OUT)
    interviews: [Interview!]! @relationship(type: "AT", direction: IN)
    observations: [Observation!]! @relationship(type: "REPORTED", direction: OUT)
  }

  type Implementation @node {
    id: String!
    status: String!
    year: Int
    goLiveDate: Date
    product: [Product!]! @relationship(type: "OF_PRODUCT", direction: OUT)
  }

  type Product @node {
    id: String!
    name: String!
    supplier: [Supplier!]! @relationship(type: "MADE_BY", direction: OUT)
  }

  type Supplier @node {
    id: String!
    name: String!
  }

  type Observation @node {
    metric: String!
    period: String!
    value: Float!
  }

  type Role @node {
    id: String!
    name: String!
  }

  type Participant @node {
    code: String!
    role: [Role!]! @relationship(type: "HOLDS_ROLE", direction: OUT)
  }

  type Interview @node {
    id: String!
    date: Date!
    method: String!
    trust: [Trust!]! @relationship(type: "AT", direction: OUT)
    participants: [Participant!]! @relationship(type: "WITH", direction: OUT)
    insights: [Insight!]! @relationship(type: "FROM", direction: IN)
  }

  type Evidences @relationshipProperties {
    stance: String!
  }

  type Insight @node @fulltext(indexes: [{ indexName: "insight_text", queryName: "searchInsights", fields: ["summary", "quote"] }]) {
    id: String!
    summary: String!
    quote: String
    sentiment: String!
    interview: [Interview!]! @relationship(type: "FROM", direction: OUT)
    determinants: [Determinant!]! @relationship(type: "EVIDENCES", direction: OUT, properties: "Evidences")
  }

  type Source @node {
    id: String!
    title: String!
  }

  type Determinant @node {
    id: String!
    name: String!
    insights: [Insight!]! @relationship(type: "EVIDENCES", direction: IN, properties: "Evidences")
    sources: [Source!]! @relationship(type: "EVIDENCES", direction: IN)
  }

  type Workshop @node {
    id: String!
    title: String!
  }

  type SupportOffer @node {
    id: String!
    name: String!
    determinants: [Determinant!]! @relationship(type: "ADDRESSES", direction: OUT)
    insights: [Insight!]! @relationship(type: "INFORMED_BY", direction: OUT)
    sources: [Source!]! @relationship(type: "INFORMED_BY", direction: OUT)
    workshops: [Workshop!]! @relationship(type: "PRODUCED", direction: IN)
  }
`;
