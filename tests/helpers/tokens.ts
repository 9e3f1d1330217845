/** Development tokens for tests, signed with the secret the test servers are started with. */
import type { AccessRole } from '../../src/config.js';
import { mintToken } from '../../src/auth/tokens.js';

export const TEST_JWT_SECRET = 'test-secret-of-at-least-thirty-two-bytes!';

export async function bearer(role: AccessRole, subject = `test-${role}`): Promise<Record<string, string>> {
  const token = await mintToken({ secret: TEST_JWT_SECRET, role, subject, expiresIn: '5m' });
  return { authorization: `Bearer ${token}` };
}
