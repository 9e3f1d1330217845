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
