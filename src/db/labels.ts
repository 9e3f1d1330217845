/**
 * The graph's labels and their natural keys, written once. The migrations put a uniqueness constraint on each key
 * (it also backs the seed loader's MERGEs), the seed format merges each node file's rows on its label's key, the
 * shared repository looks records up by it, and `node(id:)` accepts a global id of every label in NODE_LABELS.
 * Adding a label is one line here (and, for an API type, one in NODE_LABELS and a loader in `node`).
 */

/** Every label whose nodes carry a natural key, and that key's property. */
export const NATURAL_KEYS = {
  Trust: 'odsCode',
  Source: 'id',
  Study: 'id',
  Supplier: 'id',
  Product: 'id',
  Implementation: 'id',
  Role: 'id',
  Participant: 'code',
  Interview: 'id',
  Insight: 'id',
  Determinant: 'id',
  Workshop: 'id',
  SupportOffer: 'id',
  PolicyDecision: 'id',
  Observation: 'id',
  AuditEntry: 'id',
  Appraisal: 'id',
  AppraisalAnswer: 'id',
  Judgement: 'id',
  ConfidenceJudgement: 'id',
  EvidenceAggregate: 'id',
  SchemaMigration: 'name',
} as const;

export type KeyedLabel = keyof typeof NATURAL_KEYS;

/** The labels that are API types implementing `Node` (same name as label): what `node(id:)` may fetch. */
export const NODE_LABELS = [
  'Trust',
  'Source',
  'Study',
  'Supplier',
  'Product',
  'Implementation',
  'Role',
  'Participant',
  'Interview',
  'Insight',
  'Determinant',
  'Workshop',
  'SupportOffer',
  'PolicyDecision',
  'Observation',
] as const satisfies readonly KeyedLabel[];

export type NodeLabel = (typeof NODE_LABELS)[number];
