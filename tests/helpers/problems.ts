/** The problems a load or an import refused its input with, formatted as the commands print them. */
import { formatProblem, SeedValidationError } from '../../src/seed/problems.js';

/** Awaits `work`, which must be refused with a SeedValidationError; an accepted load fails the test. */
export async function problemsOf(work: Promise<unknown>): Promise<string[]> {
  try {
    await work;
  } catch (error) {
    if (error instanceof SeedValidationError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error('the input was accepted');
}
