/**
 * The rules of the computed profile (decision support): how the counts of a finding's evidence become a suggested
 * level for each GRADE-CERQual component, and a suggested overall confidence. Every threshold is a named constant
 * here, with its reason, so that a review team can see and argue with each one. They are judgements for a
 * qualitative study of about a dozen trusts, not statistics. A suggestion is never a GRADE-CERQual assessment: that
 * is the judgement a person records (judgements.ts).
 * Long (about 410 lines) because it holds every GRADE-CERQual suggestion rule and its named thresholds together,
 * so that the rules a reviewer must check are in one file.
 */
import { assertNever } from '../../assert-never.js';
import { ENUM_VALUES } from '../../generated/enum-values.js';
import type { CerqualComponent, ConcernLevel, ConfidenceLevel, StratificationDimension, StudyRelevance } from '../../generated/resolvers.js';
import { testRepresentativeness } from '../evidence/representativeness.js';
import type {
  AdequacySuggestionModel,
  CoherenceSuggestionModel,
  ComponentSuggestionModel,
  ComputedProfileModel,
  ContributingStudyModel,
  EvidenceTrustModel,
  FindingCountsModel,
  ProfileContextModel,
  RelevanceDimensionModel,
  RelevanceSuggestionModel,
} from './model.js';
import { plural } from '../shared/words.js';

export const PROFILE_LABEL = 'computed profile (decision support)';
export const ASSESSMENT_LABEL = 'GRADE-CERQual assessment';

export const CONCERN_LEVELS: readonly ConcernLevel[] = ENUM_VALUES.ConcernLevel;
export const CONFIDENCE_LEVELS: readonly ConfidenceLevel[] = ENUM_VALUES.ConfidenceLevel;
export const COMPONENTS: readonly CerqualComponent[] = ENUM_VALUES.CerqualComponent;

// ---------------------------------------------------------------------------------------------------------------
// Methodological limitations: the appraisal levels of the contributing studies, weighted by their evidence.

/**
 * A study weighs its pieces of evidence on the finding: each insight it contributes, or 1 for a published source's
 * link to the determinant. GRADE-CERQual asks to weigh the studies that contribute most.
 */
export const SOURCE_WEIGHT = 1;
/** Weighted mean concern (0 none .. 3 serious) at or above which the suggestion is minor concerns. */
export const METHOD_MINOR_FROM = 0.5;
/** ... moderate concerns. */
export const METHOD_MODERATE_FROM = 1.5;
/** ... serious concerns. */
export const METHOD_SERIOUS_FROM = 2.5;
/** When this share of the evidence or more comes from studies no one appraised, at least minor concerns. */
export const NOT_APPRAISED_MINOR_SHARE = 0.25;
/** When this share or more is not appraised, at least moderate concerns: the limitations cannot be told. */
export const NOT_APPRAISED_MODERATE_SHARE = 0.5;

// Coherence: the share of the insights that contradict the finding, mixed ones included.
/** Under this share contradicting (or mixed), no concerns: a few discordant voices are expected. */
export const COHERENCE_MINOR_FROM = 0.1;
/** From this share, moderate concerns: one insight in four disagrees. */
export const COHERENCE_MODERATE_FROM = 0.25;
/** From this share, serious concerns: as much disagreement as agreement. */
export const COHERENCE_SERIOUS_FROM = 0.5;

// Adequacy: quantity (interviews, insights, trusts) and richness (verbatim data).
/** Fewer interviews than this, or fewer insights than ADEQUACY_SERIOUS_INSIGHTS: serious concerns. */
export const ADEQUACY_SERIOUS_INTERVIEWS = 2;
export const ADEQUACY_SERIOUS_INSIGHTS = 3;
/** Fewer interviews than this, or insights than ADEQUACY_MODERATE_INSIGHTS, or trusts than ADEQUACY_MODERATE_TRUSTS: moderate. */
export const ADEQUACY_MODERATE_INTERVIEWS = 3;
export const ADEQUACY_MODERATE_INSIGHTS = 5;
export const ADEQUACY_MODERATE_TRUSTS = 2;
/** Fewer trusts than this, or a verbatim share under ADEQUACY_MINOR_VERBATIM_SHARE (thin data): minor concerns. */
export const ADEQUACY_MINOR_TRUSTS = 3;
export const ADEQUACY_MINOR_VERBATIM_SHARE = 0.25;

// Relevance: the evidence's own trusts against every trust in the graph, and each study's relevance.
/** The dimensions on which the evidence trusts are compared with all trusts. */
export const RELEVANCE_DIMENSIONS: readonly StratificationDimension[] = ['TRUST_TYPE', 'REGION', 'EPR_STATUS', 'EPR_SUPPLIER'];
/** A stratum this many percentage points or more away from its share of all trusts: minor concerns. */
export const RELEVANCE_MINOR_POINTS = 15;
/** ... moderate concerns (the evidence speaks for another mix of trusts than England's). */
export const RELEVANCE_MODERATE_POINTS = 30;
/** ... serious concerns. */
export const RELEVANCE_SERIOUS_POINTS = 50;
/** This share or more of the evidence from studies that are not DIRECT: minor; twice it moderate; 0.75 serious. */
export const RELEVANCE_INDIRECT_MINOR_SHARE = 0.25;
export const RELEVANCE_INDIRECT_MODERATE_SHARE = 0.5;
export const RELEVANCE_INDIRECT_SERIOUS_SHARE = 0.75;

// Overall: start HIGH (GRADE-CERQual assumes a finding is a reasonable representation unless there are concerns).
/** Grade steps a component costs at each level; two minor concerns together cost one step. */
export const CONFIDENCE_STEPS: Record<ConcernLevel, number> = {
  NO_CONCERNS: 0,
  MINOR_CONCERNS: 0.5,
  MODERATE_CONCERNS: 1,
  SERIOUS_CONCERNS: 2,
};

// ---------------------------------------------------------------------------------------------------------------

const SCORES: Record<ConcernLevel, number> = { NO_CONCERNS: 0, MINOR_CONCERNS: 1, MODERATE_CONCERNS: 2, SERIOUS_CONCERNS: 3 };
const WORDS: Record<ConcernLevel, string> = {
  NO_CONCERNS: 'no concerns',
  MINOR_CONCERNS: 'minor concerns',
  MODERATE_CONCERNS: 'moderate concerns',
  SERIOUS_CONCERNS: 'serious concerns',
};

const percent = (share: number): string => `${Math.round(share * 100)}%`;
const round = (value: number, places = 4): number => Number(value.toFixed(places));
const atLeast = (a: ConcernLevel, b: ConcernLevel): ConcernLevel => (SCORES[a] >= SCORES[b] ? a : b);

/** The level whose band `value` falls in, given the lower bounds of minor, moderate and serious. */
function band(value: number, minor: number, moderate: number, serious: number): ConcernLevel {
  if (value >= serious) return 'SERIOUS_CONCERNS';
  if (value >= moderate) return 'MODERATE_CONCERNS';
  if (value >= minor) return 'MINOR_CONCERNS';
  return 'NO_CONCERNS';
}

/** The contributing studies of a finding, most evidence first, with their weights and what the graph knows. */
export function weighStudies(counts: FindingCountsModel, context: ProfileContextModel): ContributingStudyModel[] {
  const facts = new Map(context.studies.map((s) => [s.studyId, s]));
  const weights = new Map<string, { insights: number; weight: number; source: boolean }>();
  for (const { studyId, insights } of counts.studies) {
    const id = studyId ?? 'unassigned';
    const entry = weights.get(id) ?? { insights: 0, weight: 0, source: false };
    weights.set(id, { ...entry, insights: entry.insights + insights, weight: entry.weight + insights });
  }
  for (const { sourceId } of counts.sources) {
    const entry = weights.get(sourceId) ?? { insights: 0, weight: 0, source: true };
    weights.set(sourceId, { ...entry, weight: entry.weight + SOURCE_WEIGHT, source: true });
  }
  const total = [...weights.values()].reduce((sum, w) => sum + w.weight, 0);
  return [...weights.entries()]
    .map(([studyId, w]) => {
      const known = facts.get(studyId);
      const kind = known?.kind ?? (w.source ? 'PUBLISHED_SOURCE' : 'INTERVIEW_STUDY');
      return {
        studyId,
        title: known?.title ?? null,
        kind,
        insights: w.insights,
        weight: w.weight,
        share: total === 0 ? 0 : round(w.weight / total),
        appraisalLevel: known?.appraisalLevel ?? null,
        relevance: studyRelevance(known?.relevance ?? null, kind),
      };
    })
    .sort((a, b) => b.weight - a.weight || a.studyId.localeCompare(b.studyId));
}

/**
 * A study's relevance is the appraiser's. Without one, a study of interviews at trusts in the graph is DIRECT (it
 * is the question's own setting); a published source is UNCLEAR (nothing records its setting).
 */
function studyRelevance(appraised: StudyRelevance | null, kind: string): StudyRelevance {
  if (appraised) return appraised;
  return kind === 'PUBLISHED_SOURCE' ? 'UNCLEAR' : 'DIRECT';
}

export function suggestMethodologicalLimitations(studies: readonly ContributingStudyModel[]): ComponentSuggestionModel {
  const component = 'METHODOLOGICAL_LIMITATIONS' as const;
  if (studies.length === 0) {
    return { component, suggestedLevel: 'SERIOUS_CONCERNS', summary: 'no contributing study', rule: 'no contributing study: SERIOUS_CONCERNS' };
  }
  const total = studies.reduce((sum, s) => sum + s.weight, 0);
  const appraised = studies.filter((s) => s.appraisalLevel !== null);
  const appraisedWeight = appraised.reduce((sum, s) => sum + s.weight, 0);
  const notAppraisedShare = total === 0 ? 0 : (total - appraisedWeight) / total;
  const mean = appraisedWeight === 0 ? null : appraised.reduce((sum, s) => sum + SCORES[s.appraisalLevel!] * s.weight, 0) / appraisedWeight;

  const byLevel = CONCERN_LEVELS.flatMap((level) => {
    const at = appraised.filter((s) => s.appraisalLevel === level);
    if (at.length === 0) return [];
    const share = at.reduce((sum, s) => sum + s.weight, 0) / total;
    return [`${percent(share)} of the evidence from ${at.length === 1 ? 'one study' : `${at.length} studies`} with ${WORDS[level]}`];
  });
  const notAppraised = studies.length - appraised.length;
  const summary = [
    plural(studies.length, 'study', 'studies'),
    ...byLevel,
    ...(notAppraised > 0 ? [`${notAppraised} not appraised (${percent(notAppraisedShare)} of the evidence)`] : []),
  ].join('; ');

  const fromMean = mean === null ? 'NO_CONCERNS' : band(mean, METHOD_MINOR_FROM, METHOD_MODERATE_FROM, METHOD_SERIOUS_FROM);
  const floor = band(notAppraisedShare, NOT_APPRAISED_MINOR_SHARE, NOT_APPRAISED_MODERATE_SHARE, Infinity);
  const suggestedLevel = atLeast(fromMean, floor);
  const rule =
    (mean === null ? 'no study appraised' : `weighted concern ${mean.toFixed(2)} (0 none .. 3 serious): ${fromMean}`) +
    `; not appraised ${percent(notAppraisedShare)}: at least ${floor}` +
    ` (thresholds ${METHOD_MINOR_FROM}/${METHOD_MODERATE_FROM}/${METHOD_SERIOUS_FROM}; not appraised ${percent(NOT_APPRAISED_MINOR_SHARE)}/${percent(NOT_APPRAISED_MODERATE_SHARE)})` +
    ` = ${suggestedLevel}`;
  return { component, suggestedLevel, summary, rule };
}

export function suggestCoherence(counts: FindingCountsModel): CoherenceSuggestionModel {
  const { insights, supporting, contradicting, mixed } = counts;
  const supportingSources = counts.sources.filter((s) => s.supporting).length;
  const contradictingSources = counts.sources.filter((s) => s.contradicting).length;
  const disagreeing = contradicting + mixed;
  const share = insights === 0 ? null : disagreeing / insights;
  // No insights means nothing to disagree: the lack of data is adequacy's concern, not coherence's.
  const suggestedLevel = share === null ? 'NO_CONCERNS' : band(share, COHERENCE_MINOR_FROM, COHERENCE_MODERATE_FROM, COHERENCE_SERIOUS_FROM);
  const sources = counts.sources.length === 0 ? '' : `; sources: ${supportingSources} supporting, ${contradictingSources} contradicting`;
  const summary = `${plural(insights, 'insight')}: ${supporting} supporting, ${contradicting} contradicting, ${mixed} mixed${sources}`;
  const rule =
    share === null
      ? 'no insights, nothing disagrees: NO_CONCERNS (see adequacy)'
      : `contradicting or mixed ${disagreeing}/${insights} = ${percent(share)} (thresholds ${percent(COHERENCE_MINOR_FROM)}/` +
        `${percent(COHERENCE_MODERATE_FROM)}/${percent(COHERENCE_SERIOUS_FROM)}) = ${suggestedLevel}`;
  return {
    component: 'COHERENCE',
    suggestedLevel,
    summary,
    rule,
    insights,
    supporting,
    contradicting,
    mixed,
    supportingSources,
    contradictingSources,
    contradictingInsightIds: counts.contradictingInsightIds,
  };
}

export function suggestAdequacy(counts: FindingCountsModel): AdequacySuggestionModel {
  const { insights, interviews, participants, verbatimInsights } = counts;
  const trusts = counts.trustOdsCodes.length;
  const verbatimShare = insights === 0 ? null : round(verbatimInsights / insights);
  const reasons: Record<ConcernLevel, string[]> = { NO_CONCERNS: [], MINOR_CONCERNS: [], MODERATE_CONCERNS: [], SERIOUS_CONCERNS: [] };
  const below = (level: ConcernLevel, value: number, threshold: number, unit: string) => {
    if (value < threshold) reasons[level].push(`${plural(value, unit)} < ${threshold}`);
  };
  below('SERIOUS_CONCERNS', interviews, ADEQUACY_SERIOUS_INTERVIEWS, 'interview');
  below('SERIOUS_CONCERNS', insights, ADEQUACY_SERIOUS_INSIGHTS, 'insight');
  below('MODERATE_CONCERNS', interviews, ADEQUACY_MODERATE_INTERVIEWS, 'interview');
  below('MODERATE_CONCERNS', insights, ADEQUACY_MODERATE_INSIGHTS, 'insight');
  below('MODERATE_CONCERNS', trusts, ADEQUACY_MODERATE_TRUSTS, 'trust');
  below('MINOR_CONCERNS', trusts, ADEQUACY_MINOR_TRUSTS, 'trust');
  if (verbatimShare !== null && verbatimShare < ADEQUACY_MINOR_VERBATIM_SHARE) {
    reasons.MINOR_CONCERNS.push(`verbatim ${percent(verbatimShare)} < ${percent(ADEQUACY_MINOR_VERBATIM_SHARE)}`);
  }
  const suggestedLevel = [...CONCERN_LEVELS].reverse().find((level) => reasons[level].length > 0) ?? 'NO_CONCERNS';
  const summary =
    `${plural(insights, 'insight')} from ${plural(interviews, 'interview')} with ${plural(participants, 'participant')} ` +
    `at ${plural(trusts, 'trust')}; ${verbatimInsights} with verbatim data` +
    (verbatimShare === null ? '' : ` (${percent(verbatimShare)})`) +
    `; ${plural(counts.sources.length, 'published source')}`;
  const rule =
    suggestedLevel === 'NO_CONCERNS'
      ? `at least ${ADEQUACY_MINOR_TRUSTS} trusts, ${ADEQUACY_MODERATE_INTERVIEWS} interviews, ${ADEQUACY_MODERATE_INSIGHTS} insights, ` +
        `${percent(ADEQUACY_MINOR_VERBATIM_SHARE)} verbatim = NO_CONCERNS`
      : `${reasons[suggestedLevel].join(', ')} = ${suggestedLevel}`;
  return {
    component: 'ADEQUACY',
    suggestedLevel,
    summary,
    rule,
    insights,
    interviews,
    participants,
    trusts,
    verbatimInsights,
    verbatimShare,
    sources: counts.sources.length,
  };
}

const DIMENSION_KEYS: Record<string, (t: EvidenceTrustModel) => string> = {
  TRUST_TYPE: (t) => t.type,
  REGION: (t) => t.region,
  EPR_STATUS: (t) => t.eprStatus,
  EPR_SUPPLIER: (t) => t.supplier ?? 'none-recorded',
};

/** The evidence trusts against every trust on one dimension. */
export function compareWithAllTrusts(
  dimension: StratificationDimension,
  evidence: readonly EvidenceTrustModel[],
  all: readonly EvidenceTrustModel[],
): RelevanceDimensionModel {
  const keyOf = DIMENSION_KEYS[dimension]!;
  const keys = [...new Set(all.map(keyOf))].sort();
  const counts = keys.map((key) => ({
    dimension,
    key,
    label: key,
    populationTrusts: all.filter((t) => keyOf(t) === key).length,
    sampleTrusts: evidence.filter((t) => keyOf(t) === key).length,
  }));
  const test = testRepresentativeness(dimension, counts);
  const largest =
    evidence.length === 0
      ? undefined
      : [...test.strata].sort((a, b) => Math.abs(b.differencePoints) - Math.abs(a.differencePoints) || a.key.localeCompare(b.key))[0];
  return {
    dimension,
    evidenceTrusts: evidence.length,
    largestDifferenceKey: largest?.key ?? null,
    largestDifferencePoints: largest ? round(largest.differencePoints, 1) : null,
    missing: evidence.length === 0 ? [] : counts.filter((c) => c.sampleTrusts === 0).map((c) => c.key),
    pValue: test.pValue,
  };
}

export function suggestRelevance(
  counts: FindingCountsModel,
  context: ProfileContextModel,
  studies: readonly ContributingStudyModel[],
): RelevanceSuggestionModel {
  const trusts = evidenceTrusts(counts, context);
  const dimensions = RELEVANCE_DIMENSIONS.map((dimension) => compareWithAllTrusts(dimension, trusts, context.trusts));
  const total = studies.reduce((sum, s) => sum + s.weight, 0);
  const indirectWeight = studies.filter((s) => s.relevance !== 'DIRECT').reduce((sum, s) => sum + s.weight, 0);
  const indirectShare = total === 0 ? null : round(indirectWeight / total);
  const widest = dimensions
    .filter((d) => d.largestDifferencePoints !== null)
    .sort((a, b) => Math.abs(b.largestDifferencePoints!) - Math.abs(a.largestDifferencePoints!))[0];
  const points = widest ? Math.abs(widest.largestDifferencePoints!) : 0;
  const fromTrusts = trusts.length === 0 ? 'SERIOUS_CONCERNS' : band(points, RELEVANCE_MINOR_POINTS, RELEVANCE_MODERATE_POINTS, RELEVANCE_SERIOUS_POINTS);
  const fromStudies =
    indirectShare === null
      ? 'NO_CONCERNS'
      : band(indirectShare, RELEVANCE_INDIRECT_MINOR_SHARE, RELEVANCE_INDIRECT_MODERATE_SHARE, RELEVANCE_INDIRECT_SERIOUS_SHARE);
  const suggestedLevel = atLeast(fromTrusts, fromStudies);

  const perRelevance = (['DIRECT', 'PARTIAL', 'INDIRECT', 'UNCLEAR'] as const)
    .map((r) => [r, studies.filter((s) => s.relevance === r).length] as const)
    .filter(([, n]) => n > 0)
    .map(([r, n]) => `${n} ${r.toLowerCase()}`);
  const dimensionWords = dimensions
    .filter((d) => d.largestDifferenceKey !== null)
    .map(
      (d) =>
        `${d.dimension.toLowerCase().replace('_', ' ')} ${d.largestDifferenceKey} ${d.largestDifferencePoints! >= 0 ? '+' : ''}${d.largestDifferencePoints} points` +
        (d.missing.length > 0 ? ` (none from ${d.missing.join(', ')})` : ''),
    );
  const summary =
    `${plural(studies.length, 'study', 'studies')}: ${perRelevance.join(', ') || 'none'}; ` +
    `${plural(trusts.length, 'evidence trust')} of ${context.trusts.length}` +
    (dimensionWords.length > 0 ? `: ${dimensionWords.join('; ')}` : '') +
    `; ${counts.roles} of ${context.allRoles} roles; ${counts.suppliers} of ${context.allSuppliers} suppliers`;
  const rule =
    (widest ? `largest difference ${points.toFixed(1)} points (${widest.dimension}): ${fromTrusts}` : `no evidence trusts: ${fromTrusts}`) +
    ` (thresholds ${RELEVANCE_MINOR_POINTS}/${RELEVANCE_MODERATE_POINTS}/${RELEVANCE_SERIOUS_POINTS} points)` +
    `; not direct ${indirectShare === null ? 'n/a' : percent(indirectShare)}: ${fromStudies}` +
    ` (thresholds ${percent(RELEVANCE_INDIRECT_MINOR_SHARE)}/${percent(RELEVANCE_INDIRECT_MODERATE_SHARE)}/${percent(RELEVANCE_INDIRECT_SERIOUS_SHARE)})` +
    ` = ${suggestedLevel}`;
  return {
    component: 'RELEVANCE',
    suggestedLevel,
    summary,
    rule,
    indirectShare,
    dimensions,
    roles: counts.roles,
    allRoles: context.allRoles,
    suppliers: counts.suppliers,
    allSuppliers: context.allSuppliers,
  };
}

/** The suggested overall confidence from the four suggested levels, and its rule in words. */
export function suggestConfidence(levels: readonly ComponentSuggestionModel[]): { level: ConfidenceLevel; rule: string } {
  const costs = levels.filter((c) => CONFIDENCE_STEPS[c.suggestedLevel] > 0);
  const steps = Math.floor(costs.reduce((sum, c) => sum + CONFIDENCE_STEPS[c.suggestedLevel], 0));
  const level = CONFIDENCE_LEVELS[Math.min(steps, CONFIDENCE_LEVELS.length - 1)]!;
  const terms = costs
    .map((c) => ` - ${CONFIDENCE_STEPS[c.suggestedLevel]} (${c.component.toLowerCase().replace(/_/g, ' ')}: ${WORDS[c.suggestedLevel]})`)
    .join('');
  const floor = steps > CONFIDENCE_LEVELS.length - 1 ? ' (floor)' : '';
  return { level, rule: `HIGH${terms} = ${level}${floor}` };
}

/** The evidence trusts of a finding, as the context describes them. */
export function evidenceTrusts(counts: FindingCountsModel, context: ProfileContextModel): EvidenceTrustModel[] {
  const byCode = new Map(context.trusts.map((t) => [t.odsCode, t]));
  return counts.trustOdsCodes.flatMap((code) => byCode.get(code) ?? []);
}

/** The whole computed profile of one finding. */
export function computeProfile(counts: FindingCountsModel, context: ProfileContextModel): ComputedProfileModel {
  const contributingStudies = weighStudies(counts, context);
  const methodologicalLimitations = suggestMethodologicalLimitations(contributingStudies);
  const coherence = suggestCoherence(counts);
  const adequacy = suggestAdequacy(counts);
  const relevance = suggestRelevance(counts, context, contributingStudies);
  const confidence = suggestConfidence([methodologicalLimitations, coherence, adequacy, relevance]);
  return {
    label: PROFILE_LABEL,
    methodologicalLimitations,
    coherence,
    adequacy,
    relevance,
    suggestedConfidence: confidence.level,
    confidenceRule: confidence.rule,
    contributingStudies,
  };
}

/** The suggested level of one component of a profile. */
export function suggestedLevelOf(profile: ComputedProfileModel, component: CerqualComponent): ConcernLevel {
  switch (component) {
    case 'METHODOLOGICAL_LIMITATIONS':
      return profile.methodologicalLimitations.suggestedLevel;
    case 'COHERENCE':
      return profile.coherence.suggestedLevel;
    case 'ADEQUACY':
      return profile.adequacy.suggestedLevel;
    case 'RELEVANCE':
      return profile.relevance.suggestedLevel;
    default:
      return assertNever(component, 'CERQual component');
  }
}
