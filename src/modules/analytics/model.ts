/** Plain models of the evidence analytics; the figures come from Cypher, the grades and tests from grading.ts. */
import type { EvidenceGrade, ImplementationStatus, Metric, StrengthComponent, ThinEvidenceReason } from '../../generated/resolvers.js';
import type { RepresentativenessTestModel } from '../evidence/model.js';
import type { SharedTotalsModel } from '../evidence/repository.js';
import type { GoLivePerformanceModel } from '../performance/model.js';

/** The counts behind an evidence strength profile, as Cypher returns them. */
export interface EvidenceCountsModel extends SharedTotalsModel {
  supportingSources: number;
  contradictingSources: number;
}

export interface StrengthConcernModel {
  component: StrengthComponent;
  downgrade: number;
  reason: string;
}

export interface EvidenceStrengthModel extends EvidenceCountsModel {
  supportShare: number | null;
  grade: EvidenceGrade;
  concerns: StrengthConcernModel[];
  limitedBy: StrengthComponent[];
  rule: string;
}

export interface VoiceShareModel {
  key: string;
  label: string;
  insights: number;
  share: number | null;
  weightedShare: number | null;
}

export interface EvidenceVoicesModel {
  insights: number;
  byRole: VoiceShareModel[];
  byTrustType: VoiceShareModel[];
}

export interface ThinEvidenceModel {
  kind: 'offer' | 'decision';
  id: string;
  reasons: ThinEvidenceReason[];
  trusts: number;
  roles: number;
  regions: number;
}

export interface ContestedDeterminantModel {
  determinantId: string;
  supporting: number;
  contradicting: number;
}

export interface EvidenceGapsModel {
  unaddressedDeterminantIds: string[];
  thinEvidence: ThinEvidenceModel[];
  contestedDeterminants: ContestedDeterminantModel[];
}

export interface RepresentativenessModel {
  populationTrusts: number;
  sampleTrusts: number;
  byRegion: RepresentativenessTestModel;
  byTrustType: RepresentativenessTestModel;
  bySupplier: RepresentativenessTestModel;
  byEprStatus: RepresentativenessTestModel;
}

export interface KeyCountModel {
  key: string;
  count: number;
}

export interface SupplierMarketShareModel {
  supplierId: string;
  liveTrusts: number;
  marketShare: number | null;
  byRegion: KeyCountModel[];
  byTrustType: KeyCountModel[];
}

export interface ImplementationStatusCountModel {
  status: ImplementationStatus;
  year: number | null;
  count: number;
}

export interface SupplierLandscapeModel {
  trustsWithLiveEpr: number;
  suppliers: SupplierMarketShareModel[];
  implementations: ImplementationStatusCountModel[];
  trustsWithoutEprOdsCodes: string[];
}

/** A LIVE implementation whose go-live month falls inside its trust's data. */
export interface GoLiveCandidateModel {
  implementationId: string;
  trustOdsCode: string;
}

export interface GoLiveImpactTrustModel extends GoLiveCandidateModel {
  performance: GoLivePerformanceModel;
}

export interface GoLiveImpactModel {
  metric: Metric;
  months: number;
  trusts: GoLiveImpactTrustModel[];
  meanChange: number | null;
}
