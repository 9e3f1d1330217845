import { packageVersion } from '../../version.js';
import type { Resolvers } from '../../generated/resolvers.js';
import { findServerInfo } from './repository.js';

export const systemResolvers: Resolvers = {
  Query: {
    serverInfo: (_parent, _args, { db }) => findServerInfo(db),
  },
  ServerInfo: {
    version: () => packageVersion,
  },
};
