/**
 * Every band of every suggestion rule of the computed profile (src/modules/confidence/rules.ts), on counts made by
 * hand; tests/integration/confidence.test.ts checks the counts the graph gives.
 */
import { describe, expect, it } from 'vitest';

import type { ContributingStudyModel, EvidenceTrustModel, FindingCountsModel, ProfileContextModel } from '../../src/modules/confidence/model.js';
import {
  suggestAdequacy,
  suggestCoherence,
  suggestConfidence,
  suggestMethodologicalLimitations,
  suggestRelevance,
} from '../../src/modules/confidence/rules.js';

function counts(overrides: Partial<FindingCountsModel> = {}): FindingCountsModel {
  return {
    insights: 10,
    supporting: 10,
    contradicting: 0,
    mixed: 0,
    contradictingInsightIds: [],
    interviews: 5,
    participants: 6,
    verbatimInsights: 5,
    roles: 3,
    suppliers: 2,
    trustOdsCodes: [],
    studies: [],
    sources: [],
    ...overrides,
  };
}

function study(
  weight: number,
  appraisalLevel: ContributingStudyModel['appraisalLevel'],
  relevance: ContributingStudyModel['relevance'] = 'DIRECT',
): ContributingStudyModel {
  return { studyId: `s${weight}${appraisalLevel ?? ''}`, title: null, kind: 'INTERVIEW_STUDY', insights: weight, weight, share: 0, appraisalLevel, relevance };
}

const trust = (type: string, region = 'LONDON', eprStatus = 'LIVE', supplier: string | null = 'acme'): EvidenceTrustModel => ({
  odsCode: `${type}${region}${eprStatus}`,
  type,
  region,
  eprStatus,
  supplier,
});

describe('methodological limitations', () => {
  it.each([
    ['every study without concerns', [study(10, 'NO_CONCERNS')], 'NO_CONCERNS'],
    ['mostly minor', [study(8, 'MINOR_CONCERNS'), study(2, 'NO_CONCERNS')], 'MINOR_CONCERNS'],
    ['weighted to moderate', [study(6, 'MODERATE_CONCERNS'), study(4, 'MINOR_CONCERNS')], 'MODERATE_CONCERNS'],
    ['weighted to serious', [study(9, 'SERIOUS_CONCERNS'), study(1, 'NO_CONCERNS')], 'SERIOUS_CONCERNS'],
    ['a quarter not appraised', [study(3, 'NO_CONCERNS'), study(1, null)], 'MINOR_CONCERNS'],
    ['half not appraised', [study(1, 'NO_CONCERNS'), study(1, null)], 'MODERATE_CONCERNS'],
    ['no study at all', [], 'SERIOUS_CONCERNS'],
  ] as const)('suggests %s: %s', (_what, studies, level) => {
    expect(suggestMethodologicalLimitations(studies).suggestedLevel).toBe(level);
  });

  it('says the weights in words', () => {
    expect(suggestMethodologicalLimitations([study(7, 'MINOR_CONCERNS'), study(1, 'MODERATE_CONCERNS'), study(1, null)]).summary).toBe(
      '3 studies; 78% of the evidence from one study with minor concerns; 11% of the evidence from one study with moderate concerns; 1 not appraised (11% of the evidence)',
    );
  });
});

describe('coherence', () => {
  it.each([
    [0, 0, 'NO_CONCERNS'],
    [1, 0, 'MINOR_CONCERNS'],
    [1, 1, 'MINOR_CONCERNS'],
    [2, 1, 'MODERATE_CONCERNS'],
    [3, 2, 'SERIOUS_CONCERNS'],
  ])('with %i contradicting and %i mixed of 10 suggests %s', (contradicting, mixed, level) => {
    const suggestion = suggestCoherence(counts({ supporting: 10 - contradicting - mixed, contradicting, mixed }));
    expect(suggestion.suggestedLevel).toBe(level);
    expect(suggestion.supporting + suggestion.contradicting + suggestion.mixed).toBe(suggestion.insights);
  });
});

describe('adequacy', () => {
  const three = [trust('ACUTE'), trust('COMMUNITY'), trust('MENTAL_HEALTH')].map((t) => t.odsCode);
  it.each([
    ['plenty', counts({ trustOdsCodes: three }), 'NO_CONCERNS', 'at least 3 trusts, 3 interviews, 5 insights, 25% verbatim = NO_CONCERNS'],
    ['two trusts', counts({ trustOdsCodes: three.slice(0, 2) }), 'MINOR_CONCERNS', '2 trusts < 3 = MINOR_CONCERNS'],
    ['thin verbatim data', counts({ trustOdsCodes: three, verbatimInsights: 2 }), 'MINOR_CONCERNS', 'verbatim 20% < 25% = MINOR_CONCERNS'],
    [
      'four insights',
      counts({ trustOdsCodes: three, insights: 4, supporting: 4, verbatimInsights: 4 }),
      'MODERATE_CONCERNS',
      '4 insights < 5 = MODERATE_CONCERNS',
    ],
    ['one trust', counts({ trustOdsCodes: three.slice(0, 1) }), 'MODERATE_CONCERNS', '1 trust < 2 = MODERATE_CONCERNS'],
    ['one interview', counts({ trustOdsCodes: three, interviews: 1 }), 'SERIOUS_CONCERNS', '1 interview < 2 = SERIOUS_CONCERNS'],
  ] as const)('suggests for %s', (_what, given, level, rule) => {
    expect(suggestAdequacy(given)).toMatchObject({ suggestedLevel: level, rule });
  });
});

describe('relevance', () => {
  // Twenty trusts: 10 acute, 5 community, 5 mental health; all LIVE on acme in LONDON, so only the type differs.
  const all = [...Array(10).fill(trust('ACUTE')), ...Array(5).fill(trust('COMMUNITY')), ...Array(5).fill(trust('MENTAL_HEALTH'))];
  const context: ProfileContextModel = { trusts: all, allRoles: 4, allSuppliers: 1, studies: [] };
  const direct = [study(10, 'NO_CONCERNS')];
  it.each([
    ['the same mix as all trusts', [trust('ACUTE'), trust('ACUTE'), trust('COMMUNITY'), trust('MENTAL_HEALTH')], direct, 'NO_CONCERNS'],
    // 3 acute of 4: 75% against 50%.
    ['acute +25 points', [trust('ACUTE'), trust('ACUTE'), trust('ACUTE'), trust('COMMUNITY')], direct, 'MINOR_CONCERNS'],
    // 5 acute of 6: 83% against 50%.
    ['acute +33 points', [...Array(5).fill(trust('ACUTE')), trust('COMMUNITY')], direct, 'MODERATE_CONCERNS'],
    ['only acute trusts', [trust('ACUTE')], direct, 'SERIOUS_CONCERNS'],
    [
      'half the evidence from an indirect study',
      [trust('ACUTE'), trust('ACUTE'), trust('COMMUNITY'), trust('MENTAL_HEALTH')],
      [study(5, null), study(5, 'NO_CONCERNS', 'INDIRECT')],
      'MODERATE_CONCERNS',
    ],
    ['no evidence trusts', [], direct, 'SERIOUS_CONCERNS'],
  ] as const)('suggests for %s', (_what, trusts, studies, level) => {
    expect(suggestRelevance(counts({ trustOdsCodes: trusts.map((t) => t.odsCode) }), context, studies).suggestedLevel).toBe(level);
  });
});

describe('overall confidence', () => {
  const at = (...levels: Array<'NO_CONCERNS' | 'MINOR_CONCERNS' | 'MODERATE_CONCERNS' | 'SERIOUS_CONCERNS'>) =>
    suggestConfidence(
      levels.map((suggestedLevel, i) => ({
        component: (['METHODOLOGICAL_LIMITATIONS', 'COHERENCE', 'ADEQUACY', 'RELEVANCE'] as const)[i]!,
        suggestedLevel,
        summary: '',
        rule: '',
      })),
    );
  it.each([
    [['NO_CONCERNS', 'NO_CONCERNS', 'NO_CONCERNS', 'NO_CONCERNS'], 'HIGH', 'HIGH = HIGH'],
    [['MINOR_CONCERNS', 'NO_CONCERNS', 'NO_CONCERNS', 'NO_CONCERNS'], 'HIGH', 'HIGH - 0.5 (methodological limitations: minor concerns) = HIGH'],
    [
      ['MINOR_CONCERNS', 'MINOR_CONCERNS', 'NO_CONCERNS', 'NO_CONCERNS'],
      'MODERATE',
      'HIGH - 0.5 (methodological limitations: minor concerns) - 0.5 (coherence: minor concerns) = MODERATE',
    ],
    [['NO_CONCERNS', 'MODERATE_CONCERNS', 'NO_CONCERNS', 'NO_CONCERNS'], 'MODERATE', 'HIGH - 1 (coherence: moderate concerns) = MODERATE'],
    [['NO_CONCERNS', 'NO_CONCERNS', 'SERIOUS_CONCERNS', 'NO_CONCERNS'], 'LOW', 'HIGH - 2 (adequacy: serious concerns) = LOW'],
    [
      ['SERIOUS_CONCERNS', 'NO_CONCERNS', 'NO_CONCERNS', 'SERIOUS_CONCERNS'],
      'VERY_LOW',
      'HIGH - 2 (methodological limitations: serious concerns) - 2 (relevance: serious concerns) = VERY_LOW (floor)',
    ],
  ] as const)('from %j suggests %s', (levels, level, rule) => {
    expect(at(...levels)).toEqual({ level, rule });
  });
});
