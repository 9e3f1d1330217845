/**
 * The refusal of a request over a limit, one wording for the Apollo plugin (plugin.ts) and the HTTP middleware
 * (middleware.ts): QUERY_TOO_COMPLEX, naming each limit, the value and by how much it is over.
 */
import { GraphQLError } from 'graphql';

import { ErrorCode } from '../errors.js';

export interface Violation {
  limit: 'depth' | 'cost' | 'aliases' | 'directives' | 'tokens' | 'bodySize';
  value: number;
  max: number;
  /** True when `value` is a lower bound: a body sent in chunks is cut off at the limit, a cost stops counting. */
  atLeast?: boolean;
}

const ADVICE: Record<Violation['limit'], string> = {
  depth: 'Ask for less nested data, or split the query.',
  cost: 'Ask for smaller pages (`first`) in nested connections, or split the query.',
  aliases: 'Use fewer aliases, or split the query.',
  directives: 'Use fewer directives.',
  tokens: 'Send a shorter query, or split it.',
  bodySize: 'Send a smaller request.',
};

const LABELS: Record<Violation['limit'], string> = {
  depth: 'Query depth',
  cost: 'Query cost',
  aliases: 'Alias count',
  directives: 'Directive count',
  tokens: 'Token count',
  bodySize: 'Request body size',
};

function describe({ limit, value, max, atLeast }: Violation): string {
  const unit = limit === 'bodySize' ? ' bytes' : '';
  if (atLeast) return `${LABELS[limit]} of at least ${value}${unit} exceeds the limit of ${max}${unit}. ${ADVICE[limit]}`;
  return `${LABELS[limit]} ${value}${unit} exceeds the limit of ${max}${unit} by ${value - max}. ${ADVICE[limit]}`;
}

export function tooComplex(violations: Violation[]): GraphQLError {
  return new GraphQLError(violations.map(describe).join(' '), {
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limits: violations, http: { status: 400 } },
  });
}
