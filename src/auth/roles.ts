/** The access roles, lowest first: each role has the rights of those before it. No imports: the pages use it too. */
export const ACCESS_ROLES = ['viewer', 'analyst', 'researcher'] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];

/** True when `role` has the rights of `required` (a higher role has every lower role's rights). */
export function hasRole(role: AccessRole, required: AccessRole): boolean {
  return ACCESS_ROLES.indexOf(role) >= ACCESS_ROLES.indexOf(required);
}

/** The higher of two roles. */
export function higherRole(a: AccessRole, b: AccessRole): AccessRole {
  return hasRole(a, b) ? a : b;
}
