import type { SourceKind } from '../../generated/resolvers.js';

export interface SourceModel {
  id: string;
  title: string;
  publisher: string;
  year: number | null;
  url: string | null;
  kind: SourceKind;
  illustrative: boolean;
  note: string | null;
}
