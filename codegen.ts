/**
 * Schema-first code generation: resolver types for the server, typed from the SDL in schema/, and typed documents
 * for dashboards from the operations in src/client/operations/.
 * Run `npm run codegen` after changing the SDL; `npm run codegen:check` (part of `npm test`) fails when the
 * files in src/generated/ are out of date.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

/** GraphQL type -> the plain domain model its resolvers receive as parent (see src/modules/<domain>/model.ts). */
const mappers: Record<string, string> = {
  ServerInfo: '../modules/system/model.js#ServerInfoModel',
  Source: '../modules/provenance/model.js#SourceModel',
  Study: '../modules/studies/model.js#StudyModel',
  Trust: '../modules/trusts/model.js#TrustModel',
  TrustConnection: '../modules/trusts/model.js#TrustConnectionModel',
  Supplier: '../modules/suppliers/model.js#SupplierModel',
  Product: '../modules/suppliers/model.js#ProductModel',
  Implementation: '../modules/suppliers/model.js#ImplementationModel',
  ImplementationConnection: '../modules/suppliers/model.js#ImplementationConnectionModel',
  Role: '../modules/research/model.js#RoleModel',
  Participant: '../modules/research/model.js#ParticipantModel',
  Interview: '../modules/research/model.js#InterviewModel',
  Insight: '../modules/research/model.js#InsightModel',
  InsightConnection: '../modules/research/model.js#InsightConnectionModel',
  DeterminantLink: '../modules/research/model.js#DeterminantLinkModel',
  Workshop: '../modules/research/model.js#WorkshopModel',
  Determinant: '../modules/determinants/model.js#DeterminantModel',
  SourceLink: '../modules/determinants/model.js#SourceLinkModel',
  SupportOffer: '../modules/outcomes/model.js#SupportOfferModel',
  PolicyDecision: '../modules/outcomes/model.js#PolicyDecisionModel',
  EvidenceTrail: '../modules/outcomes/model.js#EvidenceSubject',
  EvidenceGraph: '../modules/outcomes/model.js#EvidenceSubject',
  InsightEvidence: '../modules/outcomes/model.js#InsightEvidenceModel',
  InsightEvidenceConnection: '../modules/outcomes/model.js#InsightEvidenceConnectionModel',
  DeterminantEvidence: '../modules/outcomes/model.js#DeterminantEvidenceModel',
  SourceEvidence: '../modules/outcomes/model.js#SourceEvidenceModel',
  EvidenceSummary: '../modules/outcomes/model.js#EvidenceSummaryModel',
  Observation: '../modules/performance/model.js#ObservationModel',
  GoLivePerformance: '../modules/performance/model.js#GoLivePerformanceModel',
  EvidenceStrength: '../modules/analytics/model.js#EvidenceStrengthModel',
  StrengthConcern: '../modules/analytics/model.js#StrengthConcernModel',
  EvidenceVoices: '../modules/analytics/model.js#EvidenceVoicesModel',
  VoiceShare: '../modules/analytics/model.js#VoiceShareModel',
  EvidenceGaps: '../modules/analytics/model.js#EvidenceGapsModel',
  ThinEvidence: '../modules/analytics/model.js#ThinEvidenceModel',
  ContestedDeterminant: '../modules/analytics/model.js#ContestedDeterminantModel',
  Stratum: '../modules/analytics/model.js#StratumModel',
  RepresentativenessTest: '../modules/analytics/model.js#RepresentativenessTestModel',
  Representativeness: '../modules/analytics/model.js#RepresentativenessModel',
  SupplierMarketShare: '../modules/analytics/model.js#SupplierMarketShareModel',
  SupplierLandscape: '../modules/analytics/model.js#SupplierLandscapeModel',
  ImplementationStatusCount: '../modules/analytics/model.js#ImplementationStatusCountModel',
  GoLiveImpact: '../modules/analytics/model.js#GoLiveImpactModel',
  GoLiveImpactTrust: '../modules/analytics/model.js#GoLiveImpactTrustModel',
  AuditEntry: '../modules/curation/model.js#AuditEntryModel',
  AuditEntryConnection: '../modules/curation/model.js#AuditEntryConnectionModel',
  Finding: '../modules/confidence/model.js#FindingModel',
  Appraisal: '../modules/confidence/model.js#AppraisalModel',
  AppraisalInstrumentSpec: '../modules/confidence/instruments.js#InstrumentSpec',
  AppraisalQuestion: '../modules/confidence/instruments.js#QuestionSpec',
  ComputedProfile: '../modules/confidence/model.js#ComputedProfileModel',
  ComponentSuggestion: '../modules/confidence/model.js#ComponentSuggestionModel',
  CoherenceSuggestion: '../modules/confidence/model.js#CoherenceSuggestionModel',
  AdequacySuggestion: '../modules/confidence/model.js#AdequacySuggestionModel',
  RelevanceSuggestion: '../modules/confidence/model.js#RelevanceSuggestionModel',
  RelevanceDimension: '../modules/confidence/model.js#RelevanceDimensionModel',
  ContributingStudy: '../modules/confidence/model.js#ContributingStudyModel',
  CerqualAssessment: '../modules/confidence/model.js#CerqualAssessmentModel',
  ComponentJudgement: '../modules/confidence/model.js#ComponentJudgementModel',
  ConfidenceJudgement: '../modules/confidence/model.js#ConfidenceJudgementModel',
};

const config: CodegenConfig = {
  schema: 'schema/*.graphql',
  emitLegacyCommonJSImports: false,
  generates: {
    'src/generated/resolvers.ts': {
      plugins: [{ add: { content: '/* Generated by graphql-codegen from schema/*.graphql. Do not edit. */' } }, 'typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        contextType: '../context.js#Context',
        mappers,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { Date: 'string', DateTime: 'string', Month: 'string' },
        useIndexSignature: false,
        avoidOptionals: { field: true, inputValue: false, object: false, defaultValue: false },
        maybeValue: 'T | null',
        resolverTypeWrapperSignature: 'T | Promise<T>',
      },
    },
    // Typed documents for dashboards: each operation in src/client/operations/ becomes a TypedDocumentNode. Each
    // also carries its persisted-document hash (`__meta__.hash`, sha256 of its normalised text), and
    // persisted-documents.json maps every hash to its text: the operations a server with TRUSTED_DOCUMENTS=required
    // runs (src/trusted-documents.ts). Whatever operations the files hold, the manifest follows them.
    'src/generated/client/': {
      documents: ['src/client/operations/*.graphql', '!src/client/operations/examples.graphql'],
      preset: 'client',
      presetConfig: { fragmentMasking: false, persistedDocuments: { mode: 'embedHashInDocument', hashAlgorithm: 'sha256' } },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { Date: 'string', DateTime: 'string', Month: 'string' },
      },
    },
  },
};

export default config;
