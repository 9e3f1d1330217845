import type { GraphQLResolveInfo } from 'graphql';

import type { Resolvers } from '../../generated/resolvers.js';
import { badUserInput } from '../../errors.js';
import type { Context, Loaders } from '../../context.js';
import { loadRequired } from '../shared/batch.js';
import type { TrustModel } from '../trusts/model.js';
import { findAll } from '../shared/repository.js';
import { toGlobalId } from '../shared/global-id.js';
import { connectionResolvers, plannedTotal, readPage, toConnection, wantsTotal } from '../shared/pagination.js';
import type { InsightModel, InterviewModel, RoleModel, WorkshopModel } from './model.js';
import { countInsights, type InsightFilter, type InsightOrder } from './repository.js';

interface InsightArgs {
  first?: number | null;
  after?: string | null;
  filter?: InsightFilter | null;
  sort?: { field: 'RELEVANCE' | 'ID'; direction?: 'ASC' | 'DESC' | null } | null;
}

/** Most terms (words and phrases) a full-text query may have: Lucene refuses past 1,024 clauses. */
export const MAX_SEARCH_TERMS = 64;

/** Most fuzzy (`~`) or wildcard (`*`, `?`) terms: each expands into every matching word of the index. */
export const MAX_EXPANDING_TERMS = 8;

const SEARCH_OPERATORS = new Set(['AND', 'OR', 'NOT', '&&', '||', '!', '+', '-']);

/** Refuses a full-text query that could only fail in Lucene or cost far more than a search should. */
function checkFullTextQuery(text: string): void {
  if (text.trim() === '') {
    throw badUserInput('filter.text must contain at least one word (got an empty string). Omit it to list every insight.', 'filter.text');
  }
  const terms = (text.match(/"(?:[^"\\]|\\.)*"|\S+/g) ?? []).filter((term) => !SEARCH_OPERATORS.has(term));
  if (terms.length > MAX_SEARCH_TERMS) {
    throw badUserInput(
      `filter.text has ${terms.length} terms; a search takes at most ${MAX_SEARCH_TERMS}. Search for fewer words, or filter by determinants, roles or trusts.`,
      'filter.text',
    );
  }
  const expanding = terms.filter((term) => !term.startsWith('"') && /(^|[^\\])[~*?]/.test(term)).length;
  if (expanding > MAX_EXPANDING_TERMS) {
    throw badUserInput(
      `filter.text has ${expanding} fuzzy (~) or wildcard (* ?) terms; a search takes at most ${MAX_EXPANDING_TERMS}. Write the other words out in full.`,
      'filter.text',
    );
  }
}

/** Shared by Query.insights and Determinant.insights, which only adds a determinant to the filter. */
async function resolveInsightConnection(args: InsightArgs, { db, config, planner, loaders }: Context, info: GraphQLResolveInfo) {
  // A text search looks at quotes only for a viewer who may read them, or its hits would reveal them.
  const searchQuotes = planner.permits(info.schema, 'Insight', 'quote');
  const filter: InsightFilter = { ...args.filter, searchQuotes };
  if (filter.text !== undefined && filter.text !== null) checkFullTextQuery(filter.text);
  const field = args.sort?.field ?? (filter.text ? 'RELEVANCE' : 'ID');
  if (field === 'RELEVANCE' && !filter.text) {
    throw badUserInput('sort RELEVANCE needs filter.text (relevance is a full-text score). Sort by ID, or add filter.text.', 'sort');
  }
  const order: InsightOrder = field === 'RELEVANCE' ? { field } : { field, direction: args.sort?.direction ?? 'ASC' };
  const scope = searchQuotes ? 'quotes' : 'summaries';
  const name = order.field === 'RELEVANCE' ? `insights:RELEVANCE:${scope}:${filter.text}` : `insights:ID:${order.direction}`;
  const page = readPage(args, name, config.maxPageSize);
  const plan = planner.plan(info);
  // The page brings each insight's interview and trust along, and seeds their loaders (research/loaders.ts).
  const { rows, total } = await loaders.research.insightPages.get({ filter, order, page, withTotal: wantsTotal(plan) });
  const insights = rows.map((row) => row.insight);
  const sortValues = (row: InsightModel) => [order.field === 'RELEVANCE' ? (row.score ?? 0) : row.id, row.id];
  return toConnection(
    insights,
    page,
    name,
    sortValues,
    plannedTotal(plan, () => countInsights(db, filter), total),
  );
}

/** The trust an interview is about; null when it is not known (validation then required its type and region). */
async function trustOfInterview(interview: InterviewModel, { research, trusts }: Loaders): Promise<TrustModel | null> {
  const odsCode = await research.trustByInterview.get(interview.id);
  return odsCode ? loadRequired(trusts.trust, odsCode, `trust ${odsCode}`) : null;
}

/** The trust type or region recorded on an interview without a trust; the loader never writes one without both. */
function placeOf<K extends 'trustType' | 'region'>(interview: InterviewModel, property: K): NonNullable<InterviewModel[K]> {
  const value = interview[property];
  if (value === null || value === undefined) throw new Error(`interview ${interview.id} has neither a trust nor a ${property}`);
  return value;
}

export const researchResolvers: Resolvers = {
  Query: {
    role: (_parent, { id }, { loaders }) => loaders.research.role.get(id),
    roles: (_parent, _args, { db }) => findAll<RoleModel>(db, 'Role', 'name'),
    participant: (_parent, { code }, { loaders }) => loaders.research.participant.get(code),
    interview: (_parent, { id }, { loaders }) => loaders.research.interview.get(id),
    interviews: (_parent, _args, { db }) => findAll<InterviewModel>(db, 'Interview', 'id'),
    insight: (_parent, { id }, { loaders }) => loaders.research.insight.get(id),
    insights: (_parent, args, context, info) => resolveInsightConnection(args, context, info),
    workshop: (_parent, { id }, { loaders }) => loaders.research.workshop.get(id),
    workshops: (_parent, _args, { db }) => findAll<WorkshopModel>(db, 'Workshop', 'date'),
  },
  InsightConnection: connectionResolvers,
  Role: {
    id: (role) => toGlobalId('Role', role.id),
    roleId: (role) => role.id,
    source: (role, _args, { loaders }) => loadRequired(loaders.provenance.source, role.sourceId, `source ${role.sourceId}`),
    participants: (role, _args, { loaders }) => loaders.research.participantsByRole.get(role.id),
  },
  Participant: {
    id: (participant) => toGlobalId('Participant', participant.code),
    role: (participant, _args, { loaders }) => loadRequired(loaders.research.roleByParticipant, participant.code, `role of ${participant.code}`),
    trust: async (participant, _args, { loaders }) => {
      const odsCode = await loaders.research.trustByParticipant.get(participant.code);
      return odsCode ? loaders.trusts.trust.get(odsCode) : null;
    },
    note: (participant) => participant.note ?? null,
    source: (participant, _args, { loaders }) => loadRequired(loaders.provenance.source, participant.sourceId, `source ${participant.sourceId}`),
    interviews: (participant, _args, { loaders }) => loaders.research.interviewsByParticipant.get(participant.code),
    workshops: (participant, _args, { loaders }) => loaders.research.workshopsByParticipant.get(participant.code),
  },
  Interview: {
    id: (interview) => toGlobalId('Interview', interview.id),
    interviewId: (interview) => interview.id,
    title: (interview) => interview.title ?? null,
    date: (interview) => ((interview.datePrecision ?? 'DAY') === 'DAY' ? interview.date : null),
    dateAsWritten: (interview) => interview.date,
    datePrecision: (interview) => interview.datePrecision ?? 'DAY',
    trust: (interview, _args, { loaders }) => trustOfInterview(interview, loaders),
    trustType: async (interview, _args, { loaders }) => (await trustOfInterview(interview, loaders))?.type ?? placeOf(interview, 'trustType'),
    region: async (interview, _args, { loaders }) => (await trustOfInterview(interview, loaders))?.region ?? placeOf(interview, 'region'),
    note: (interview) => interview.note ?? null,
    participants: (interview, _args, { loaders }) => loaders.research.participantsByInterview.get(interview.id),
    insights: (interview, _args, { loaders }) => loaders.research.insightsByInterview.get(interview.id),
    source: (interview, _args, { loaders }) => loadRequired(loaders.provenance.source, interview.sourceId, `source ${interview.sourceId}`),
  },
  Insight: {
    id: (insight) => toGlobalId('Insight', insight.id),
    insightId: (insight) => insight.id,
    summaryPending: (insight) => insight.summaryPending ?? false,
    coder: (insight) => insight.coder ?? null,
    score: (insight) => insight.score ?? null,
    source: (insight, _args, { loaders }) => loadRequired(loaders.provenance.source, insight.sourceId, `source ${insight.sourceId}`),
    interview: (insight, _args, { loaders }) => loadRequired(loaders.research.interviewByInsight, insight.id, `interview of ${insight.id}`),
    determinants: (insight, _args, { loaders }) => loaders.research.determinantLinksByInsight.get(insight.id),
    supportOffers: (insight, _args, { loaders }) => loaders.outcomes.offersByInsight.get(insight.id),
  },
  Determinant: {
    insights: (determinant, args, context, info) =>
      resolveInsightConnection({ ...args, filter: { ...args.filter, determinantIds: [determinant.id] } }, context, info),
  },
  DeterminantLink: {
    determinant: (link, _args, { loaders }) => loadRequired(loaders.determinants.determinant, link.determinantId, `determinant ${link.determinantId}`),
  },
  Workshop: {
    id: (workshop) => toGlobalId('Workshop', workshop.id),
    workshopId: (workshop) => workshop.id,
    source: (workshop, _args, { loaders }) => loadRequired(loaders.provenance.source, workshop.sourceId, `source ${workshop.sourceId}`),
    participants: (workshop, _args, { loaders }) => loaders.research.participantsByWorkshop.get(workshop.id),
    supportOffers: (workshop, _args, { loaders }) => loaders.outcomes.offersByWorkshop.get(workshop.id),
  },
};
