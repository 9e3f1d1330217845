import type { Stance } from '../../generated/resolvers.js';

export interface DeterminantModel {
  id: string;
  name: string;
  category: string;
  description: string;
  sourceId: string;
}

export interface SourceLinkModel {
  sourceId: string;
  stance: Stance;
  note: string | null;
}
