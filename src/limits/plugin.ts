/**
 * Refuses, before anything runs, an operation over a limit: depth, cost, aliases, directives. It measures in the
 * `didResolveOperation` hook, after validation and before execution, where the variables are known. The document's
 * token count and the body's size are refused earlier, before parsing, by middleware.ts.
 */
import type { ApolloServerPlugin } from '@apollo/server';

import type { QueryLimits } from '../config.js';
import { COST_CEILING, measureOperation } from './measure.js';
import { tooComplex, type Violation } from './refusal.js';

export function queryLimitsPlugin(limits: Readonly<QueryLimits>): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return; // Apollo has already refused a document without the named operation
          const measure = measureOperation(schema, document, operation, request.variables ?? {});
          const violations: Violation[] = [];
          const check = (limit: Violation['limit'], value: number, max: number) => {
            if (value > max) violations.push({ limit, value, max, ...(value >= COST_CEILING && { atLeast: true }) });
          };
          check('depth', measure.depth, limits.maxDepth);
          check('aliases', measure.aliases, limits.maxAliases);
          check('directives', measure.directives, limits.maxDirectives);
          check('cost', measure.cost, limits.maxCost);
          if (violations.length > 0) throw tooComplex(violations);
        },
      };
    },
  };
}
