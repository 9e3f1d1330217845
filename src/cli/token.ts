/**
 * `npm run token -- --role analyst [--sub name] [--expires 8h]`: prints a development bearer token signed with
 * JWT_SECRET, for curl, the explorer or tests. Production tokens come from your identity provider (JWT_JWKS_URL).
 */
import { parseArgs } from 'node:util';

import { mintToken } from '../auth/tokens.js';
import { ACCESS_ROLES, ConfigError, loadConfig, type AccessRole } from '../config.js';

function fail(message: string): never {
  process.stderr.write(`${message}\nUsage: npm run token -- --role ${ACCESS_ROLES.join('|')} [--sub name] [--expires 8h]\n`);
  process.exit(1);
}

try {
  const { values } = parseArgs({
    options: { role: { type: 'string' }, sub: { type: 'string' }, expires: { type: 'string', default: '8h' } },
  });
  const role = values.role;
  if (!role || !(ACCESS_ROLES as readonly string[]).includes(role)) fail(`--role must be one of ${ACCESS_ROLES.join(', ')} (got ${role ?? 'nothing'}).`);
  const { auth } = loadConfig();
  if (!auth.secret) fail('JWT_SECRET is not set: the token is signed with it, and the server verifies it with the same secret.');
  const token = await mintToken({
    secret: auth.secret,
    role: role as AccessRole,
    subject: values.sub ?? `dev-${role}`,
    expiresIn: values.expires,
    issuer: auth.issuer,
    audience: auth.audience,
  });
  process.stdout.write(`${token}\n`);
} catch (error) {
  fail(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
}
