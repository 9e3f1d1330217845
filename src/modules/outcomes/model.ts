import type { CoherenceCategory, Region, Stance, TrustType } from '../../generated/resolvers.js';
import type { DeterminantModel } from '../determinants/model.js';
import type { SharedTotalsModel } from '../evidence/repository.js';
import type { SourceModel } from '../provenance/model.js';
import type { DeterminantLinkModel, InsightModel, InterviewModel, RoleModel } from '../research/model.js';
import type { Connection } from '../shared/pagination.js';
import type { SupplierModel } from '../suppliers/model.js';
import type { TrustModel } from '../trusts/model.js';

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

/** One evidence insight with the records it is judged by, all fetched with it. */
export interface InsightEvidenceModel {
  insight: InsightModel;
  stance: Stance;
  mixed: boolean;
  coherence: CoherenceCategory;
  direct: boolean;
  informedBy: Informer[];
  determinants: DeterminantLinkModel[];
  interview: InterviewModel;
  /** Null when the interview's trust is not known (a survey response): then only its type and region are. */
  trust: TrustModel | null;
  trustType: TrustType;
  region: Region;
  /** Roles of the interview's participants, by id. */
  roles: RoleModel[];
  /** Suppliers of the trust's LIVE implementations, by id. */
  suppliers: SupplierModel[];
}

export type InsightEvidenceConnectionModel = Connection<InsightEvidenceModel>;

export interface DeterminantEvidenceModel {
  determinant: DeterminantModel;
  supportingInsights: number;
  contradictingInsights: number;
  sources: number;
}

export interface SourceEvidenceModel {
  source: SourceModel;
  direct: boolean;
  informedBy: Informer[];
  determinants: DeterminantLinkModel[];
}

export interface EvidenceSummaryModel extends SharedTotalsModel {
  mixedInsights: number;
  illustrativeInsights: number;
  determinants: number;
  workshops: number;
}
