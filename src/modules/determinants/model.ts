import type { Stance } from '../../generated/resolvers.js';

export interface DeterminantModel {
  id: string;
  name: string;
  category: string;
  description: string;
  sourceId: string;
  /** The statement of its review finding (modules/confidence), when written. */
  finding?: string | null;
  findingIllustrative?: boolean | null;
}

export interface SourceLinkModel {
  sourceId: string;
  stance: Stance;
  note: string | null;
}
