/**
 * Plain models of confidence in the evidence (GRADE-CERQual): findings, study appraisals, the computed profile
 * (decision support) and the judgements researchers record. The counts come from Cypher (repository.ts), the
 * suggestions from rules.ts.
 */
import type {
  AppraisalAnswerValue,
  AppraisalInstrument,
  CerqualComponent,
  ConcernLevel,
  ConfidenceLevel,
  StratificationDimension,
  StudyRelevance,
} from '../../generated/resolvers.js';

/** A review finding: the statement of one determinant (its id is the determinant's). */
export interface FindingModel {
  id: string;
  statement: string | null;
  illustrative: boolean;
}

export interface AppraisalAnswerModel {
  questionId: string;
  answer: AppraisalAnswerValue;
  comment: string | null;
}

export interface AppraisalModel {
  id: string;
  studyId: string;
  instrument: AppraisalInstrument;
  level: ConcernLevel;
  relevance: StudyRelevance;
  note: string | null;
  appraisedBy: string;
  appraisedOn: string;
  illustrative: boolean;
  answers: AppraisalAnswerModel[];
}

/** What the graph holds about one contributing study, for weighing it. */
export interface StudyFactsModel {
  studyId: string;
  title: string | null;
  kind: string;
  appraisalLevel: ConcernLevel | null;
  relevance: StudyRelevance | null;
}

/** One evidence trust of a finding, as the relevance component sees it. */
export interface EvidenceTrustModel {
  odsCode: string;
  type: string;
  region: string;
  eprStatus: string;
  /** The supplier of its most recent LIVE implementation; null without one. */
  supplier: string | null;
}

/** The counts behind a finding's profile, as Cypher returns them. */
export interface FindingCountsModel {
  insights: number;
  supporting: number;
  contradicting: number;
  mixed: number;
  /** Contradicting and mixed insights, by id. */
  contradictingInsightIds: string[];
  interviews: number;
  participants: number;
  verbatimInsights: number;
  roles: number;
  suppliers: number;
  /** The evidence trusts; their type, region, status and supplier are in the profile context. */
  trustOdsCodes: string[];
  /** Insights per study (studyId null: an insight not yet in a study). */
  studies: Array<{ studyId: string | null; insights: number }>;
  /** Evidence sources (each also a study of kind PUBLISHED_SOURCE) and their stance. */
  sources: Array<{ sourceId: string; supporting: boolean; contradicting: boolean }>;
}

/** What every profile is measured against: all trusts, roles and suppliers, and every study's facts. */
export interface ProfileContextModel {
  trusts: EvidenceTrustModel[];
  allRoles: number;
  allSuppliers: number;
  studies: StudyFactsModel[];
}

export interface ComponentSuggestionModel {
  component: CerqualComponent;
  suggestedLevel: ConcernLevel;
  summary: string;
  rule: string;
}

export interface CoherenceSuggestionModel extends ComponentSuggestionModel {
  insights: number;
  supporting: number;
  contradicting: number;
  mixed: number;
  supportingSources: number;
  contradictingSources: number;
  contradictingInsightIds: string[];
}

export interface AdequacySuggestionModel extends ComponentSuggestionModel {
  insights: number;
  interviews: number;
  participants: number;
  trusts: number;
  verbatimInsights: number;
  verbatimShare: number | null;
  sources: number;
}

export interface RelevanceDimensionModel {
  dimension: StratificationDimension;
  evidenceTrusts: number;
  largestDifferenceKey: string | null;
  largestDifferencePoints: number | null;
  missing: string[];
  pValue: number | null;
}

export interface RelevanceSuggestionModel extends ComponentSuggestionModel {
  indirectShare: number | null;
  dimensions: RelevanceDimensionModel[];
  roles: number;
  allRoles: number;
  suppliers: number;
  allSuppliers: number;
}

export interface ContributingStudyModel {
  studyId: string;
  title: string | null;
  kind: string;
  insights: number;
  weight: number;
  share: number;
  appraisalLevel: ConcernLevel | null;
  relevance: StudyRelevance;
}

export interface ComputedProfileModel {
  label: string;
  methodologicalLimitations: ComponentSuggestionModel;
  coherence: CoherenceSuggestionModel;
  adequacy: AdequacySuggestionModel;
  relevance: RelevanceSuggestionModel;
  suggestedConfidence: ConfidenceLevel;
  confidenceRule: string;
  contributingStudies: ContributingStudyModel[];
}

/** A judgement as stored: a component's level, or (component OVERALL) the confidence. */
export interface StoredJudgementModel {
  findingId: string;
  component: CerqualComponent | 'OVERALL';
  level: ConcernLevel | ConfidenceLevel;
  explanation: string | null;
  suggestedLevel: ConcernLevel | ConfidenceLevel;
  judgedBy: string;
  judgedOn: string;
  illustrative: boolean;
}

export interface ComponentJudgementModel {
  component: CerqualComponent;
  level: ConcernLevel;
  explanation: string | null;
  suggestedLevelAtJudgement: ConcernLevel;
  suggestedLevel: ConcernLevel;
  reviewNeeded: boolean;
  judgedBy: string;
  judgedOn: string;
  illustrative: boolean;
}

export interface ConfidenceJudgementModel {
  level: ConfidenceLevel;
  explanation: string;
  suggestedLevelAtJudgement: ConfidenceLevel;
  suggestedLevel: ConfidenceLevel;
  reviewNeeded: boolean;
  judgedBy: string;
  judgedOn: string;
  illustrative: boolean;
}

export interface CerqualAssessmentModel {
  label: string;
  components: ComponentJudgementModel[];
  confidence: ConfidenceJudgementModel | null;
  reviewNeeded: boolean;
  illustrative: boolean;
}
