/**
 * The research loaders of a request: roles, participants, interviews, insights and workshops, the lists between
 * them, and pages of insights. A statement that brings an insight's interview and trust along, or a trust's
 * interviews in detail, seeds the loaders of those (the trust and determinant loaders of their own modules too).
 */
import type { Database } from '../../db/database.js';
import type { DeterminantLoaders } from '../determinants/loaders.js';
import { createManyLoader, createOneLoader, PrimedLoader } from '../shared/batch.js';
import { recordLoaders } from '../shared/loaders.js';
import type { TrustLoaders } from '../trusts/loaders.js';
import type { TrustModel } from '../trusts/model.js';
import type { InsightModel, InterviewDetails, InterviewModel, ParticipantModel, RoleModel, WorkshopModel } from './model.js';
import {
  findDeterminantLinksByInsightIds,
  findInsightPages,
  findInterviewDetailsOfTrusts,
  findTrustOdsCodesByInterviewIds,
  findTrustOdsCodesByParticipantCodes,
  RESEARCH_RELATIONS as RESEARCH,
  type InsightPage,
  type InsightPageRequest,
} from './repository.js';

/** An insight with the interview it came from and that interview's trust (null when not known), as lists show it. */
export interface InsightOrigin {
  insight: InsightModel;
  interview: InterviewModel;
  trust: TrustModel | null;
}

export function createResearchLoaders(db: Database, { trusts, determinants }: { trusts: TrustLoaders; determinants: DeterminantLoaders }) {
  const { byKey, related, relatedOne } = recordLoaders(db);
  const loaders = {
    role: byKey<RoleModel>('Role'),
    participant: byKey<ParticipantModel>('Participant'),
    interview: byKey<InterviewModel>('Interview'),
    insight: byKey<InsightModel>('Insight'),
    workshop: byKey<WorkshopModel>('Workshop'),
    interviewsByTrust: related<InterviewModel>(RESEARCH.interviewsOfTrust),
    /** A trust's interviews with their participants and insights, for a request that shows them (a trust's story). */
    interviewDetailsByTrust: createManyLoader<InterviewModel>(async (keys) => {
      const rows = await findInterviewDetailsOfTrusts(db, keys);
      return rows.flatMap(({ key, node: { interviews, determinants: linked } }) => {
        for (const determinant of linked) determinants.determinant.prime(determinant.id, determinant);
        return interviews.map((details) => {
          primeInterviewDetails(key, details);
          return { key, node: details.interview };
        });
      });
    }),
    /**
     * Pages of insights (`Query.insights`, `Determinant.insights`): one statement per shape of request (see
     * `findInsightPages`); each row's interview and trust seed their loaders.
     */
    insightPages: new PrimedLoader<InsightPageRequest, InsightPage>(
      async (requests) => {
        const pages = await findInsightPages(db, requests);
        for (const { rows } of pages) primeInsightOrigins(rows);
        return pages;
      },
      { cacheKeyFn: (request) => JSON.stringify(request) },
    ),
    participantsByRole: related<ParticipantModel>(RESEARCH.participantsOfRole),
    roleByParticipant: relatedOne<RoleModel>(RESEARCH.roleOfParticipant),
    trustByParticipant: createOneLoader((keys) => findTrustOdsCodesByParticipantCodes(db, keys)),
    interviewsByParticipant: related<InterviewModel>(RESEARCH.interviewsOfParticipant),
    workshopsByParticipant: related<WorkshopModel>(RESEARCH.workshopsOfParticipant),
    participantsByInterview: related<ParticipantModel>(RESEARCH.participantsOfInterview),
    trustByInterview: createOneLoader((keys) => findTrustOdsCodesByInterviewIds(db, keys)),
    insightsByInterview: related<InsightModel>(RESEARCH.insightsOfInterview),
    interviewByInsight: relatedOne<InterviewModel>(RESEARCH.interviewOfInsight),
    determinantLinksByInsight: createManyLoader((keys) => findDeterminantLinksByInsightIds(db, keys)),
    participantsByWorkshop: related<ParticipantModel>(RESEARCH.participantsOfWorkshop),
    primeInsightOrigins,
  };

  /**
   * Seeds the loaders with each insight's interview and trust, so that following them from a list runs no query.
   * Not the insight itself: a row of a search carries its score, which is not the insight's own.
   */
  function primeInsightOrigins(rows: readonly InsightOrigin[]): void {
    for (const { insight, interview, trust } of rows) {
      loaders.interviewByInsight.prime(insight.id, interview);
      loaders.interview.prime(interview.id, interview);
      loaders.trustByInterview.prime(interview.id, trust?.odsCode ?? null);
      if (trust) trusts.trust.prime(trust.odsCode, trust);
    }
  }

  /** Seeds the loaders with an interview's participants, roles, insights and determinant links. */
  function primeInterviewDetails(odsCode: string, { interview, participants, insights }: InterviewDetails): void {
    loaders.interview.prime(interview.id, interview);
    loaders.trustByInterview.prime(interview.id, odsCode);
    loaders.participantsByInterview.prime(
      interview.id,
      participants.map((row) => row.participant),
    );
    for (const { participant, role } of participants) {
      loaders.participant.prime(participant.code, participant);
      loaders.roleByParticipant.prime(participant.code, role);
      if (role) loaders.role.prime(role.id, role);
    }
    loaders.insightsByInterview.prime(
      interview.id,
      insights.map((row) => row.insight),
    );
    for (const { insight, links } of insights) {
      loaders.insight.prime(insight.id, insight);
      loaders.interviewByInsight.prime(insight.id, interview);
      loaders.determinantLinksByInsight.prime(insight.id, links);
    }
  }

  return loaders;
}

export type ResearchLoaders = ReturnType<typeof createResearchLoaders>;
