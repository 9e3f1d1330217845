/**
 * The executable schema: the SDL in schema/*.graphql joined with every module's resolvers.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';

import { applyAuthDirective } from './auth/directive.js';
import { projectRoot } from './config.js';
import { analyticsResolvers } from './modules/analytics/resolvers.js';
import { confidenceResolvers } from './modules/confidence/resolvers.js';
import { curationResolvers } from './modules/curation/resolvers.js';
import { determinantResolvers } from './modules/determinants/resolvers.js';
import { nodeResolvers } from './modules/node/resolvers.js';
import { outcomeResolvers } from './modules/outcomes/resolvers.js';
import { performanceResolvers } from './modules/performance/resolvers.js';
import { provenanceResolvers } from './modules/provenance/resolvers.js';
import { researchResolvers } from './modules/research/resolvers.js';
import { supplierResolvers } from './modules/suppliers/resolvers.js';
import { systemResolvers } from './modules/system/resolvers.js';
import { trustResolvers } from './modules/trusts/resolvers.js';
import { studyResolvers } from './modules/studies/resolvers.js';
import { scalarResolvers } from './scalars.js';

export const schemaDirectory = path.join(projectRoot, 'schema');

/** The SDL files in a stable order, so the printed schema never changes by accident. */
export function readTypeDefs(): string[] {
  return readdirSync(schemaDirectory)
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => readFileSync(path.join(schemaDirectory, name), 'utf8'));
}

/** The schema with its resolvers, every field guarded by the role its `@auth` directive names. */
export function buildSchema(): GraphQLSchema {
  const schema = makeExecutableSchema({
    typeDefs: readTypeDefs(),
    resolvers: [
      scalarResolvers,
      systemResolvers,
      nodeResolvers,
      provenanceResolvers,
      studyResolvers,
      trustResolvers,
      supplierResolvers,
      researchResolvers,
      determinantResolvers,
      outcomeResolvers,
      performanceResolvers,
      analyticsResolvers,
      curationResolvers,
      confidenceResolvers,
    ],
    inheritResolversFromInterfaces: true,
  });
  return applyAuthDirective(schema);
}
