import type { Context } from '../../context.js';
import type { Resolvers } from '../../generated/resolvers.js';
import { connectionResolvers, readPage, toConnection } from '../shared/pagination.js';
import type { AuditEntryModel, EvidenceSubjectRecord, InsightModel, Outcome, PolicyDecisionModel, SupportOfferModel, UserError } from './model.js';
import * as repository from './repository.js';
import * as validate from './validate.js';

/**
 * Who the audit trail names for a request: the authenticated viewer's subject, or "anonymous" for a request
 * without one (and while the context carries no viewer at all).
 */
export function actorOf(context: Context): string {
  const { viewer } = context as { viewer?: { subject?: string | null } | null };
  return viewer?.subject ?? 'anonymous';
}

/** Input errors found without the database stop the mutation before it opens a transaction. */
async function unlessInvalid<T>(userErrors: UserError[], run: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
  return userErrors.length > 0 ? { kind: 'rejected', userErrors } : run();
}

function insightPayload(outcome: Outcome<InsightModel>) {
  return outcome.kind === 'done' ? { insight: outcome.record, userErrors: [] } : { insight: null, userErrors: outcome.userErrors };
}

function supportOfferPayload(outcome: Outcome<SupportOfferModel>) {
  return outcome.kind === 'done'
    ? { supportOffer: outcome.record, userErrors: [] }
    : { supportOffer: null, userErrors: outcome.userErrors };
}

function policyDecisionPayload(outcome: Outcome<PolicyDecisionModel>) {
  return outcome.kind === 'done'
    ? { policyDecision: outcome.record, userErrors: [] }
    : { policyDecision: null, userErrors: outcome.userErrors };
}

function evidencePayload(outcome: Outcome<EvidenceSubjectRecord>) {
  if (outcome.kind === 'rejected') return { supportOffer: null, policyDecision: null, userErrors: outcome.userErrors };
  const subject = outcome.record;
  switch (subject.type) {
    case 'SUPPORT_OFFER':
      return { supportOffer: subject.record, policyDecision: null, userErrors: [] };
    case 'POLICY_DECISION':
      return { supportOffer: null, policyDecision: subject.record, userErrors: [] };
  }
}

export const curationResolvers: Resolvers = {
  Query: {
    auditTrail: async (_parent, args, { db, config }) => {
      const filter = { targetId: args.targetId ?? null, actor: args.actor ?? null };
      const page = readPage(args, 'auditTrail:AT:DESC', config.maxPageSize);
      const rows = await repository.findAuditPage(db, filter, page);
      const sortValues = (row: AuditEntryModel) => [row.at, row.id];
      return toConnection(rows, page, 'auditTrail:AT:DESC', sortValues, () => repository.countAuditEntries(db, filter));
    },
  },
  AuditEntryConnection: connectionResolvers,
  Mutation: {
    createInsight: async (_parent, { input }, context) =>
      insightPayload(
        await unlessInvalid(validate.validateCreateInsight(input), () => repository.createInsight(context.db, actorOf(context), input)),
      ),
    updateInsight: async (_parent, { input }, context) =>
      insightPayload(
        await unlessInvalid(validate.validateUpdateInsight(input), () => repository.updateInsight(context.db, actorOf(context), input)),
      ),
    linkInsightToDeterminant: async (_parent, { input }, context) =>
      insightPayload(await repository.linkInsightToDeterminant(context.db, actorOf(context), input)),
    unlinkInsightFromDeterminant: async (_parent, { input }, context) =>
      insightPayload(await repository.unlinkInsightFromDeterminant(context.db, actorOf(context), input)),
    createSupportOffer: async (_parent, { input }, context) =>
      supportOfferPayload(
        await unlessInvalid(validate.validateCreateSupportOffer(input), () =>
          repository.createSupportOffer(context.db, actorOf(context), input),
        ),
      ),
    updateSupportOffer: async (_parent, { input }, context) =>
      supportOfferPayload(
        await unlessInvalid(validate.validateUpdateSupportOffer(input), () =>
          repository.updateSupportOffer(context.db, actorOf(context), input),
        ),
      ),
    createPolicyDecision: async (_parent, { input }, context) =>
      policyDecisionPayload(
        await unlessInvalid(validate.validateCreatePolicyDecision(input), () =>
          repository.createPolicyDecision(context.db, actorOf(context), input),
        ),
      ),
    linkEvidence: async (_parent, { input }, context) =>
      evidencePayload(await unlessInvalid(validate.validateEvidenceLink(input), () => repository.linkEvidence(context.db, actorOf(context), input))),
    unlinkEvidence: async (_parent, { input }, context) =>
      evidencePayload(
        await unlessInvalid(validate.validateEvidenceLink(input), () => repository.unlinkEvidence(context.db, actorOf(context), input)),
      ),
  },
};
