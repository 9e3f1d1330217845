import { packageVersion } from '../../version.js';
import type { AccessRole, Resolvers } from '../../generated/resolvers.js';
import { findServerInfo } from './repository.js';

export const systemResolvers: Resolvers = {
  Query: {
    serverInfo: (_parent, _args, { db }) => findServerInfo(db),
    // The directive lets no request without a role this far, so the viewer is set here.
    accessRole: (_parent, _args, { viewer }) => (viewer?.role.toUpperCase() ?? 'VIEWER') as AccessRole,
  },
  ServerInfo: {
    version: () => packageVersion,
  },
};
