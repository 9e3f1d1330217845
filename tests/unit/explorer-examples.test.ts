import { readFileSync } from 'node:fs';
import path from 'node:path';

import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/config.js';
import { splitExamples } from '../../src/explorer/examples.js';
import { readTypeDefs } from '../../src/schema.js';

// The SDL the server is built from (schema/*.graphql), without resolvers.
const schema = buildSchema(readTypeDefs().join('\n'));
const source = readFileSync(path.join(projectRoot, 'src', 'client', 'operations', 'examples.graphql'), 'utf8');

describe('the explorer examples', () => {
  it('are all valid against the server schema', () => {
    expect(validate(schema, parse(source)).map((error) => error.message)).toEqual([]);
  });

  it('become one tab per named operation, in file order, each with its own comment', () => {
    const tabs = splitExamples(source);
    expect(tabs.map((tab) => tab.name)).toEqual([
      'EvidenceForOffer',
      'EvidenceForDecision',
      'EvidenceGaps',
      'Representativeness',
      'SupplierLandscape',
      'TrustStory',
      'SearchInsights',
      'EvidencePage',
      'StrengthOfOffer',
      'AnalyticsGaps',
      'AnalyticsRepresentativeness',
      'AnalyticsSupplierLandscape',
      'GoLiveImpact',
    ]);
    expect(tabs[0]!.query).toMatch(/^# Q1\. For a support offer/);
    expect(tabs[1]!.query).toMatch(/^# Q2\. /);
    expect(tabs.every((tab) => parse(tab.query).definitions.length === 1)).toBe(true);
  });
});
