/**
 * Names people read for the schema's enum values, one table per enum; typed against the generated enums, so a new
 * value fails the type check until it has a name here.
 */
import type { EprStatus, EvidenceGrade, Region, Sentiment, SourceKind, Stance, StrengthComponent, TrustType } from '../client/index.js';

export const REGION_LABELS: Record<Region, string> = {
  LONDON: 'London',
  SOUTH_EAST: 'South East',
  SOUTH_WEST: 'South West',
  MIDLANDS: 'Midlands',
  EAST_OF_ENGLAND: 'East of England',
  NORTH_WEST: 'North West',
  NORTH_EAST_AND_YORKSHIRE: 'North East and Yorkshire',
};

export const TRUST_TYPE_LABELS: Record<TrustType, string> = {
  ACUTE: 'Acute',
  ACUTE_SPECIALIST: 'Acute specialist',
  MENTAL_HEALTH: 'Mental health',
  COMMUNITY: 'Community',
  AMBULANCE: 'Ambulance',
};

export const EPR_STATUS_LABELS: Record<EprStatus, string> = {
  LIVE: 'Live EPR',
  IN_PROGRESS: 'No live EPR: in progress',
  NONE_RECORDED: 'No EPR recorded',
};

/** An insight's stance on a subject: MIXED when it both supports and contradicts (a link of each kind). */
export type RowStance = Stance | 'MIXED';

export const STANCE_LABELS: Record<RowStance, string> = {
  SUPPORTS: 'Supports',
  CONTRADICTS: 'Contradicts',
  MIXED: 'Mixed',
};

export const GRADE_LABELS: Record<EvidenceGrade, string> = {
  HIGH: 'High',
  MODERATE: 'Moderate',
  LOW: 'Low',
  VERY_LOW: 'Very low',
};

/** What each grade means, in the words of GRADE-CERQual's definitions of confidence. */
export const GRADE_MEANINGS: Record<EvidenceGrade, string> = {
  HIGH: 'it is highly likely that the finding is a reasonable representation of what the evidence shows',
  MODERATE: 'it is likely that the finding is a reasonable representation of what the evidence shows',
  LOW: 'it is possible that the finding is a reasonable representation of what the evidence shows',
  VERY_LOW: 'it is not clear whether the finding is a reasonable representation of what the evidence shows',
};

export const COMPONENT_LABELS: Record<StrengthComponent, string> = {
  AMOUNT: 'Amount of evidence',
  BREADTH: 'Breadth (trusts, roles, regions)',
  COHERENCE: 'Coherence (how far the insights agree)',
  CORROBORATION: 'Corroboration by published sources',
};

export const SENTIMENT_LABELS: Record<Sentiment, string> = {
  POSITIVE: 'Positive',
  NEGATIVE: 'Negative',
  MIXED: 'Mixed',
  NEUTRAL: 'Neutral',
};

export const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
  DATASET: 'Dataset',
  REPORT: 'Report',
  ARTICLE: 'Article',
  ACADEMIC: 'Academic paper',
  CASE_STUDY: 'Case study',
  PROJECT: 'Project',
};
