import type { DeterminantModel } from '../determinants/model.js';
import type { Connection } from '../shared/pagination.js';
import type { DatePrecision, InterviewMethod, Region, Sentiment, Stance, TrustType, WorkshopFormat } from '../../generated/resolvers.js';

export interface RoleModel {
  id: string;
  name: string;
  description: string | null;
  sourceId: string;
}

export interface ParticipantModel {
  code: string;
  note?: string | null;
  illustrative: boolean;
  sourceId: string;
}

export interface InterviewModel {
  id: string;
  title?: string | null;
  /** As written: `2024`, `2024-05` or `2024-05-03`. */
  date: string;
  /** Absent on records loaded before partial dates existed: a day. */
  datePrecision?: DatePrecision | null;
  method: InterviewMethod;
  /** Only when the interview has no trust: the type and region the evidence is about. */
  trustType?: TrustType | null;
  region?: Region | null;
  note?: string | null;
  illustrative: boolean;
  sourceId: string;
}

export interface InsightModel {
  id: string;
  summary: string;
  /** Absent on records loaded before the column existed: false. */
  summaryPending?: boolean | null;
  coder?: string | null;
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

/** One study's coding, as the REFI-QDA export writes it back (src/import/export-qdpx.ts). */
export interface StudyCodingModel {
  study: { id: string; title: string; kind: string; illustrative: boolean; note: string | null; sourceId: string };
  source: { id: string; title: string; publisher: string; year: number | null; url: string | null; kind: string } | null;
  interviews: Array<{
    interview: { localId: string; title: string | null; date: string; method: string };
    trust: string | null;
    participants: Array<{ localId: string; role: string | null; trust: string | null }>;
    insights: Array<{
      insight: {
        localId: string;
        summary: string;
        summaryPending: boolean | null;
        quote: string | null;
        sentiment: string;
        coder: string | null;
        textStart: number | null;
        textEnd: number | null;
      };
      links: Array<{ determinantId: string; name: string; stance: Stance }>;
    }>;
  }>;
}
