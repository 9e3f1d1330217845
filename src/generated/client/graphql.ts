/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Where a trust stands with its EPR, derived from its recorded implementations. */
export type EprStatus =
  /** None live, but one is being procured, contracted or planned. */
  | 'IN_PROGRESS'
  /** At least one implementation is LIVE. */
  | 'LIVE'
  /** No EPR implementation is recorded in the graph (which is not proof that the trust has none). */
  | 'NONE_RECORDED';

export type EvidenceEdgeType =
  | 'ADDRESSES'
  | 'AT'
  | 'EVIDENCES'
  | 'FROM'
  | 'INFORMED_BY'
  | 'PRODUCED';

export type EvidenceNodeType =
  | 'DETERMINANT'
  | 'INSIGHT'
  | 'INTERVIEW'
  | 'POLICY_DECISION'
  | 'SOURCE'
  | 'SUPPORT_OFFER'
  | 'TRUST'
  | 'WORKSHOP';

/** Where an implementation stands, as of its source. */
export type ImplementationStatus =
  | 'CONTRACTED'
  | 'LIVE'
  | 'PLANNED'
  | 'PREFERRED'
  | 'PROCURING'
  | 'REPLACED';

export type InterviewMethod =
  | 'IN_PERSON'
  | 'PHONE'
  | 'VIDEO_CALL';

/** NHS England region. */
export type Region =
  | 'EAST_OF_ENGLAND'
  | 'LONDON'
  | 'MIDLANDS'
  | 'NORTH_EAST_AND_YORKSHIRE'
  | 'NORTH_WEST'
  | 'SOUTH_EAST'
  | 'SOUTH_WEST';

export type Sentiment =
  | 'MIXED'
  | 'NEGATIVE'
  | 'NEUTRAL'
  | 'POSITIVE';

/** What kind of publication or dataset a source is. */
export type SourceKind =
  | 'ACADEMIC'
  | 'ARTICLE'
  | 'CASE_STUDY'
  | 'DATASET'
  | 'PROJECT'
  | 'REPORT';

/** Whether a piece of evidence supports or contradicts a determinant. */
export type Stance =
  | 'CONTRADICTS'
  | 'SUPPORTS';

/** NHS trust type (NHS Staff Survey groupings). */
export type TrustType =
  | 'ACUTE'
  | 'ACUTE_SPECIALIST'
  | 'AMBULANCE'
  | 'COMMUNITY'
  | 'MENTAL_HEALTH';

export type WorkshopFormat =
  | 'HYBRID'
  | 'IN_PERSON'
  | 'ONLINE';

export type DashboardSubjectsQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardSubjectsQuery = { supportOffers: Array<{ id: string, offerId: string, name: string }>, policyDecisions: Array<{ id: string, decisionId: string, name: string }> };

export type TrailSummaryFragment = { insights: number, supportingInsights: number, contradictingInsights: number, illustrativeInsights: number, interviews: number, trusts: number, roles: number, regions: number, trustTypes: number, suppliers: number, sources: number, determinants: number, workshops: number };

export type TrailGraphFragment = { nodes: Array<{ id: string, type: EvidenceNodeType, label: string }>, edges: Array<{ id: string, type: EvidenceEdgeType, source: string, target: string, stance: Stance | null }> };

export type TrailInsightStancesFragment = { insights: Array<{ stance: Stance, mixed: boolean, direct: boolean, insight: { id: string } }> };

export type DashboardEvidenceQueryVariables = Exact<{
  id: string | number;
}>;


export type DashboardEvidenceQuery = { node:
    | { __typename: 'Determinant', id: string }
    | { __typename: 'Implementation', id: string }
    | { __typename: 'Insight', id: string }
    | { __typename: 'Interview', id: string }
    | { __typename: 'Observation', id: string }
    | { __typename: 'Participant', id: string }
    | { __typename: 'PolicyDecision', name: string, summary: string, illustrative: boolean, id: string, evidence: { summary: { insights: number, supportingInsights: number, contradictingInsights: number, illustrativeInsights: number, interviews: number, trusts: number, roles: number, regions: number, trustTypes: number, suppliers: number, sources: number, determinants: number, workshops: number }, insights: Array<{ stance: Stance, mixed: boolean, direct: boolean, insight: { id: string } }> }, evidenceGraph: { nodes: Array<{ id: string, type: EvidenceNodeType, label: string }>, edges: Array<{ id: string, type: EvidenceEdgeType, source: string, target: string, stance: Stance | null }> } }
    | { __typename: 'Product', id: string }
    | { __typename: 'Role', id: string }
    | { __typename: 'Source', id: string }
    | { __typename: 'Study', id: string }
    | { __typename: 'Supplier', id: string }
    | { __typename: 'SupportOffer', name: string, summary: string, illustrative: boolean, id: string, evidence: { summary: { insights: number, supportingInsights: number, contradictingInsights: number, illustrativeInsights: number, interviews: number, trusts: number, roles: number, regions: number, trustTypes: number, suppliers: number, sources: number, determinants: number, workshops: number }, insights: Array<{ stance: Stance, mixed: boolean, direct: boolean, insight: { id: string } }> }, evidenceGraph: { nodes: Array<{ id: string, type: EvidenceNodeType, label: string }>, edges: Array<{ id: string, type: EvidenceEdgeType, source: string, target: string, stance: Stance | null }> } }
    | { __typename: 'Trust', id: string }
    | { __typename: 'Workshop', id: string }
   | null };

export type DashboardNodeDetailsQueryVariables = Exact<{
  id: string | number;
}>;


export type DashboardNodeDetailsQuery = { node:
    | { __typename: 'Determinant', determinantId: string, name: string, category: string, description: string, id: string }
    | { __typename: 'Implementation', id: string }
    | { __typename: 'Insight', insightId: string, summary: string, quote: string | null, sentiment: Sentiment, illustrative: boolean, id: string }
    | { __typename: 'Interview', interviewId: string, method: InterviewMethod, id: string, heldOn: string, participants: Array<{ code: string, role: { name: string } }> }
    | { __typename: 'Observation', id: string }
    | { __typename: 'Participant', id: string }
    | { __typename: 'PolicyDecision', name: string, summary: string, illustrative: boolean, id: string, decidedOn: string | null }
    | { __typename: 'Product', id: string }
    | { __typename: 'Role', id: string }
    | { __typename: 'Source', sourceId: string, title: string, publisher: string, year: number | null, url: string | null, kind: SourceKind, id: string }
    | { __typename: 'Study', id: string }
    | { __typename: 'Supplier', id: string }
    | { __typename: 'SupportOffer', name: string, summary: string, illustrative: boolean, id: string }
    | { __typename: 'Trust', odsCode: string, name: string, type: TrustType, region: Region, eprStatus: EprStatus, id: string }
    | { __typename: 'Workshop', workshopId: string, title: string, format: WorkshopFormat, id: string, heldOn: string }
   | null };

export type DashboardTrustsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type DashboardTrustsQuery = { trusts: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ odsCode: string, region: Region, type: TrustType, eprStatus: EprStatus, interviewed: boolean, currentImplementation: { supplier: { supplierId: string, name: string } } | null }> } };

export type DashboardSuppliersQueryVariables = Exact<{ [key: string]: never; }>;


export type DashboardSuppliersQuery = { suppliers: Array<{ supplierId: string, name: string, implementations: Array<{ status: ImplementationStatus }> }> };

export const TrailSummaryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TrailSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EvidenceSummary"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"insights"}},{"kind":"Field","name":{"kind":"Name","value":"supportingInsights"}},{"kind":"Field","name":{"kind":"Name","value":"contradictingInsights"}},{"kind":"Field","name":{"kind":"Name","value":"illustrativeInsights"}},{"kind":"Field","name":{"kind":"Name","value":"interviews"}},{"kind":"Field","name":{"kind":"Name","value":"trusts"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"regions"}},{"kind":"Field","name":{"kind":"Name","value":"trustTypes"}},{"kind":"Field","name":{"kind":"Name","value":"suppliers"}},{"kind":"Field","name":{"kind":"Name","value":"sources"}},{"kind":"Field","name":{"kind":"Name","value":"determinants"}},{"kind":"Field","name":{"kind":"Name","value":"workshops"}}]}}]} as unknown as DocumentNode<TrailSummaryFragment, unknown>;
export const TrailGraphFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TrailGraph"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EvidenceGraph"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"stance"}}]}}]}}]} as unknown as DocumentNode<TrailGraphFragment, unknown>;
export const TrailInsightStancesFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TrailInsightStances"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EvidenceTrail"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"insights"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"insight"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stance"}},{"kind":"Field","name":{"kind":"Name","value":"mixed"}},{"kind":"Field","name":{"kind":"Name","value":"direct"}}]}}]}}]} as unknown as DocumentNode<TrailInsightStancesFragment, unknown>;
export const DashboardSubjectsDocument = {"__meta__":{"hash":"sha256:3a2b4196543a599915d1efc3f43492bbeefa96346bc8ea266bc9b7efa50f92a2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardSubjects"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supportOffers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"offerId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"policyDecisions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"decisionId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<DashboardSubjectsQuery, DashboardSubjectsQueryVariables>;
export const DashboardEvidenceDocument = {"__meta__":{"hash":"sha256:f7c2d2a6b8e5655c4f92413ec6a48240f508d3f9b8d7174ee532d368e6a92c96"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardEvidence"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SupportOffer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"illustrative"}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TrailInsightStances"}},{"kind":"Field","name":{"kind":"Name","value":"summary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TrailSummary"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidenceGraph"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TrailGraph"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PolicyDecision"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"illustrative"}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TrailInsightStances"}},{"kind":"Field","name":{"kind":"Name","value":"summary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TrailSummary"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidenceGraph"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"TrailGraph"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TrailInsightStances"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EvidenceTrail"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"insights"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"insight"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stance"}},{"kind":"Field","name":{"kind":"Name","value":"mixed"}},{"kind":"Field","name":{"kind":"Name","value":"direct"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TrailSummary"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EvidenceSummary"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"insights"}},{"kind":"Field","name":{"kind":"Name","value":"supportingInsights"}},{"kind":"Field","name":{"kind":"Name","value":"contradictingInsights"}},{"kind":"Field","name":{"kind":"Name","value":"illustrativeInsights"}},{"kind":"Field","name":{"kind":"Name","value":"interviews"}},{"kind":"Field","name":{"kind":"Name","value":"trusts"}},{"kind":"Field","name":{"kind":"Name","value":"roles"}},{"kind":"Field","name":{"kind":"Name","value":"regions"}},{"kind":"Field","name":{"kind":"Name","value":"trustTypes"}},{"kind":"Field","name":{"kind":"Name","value":"suppliers"}},{"kind":"Field","name":{"kind":"Name","value":"sources"}},{"kind":"Field","name":{"kind":"Name","value":"determinants"}},{"kind":"Field","name":{"kind":"Name","value":"workshops"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"TrailGraph"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EvidenceGraph"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"stance"}}]}}]}}]} as unknown as DocumentNode<DashboardEvidenceQuery, DashboardEvidenceQueryVariables>;
export const DashboardNodeDetailsDocument = {"__meta__":{"hash":"sha256:f8b17d4b7b496f37183191e65732744955f9a04eb30ebdf543fdb3c73cc235d5"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardNodeDetails"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SupportOffer"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"illustrative"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PolicyDecision"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","alias":{"kind":"Name","value":"decidedOn"},"name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"illustrative"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Determinant"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"determinantId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Insight"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"insightId"}},{"kind":"Field","name":{"kind":"Name","value":"summary"}},{"kind":"Field","name":{"kind":"Name","value":"quote"}},{"kind":"Field","name":{"kind":"Name","value":"sentiment"}},{"kind":"Field","name":{"kind":"Name","value":"illustrative"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Interview"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"interviewId"}},{"kind":"Field","alias":{"kind":"Name","value":"heldOn"},"name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"participants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"role"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Trust"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"odsCode"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"eprStatus"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Source"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sourceId"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"publisher"}},{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Workshop"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workshopId"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","alias":{"kind":"Name","value":"heldOn"},"name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"format"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardNodeDetailsQuery, DashboardNodeDetailsQueryVariables>;
export const DashboardTrustsDocument = {"__meta__":{"hash":"sha256:398f39de8f44eb8ecf35cfef75756ada6f8fbb6563ed82a0d1a87bace5d2415a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardTrusts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trusts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"sort"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"field"},"value":{"kind":"EnumValue","value":"ODS_CODE"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"odsCode"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"eprStatus"}},{"kind":"Field","name":{"kind":"Name","value":"interviewed"}},{"kind":"Field","name":{"kind":"Name","value":"currentImplementation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supplier"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supplierId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<DashboardTrustsQuery, DashboardTrustsQueryVariables>;
export const DashboardSuppliersDocument = {"__meta__":{"hash":"sha256:56a3d907a350ed7f06cfddfda28699a5631f695e3d84e51bc166b9d1044d9c5c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardSuppliers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"suppliers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supplierId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"implementations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardSuppliersQuery, DashboardSuppliersQueryVariables>;