/**
 * Relay global object identification: a global id is base64url("<Type>:<natural key>"), opaque to clients and
 * stable across restarts because it is built from the natural key.
 */
export function toGlobalId(type: string, key: string): string {
  return Buffer.from(`${type}:${key}`, 'utf8').toString('base64url');
}

/** The type and natural key inside a global id, or null when the id is not one of ours. */
export function fromGlobalId(id: string): { type: string; key: string } | null {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0 || colon === decoded.length - 1) return null;
  return { type: decoded.slice(0, colon), key: decoded.slice(colon + 1) };
}
