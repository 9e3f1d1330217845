/**
 * Who is asking: the role a request acts with, from its bearer token or the anonymous role of the configuration.
 */
import type { AccessRole } from './roles.js';

export { hasRole } from './roles.js';

export type Viewer = { kind: 'authenticated'; subject: string; role: AccessRole } | { kind: 'anonymous'; role: AccessRole };

/** The name a change is recorded under: the token's subject, or `anonymous`. */
export function actorOf(viewer: Viewer | null): string {
  return viewer?.kind === 'authenticated' ? viewer.subject : 'anonymous';
}
