/**
 * The default case of an exhaustive `switch` over a union or enum: `default: return assertNever(value)`.
 *
 * It type-checks only while every member has its case, so a member added to the union fails `npm run typecheck` at
 * each switch that has not learnt it. At run time it is reached only by a value the types did not allow (data
 * from outside that skipped validation), and says which. No imports: the browser pages use it too.
 */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(value)} is not one of the cases this switch handles`);
}
