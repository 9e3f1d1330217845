import type { StudyKind } from '../../generated/resolvers.js';

/** A study as stored (see src/seed/studies.ts for how research records are placed in one). */
export interface StudyModel {
  id: string;
  title: string;
  kind: StudyKind;
  illustrative: boolean;
  note: string | null;
  sourceId: string;
  /** True for the bundled study, whose records keep ids without the study prefix. */
  unscopedIds: boolean | null;
}
