/**
 * ISO-8601 scalars. Values travel as strings; input is checked so a malformed date is a clear BAD_USER_INPUT
 * error rather than a silent mismatch in Cypher.
 */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

import type { Resolvers } from './generated/resolvers.js';
import { ErrorCode } from './errors.js';

function isoScalar(name: string, description: string, pattern: RegExp, example: string, isValid: (value: string) => boolean) {
  const check = (value: unknown): string => {
    if (typeof value !== 'string' || !pattern.test(value) || !isValid(value)) {
      throw new GraphQLError(`${name} must be ${description}, for example "${example}" (got ${JSON.stringify(value)}).`, {
        extensions: { code: ErrorCode.BAD_USER_INPUT },
      });
    }
    return value;
  };
  return new GraphQLScalarType<string, string>({
    name,
    description: `${description}, for example "${example}".`,
    serialize: (value) => String(value),
    parseValue: check,
    parseLiteral: (ast: ValueNode) => check(ast.kind === Kind.STRING ? ast.value : undefined),
  });
}

const isRealDate = (value: string) =>
  !Number.isNaN(Date.parse(`${value.slice(0, 10)}T00:00:00Z`)) && new Date(`${value.slice(0, 10)}T00:00:00Z`).toISOString().startsWith(value.slice(0, 10));

export const DateScalar = isoScalar('Date', 'an ISO-8601 date (YYYY-MM-DD)', /^\d{4}-\d{2}-\d{2}$/, '2023-03-13', isRealDate);
export const MonthScalar = isoScalar('Month', 'an ISO-8601 month (YYYY-MM)', /^\d{4}-(0[1-9]|1[0-2])$/, '2024-06', () => true);
export const DateTimeScalar = isoScalar(
  'DateTime',
  'an ISO-8601 date-time with offset',
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/,
  '2023-03-13T10:00:00Z',
  (value) => !Number.isNaN(Date.parse(value)),
);

export const scalarResolvers: Resolvers = { Date: DateScalar, Month: MonthScalar, DateTime: DateTimeScalar };
