/**
 * An import refused before anything was written. It is the seed loader's validation error, so the commands, the
 * tests and users meet one kind of "bad input, nothing written" whether it came from CSV files or a QDA project.
 */
import { SeedValidationError, type Problem } from '../seed/problems.js';

export class ImportRefusal extends SeedValidationError {
  override name = 'ImportRefusal';

  constructor(messageOrProblems: string | readonly Problem[]) {
    super(typeof messageOrProblems === 'string' ? [{ message: messageOrProblems }] : messageOrProblems);
  }
}
