import { assertNever } from '../../assert-never.js';
import { actorOf } from '../../auth/viewer.js';
import type { Resolvers } from '../../generated/resolvers.js';
import { connectionResolvers, plannedTotal, readPage, toConnection } from '../shared/pagination.js';
import type { AuditEntryModel, EvidenceSubjectRecord, InsightModel, MutationOutcome, PolicyDecisionModel, SupportOfferModel } from './model.js';
import type { UserError } from '../shared/user-errors.js';
import * as repository from './repository.js';
import * as validate from './validate.js';

/** Input errors found without the database stop the mutation before it opens a transaction. */
async function unlessInvalid<T>(userErrors: UserError[], run: () => Promise<MutationOutcome<T>>): Promise<MutationOutcome<T>> {
  return userErrors.length > 0 ? { kind: 'rejected', userErrors } : run();
}

function insightPayload(outcome: MutationOutcome<InsightModel>) {
  return outcome.kind === 'done' ? { insight: outcome.record, userErrors: [] } : { insight: null, userErrors: outcome.userErrors };
}

function supportOfferPayload(outcome: MutationOutcome<SupportOfferModel>) {
  return outcome.kind === 'done' ? { supportOffer: outcome.record, userErrors: [] } : { supportOffer: null, userErrors: outcome.userErrors };
}

function policyDecisionPayload(outcome: MutationOutcome<PolicyDecisionModel>) {
  return outcome.kind === 'done' ? { policyDecision: outcome.record, userErrors: [] } : { policyDecision: null, userErrors: outcome.userErrors };
}

function evidencePayload(outcome: MutationOutcome<EvidenceSubjectRecord>) {
  if (outcome.kind === 'rejected') return { supportOffer: null, policyDecision: null, userErrors: outcome.userErrors };
  const subject = outcome.record;
  switch (subject.type) {
    case 'SUPPORT_OFFER':
      return { supportOffer: subject.record, policyDecision: null, userErrors: [] };
    case 'POLICY_DECISION':
      return { supportOffer: null, policyDecision: subject.record, userErrors: [] };
    default:
      return assertNever(subject, 'evidence subject');
  }
}

export const curationResolvers: Resolvers = {
  Query: {
    auditTrail: async (_parent, args, { db, config, planner }, info) => {
      const filter = { targetId: args.targetId ?? null, actor: args.actor ?? null };
      const page = readPage(args, 'auditTrail:AT:DESC', config.maxPageSize);
      const totalCount = plannedTotal(planner.plan(info), () => repository.countAuditEntries(db, filter));
      const rows = await repository.findAuditPage(db, filter, page);
      const sortValues = (row: AuditEntryModel) => [row.at, row.id];
      return toConnection(rows, page, 'auditTrail:AT:DESC', sortValues, totalCount);
    },
  },
  AuditEntryConnection: connectionResolvers,
  Mutation: {
    createInsight: async (_parent, { input }, context) =>
      insightPayload(await unlessInvalid(validate.validateCreateInsight(input), () => repository.createInsight(context.db, actorOf(context.viewer), input))),
    updateInsight: async (_parent, { input }, context) =>
      insightPayload(await unlessInvalid(validate.validateUpdateInsight(input), () => repository.updateInsight(context.db, actorOf(context.viewer), input))),
    linkInsightToDeterminant: async (_parent, { input }, context) =>
      insightPayload(await repository.linkInsightToDeterminant(context.db, actorOf(context.viewer), input)),
    unlinkInsightFromDeterminant: async (_parent, { input }, context) =>
      insightPayload(await repository.unlinkInsightFromDeterminant(context.db, actorOf(context.viewer), input)),
    createSupportOffer: async (_parent, { input }, context) =>
      supportOfferPayload(
        await unlessInvalid(validate.validateCreateSupportOffer(input), () => repository.createSupportOffer(context.db, actorOf(context.viewer), input)),
      ),
    updateSupportOffer: async (_parent, { input }, context) =>
      supportOfferPayload(
        await unlessInvalid(validate.validateUpdateSupportOffer(input), () => repository.updateSupportOffer(context.db, actorOf(context.viewer), input)),
      ),
    createPolicyDecision: async (_parent, { input }, context) =>
      policyDecisionPayload(
        await unlessInvalid(validate.validateCreatePolicyDecision(input), () => repository.createPolicyDecision(context.db, actorOf(context.viewer), input)),
      ),
    linkEvidence: async (_parent, { input }, context) =>
      evidencePayload(await unlessInvalid(validate.validateEvidenceLink(input), () => repository.linkEvidence(context.db, actorOf(context.viewer), input))),
    unlinkEvidence: async (_parent, { input }, context) =>
      evidencePayload(await unlessInvalid(validate.validateEvidenceLink(input), () => repository.unlinkEvidence(context.db, actorOf(context.viewer), input))),
  },
};
