/**
 * Who is asking: the role a request acts with, from its bearer token or the anonymous role of the configuration.
 */
import { ACCESS_ROLES, type AccessRole } from '../config.js';

export type Viewer =
  | { kind: 'authenticated'; subject: string; role: AccessRole }
  | { kind: 'anonymous'; role: AccessRole };

/** True when `role` has the rights of `required` (a higher role has every lower role's rights). */
export function hasRole(role: AccessRole, required: AccessRole): boolean {
  return ACCESS_ROLES.indexOf(role) >= ACCESS_ROLES.indexOf(required);
}

/** The name a change is recorded under: the token's subject, or `anonymous`. */
export function actorOf(viewer: Viewer | null): string {
  return viewer?.kind === 'authenticated' ? viewer.subject : 'anonymous';
}
