import type { Region, Stance, TrustType } from '../../generated/resolvers.js';
import type { DeterminantLinkModel } from '../research/model.js';

export interface SupportOfferModel {
  id: string;
  name: string;
  summary: string;
  description: string | null;
  illustrative: boolean;
  sourceId: string;
}

export interface PolicyDecisionModel {
  id: string;
  name: string;
  summary: string;
  description: string | null;
  date: string | null;
  illustrative: boolean;
  sourceId: string;
}

/** Whose evidence a trail is. */
export type EvidenceSubject = { kind: 'offer'; id: string } | { kind: 'decision'; id: string };

/** An offer or decision that a piece of evidence directly informed (any in the graph, not only the trail's). */
export type Informer = EvidenceSubject;

export interface InsightEvidenceModel {
  insightId: string;
  insightSummary: string;
  stance: Stance;
  mixed: boolean;
  direct: boolean;
  informedBy: Informer[];
  determinants: DeterminantLinkModel[];
  interviewId: string;
  interviewDate: string;
  trustOdsCode: string;
  trustName: string;
  trustType: TrustType;
  region: Region;
  roleIds: string[];
  supplierIds: string[];
}

export interface DeterminantEvidenceModel {
  determinantId: string;
  determinantName: string;
  supportingInsights: number;
  contradictingInsights: number;
  sources: number;
}

export interface SourceEvidenceModel {
  sourceId: string;
  sourceTitle: string;
  direct: boolean;
  informedBy: Informer[];
  determinants: DeterminantLinkModel[];
}

export interface EvidenceSummaryModel {
  insights: number;
  supportingInsights: number;
  contradictingInsights: number;
  illustrativeInsights: number;
  interviews: number;
  trusts: number;
  roles: number;
  regions: number;
  trustTypes: number;
  suppliers: number;
  sources: number;
  determinants: number;
  workshops: number;
}
