import { readFileSync } from 'node:fs';
import path from 'node:path';

import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/config.js';
import { documentRole } from '../../src/auth/field-roles.js';
import { splitExamples } from '../../src/explorer/examples.js';
import { readTypeDefs } from '../../src/schema.js';

// The SDL the server is built from (schema/*.graphql), without resolvers.
const schema = buildSchema(readTypeDefs().join('\n'));
const source = readFileSync(path.join(projectRoot, 'src', 'client', 'operations', 'examples.graphql'), 'utf8');

/** The role each example needs: the explorer shows it to that role and above. */
const ROLES = {
  EvidenceForOffer: 'analyst',
  EvidenceForDecision: 'analyst',
  DecisionAtAGlance: 'viewer',
  EvidenceGaps: 'viewer',
  Representativeness: 'viewer',
  SupplierLandscape: 'viewer',
  TrustStory: 'analyst',
  TrustInterviews: 'researcher',
  SearchInsights: 'analyst',
  EvidencePage: 'analyst',
  StrengthOfOffer: 'viewer',
  AnalyticsGaps: 'viewer',
  AnalyticsRepresentativeness: 'viewer',
  AnalyticsSupplierLandscape: 'viewer',
  GoLiveImpact: 'viewer',
};

describe('the explorer examples', () => {
  it('each need the role the explorer shows them to, read from the @auth directives', () => {
    const roles = Object.fromEntries(splitExamples(source).map((tab) => [tab.name, documentRole(schema, parse(tab.query))]));
    expect(roles).toEqual(ROLES);
  });

  it('are all valid against the server schema', () => {
    expect(validate(schema, parse(source)).map((error) => error.message)).toEqual([]);
  });

  it('become one tab per named operation, in file order, each with its own comment', () => {
    const tabs = splitExamples(source);
    expect(tabs.map((tab) => tab.name)).toEqual(Object.keys(ROLES));
    expect(tabs[0]!.query).toMatch(/^# Q1\. For a support offer/);
    expect(tabs[1]!.query).toMatch(/^# Q2\. /);
    expect(tabs.every((tab) => parse(tab.query).definitions.length === 1)).toBe(true);
  });
});
