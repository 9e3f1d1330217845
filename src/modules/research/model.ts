import type { DeterminantModel } from '../determinants/model.js';
import type { Connection } from '../shared/pagination.js';
import type { InterviewMethod, Sentiment, Stance, WorkshopFormat } from '../../generated/resolvers.js';

export interface RoleModel {
  id: string;
  name: string;
  description: string | null;
  sourceId: string;
}

export interface ParticipantModel {
  code: string;
  illustrative: boolean;
  sourceId: string;
}

export interface InterviewModel {
  id: string;
  date: string;
  method: InterviewMethod;
  illustrative: boolean;
  sourceId: string;
}

export interface InsightModel {
  id: string;
  summary: string;
  quote: string | null;
  sentiment: Sentiment;
  illustrative: boolean;
  sourceId: string;
  /** Full-text relevance, only on insights that came from a text search. */
  score?: number;
}

export interface WorkshopModel {
  id: string;
  title: string;
  date: string;
  format: WorkshopFormat;
  illustrative: boolean;
  sourceId: string;
}

/** A link from a record to a determinant. */
export interface DeterminantLinkModel {
  determinantId: string;
  stance: Stance;
  note: string | null;
}

export type InsightConnectionModel = Connection<InsightModel>;

/**
 * An interview with what a trust's story shows of it: its participants with their roles, and its insights with the
 * determinants they bear on. Each list is in the order its own field returns it.
 */
export interface InterviewDetails {
  interview: InterviewModel;
  participants: Array<{ participant: ParticipantModel; role: RoleModel | null }>;
  insights: Array<{ insight: InsightModel; links: DeterminantLinkModel[] }>;
}

/** A trust's interviews in detail, and each determinant their insights are linked to, once. */
export interface TrustInterviewDetails {
  interviews: InterviewDetails[];
  determinants: DeterminantModel[];
}
