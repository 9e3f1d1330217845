import { ENUM_VALUES } from '../generated/enum-values.js';

/**
 * The access roles, lowest first: each role has the rights of those before it. The SDL's AccessRole enum, in its
 * order, spelt as tokens and configuration spell them (lower case). Imports only generated values: the pages use it too.
 */
export const ACCESS_ROLES: ReadonlyArray<Lowercase<(typeof ENUM_VALUES.AccessRole)[number]>> = ENUM_VALUES.AccessRole.map(
  (role) => role.toLowerCase() as Lowercase<typeof role>,
);
export type AccessRole = (typeof ACCESS_ROLES)[number];

/** True when `role` has the rights of `required` (a higher role has every lower role's rights). */
export function hasRole(role: AccessRole, required: AccessRole): boolean {
  return ACCESS_ROLES.indexOf(role) >= ACCESS_ROLES.indexOf(required);
}

/** The higher of two roles. */
export function higherRole(a: AccessRole, b: AccessRole): AccessRole {
  return hasRole(a, b) ? a : b;
}
