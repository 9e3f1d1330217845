/** A problem starting or stopping the project's own Neo4j, with the step a user can take to fix it. */
export class LocalNeo4jError extends Error {
  override name = 'LocalNeo4jError';

  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }

  /** Message and hint as one text for a terminal. */
  describe(): string {
    return `${this.message}\nHow to fix: ${this.hint}`;
  }
}
