/** The consistency check of the maintained evidence aggregates, for the tests of every write path. */
import { expect } from 'vitest';

import type { Database } from '../../src/db/database.js';
import { checkEvidenceAggregates } from '../../src/modules/evidence/aggregates.js';

/** Fails, naming each difference, unless every stored aggregate equals a fresh computation. Use in `afterEach`. */
export async function expectEvidenceAggregatesCurrent(db: Database): Promise<void> {
  expect(await checkEvidenceAggregates(db)).toEqual([]);
}
