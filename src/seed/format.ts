/**
 * The seed format, declared once: every file, its columns, their types, which are required, what each reference
 * names, the natural key, and where each row lands in the graph. Reading, validation, writing and pruning are all
 * driven by this list, and seeds/README.md documents the same contract for people.
 *
 * A node file becomes one node per row (label `label`, merged on `keyProperty`); its columns become properties
 * named in camelCase (`go_live_date` -> `goLiveDate`), except reference columns that declare a `relationship`,
 * which become that relationship to the referenced record instead. A month column is stored twice: as the
 * `YYYY-MM` string and, as `<property>Start`, the date of the month's first day. A partial date (an interview's date:
 * `2024`, `2024-05` or `2024-05-03`) is stored as written, as text (ISO text sorts in time order, a year before its
 * months), with its precision as `<property>Precision`: never as a date, which would invent a day.
 * A link file becomes one relationship per row between two records of other files; its other columns become the
 * relationship's properties.
 *
 * Long (some 680 lines) on purpose: it is the one declaration of all 26 files, read top to bottom like
 * seeds/README.md; split by file it would scatter the load order and the references it guarantees. Enum values come
 * from the SDL (ENUM_VALUES), labels' key properties from db/labels.ts.
 */

import { NATURAL_KEYS, type KeyedLabel } from '../db/labels.js';
import { ENUM_VALUES } from '../generated/enum-values.js';
import { INSTRUMENTS } from '../modules/confidence/instruments.js';

/** The types a cell can hold; each has a parser and an error message in validate.ts. */
export type ValueType =
  | 'text'
  | 'slug'
  | 'odsCode'
  | 'determinantId'
  | 'url'
  | 'year'
  | 'date'
  | 'partialDate'
  | 'month'
  | 'number'
  | 'integer'
  | 'boolean'
  | { enum: readonly string[] };

/** A relationship, seen from the node of the row: `out` is (row)-[:TYPE]->(referenced), `in` the reverse. */
export interface NodeRelationship {
  type: string;
  direction: 'out' | 'in';
}

/** A reference whose target file depends on another column of the row, such as `evidence_type`. */
export interface TypedReference {
  by: string;
  files: Readonly<Record<string, FileName>>;
}

export interface Column {
  name: string;
  type: ValueType;
  required: boolean;
  /** The file whose natural key the value names. */
  references?: FileName | TypedReference;
  /** Node files only: the reference becomes this relationship rather than a property. */
  relationship?: NodeRelationship;
  /**
   * Not a column of the file: the loader fills it after validation (studies.ts gives each research record its
   * study and its id within the study). Files never hold it, and a header naming it is refused as unknown.
   */
  derived?: true;
}

export interface NodeFile {
  shape: 'node';
  file: FileName;
  /** What one row is, for messages: "an insight". */
  noun: string;
  label: KeyedLabel;
  columns: readonly Column[];
  /** The natural key columns; several are joined with ':' into the key property (observations). */
  key: readonly string[];
  /** The label's natural key property (db/labels.ts), filled in from the table. */
  keyProperty: string;
}

/** One relationship: from the record `from` names to the record `to` names (both column names). */
export interface LinkRelationship {
  type: string;
  from: string;
  to: string;
}

export interface LinkFile {
  shape: 'link';
  file: FileName;
  noun: string;
  columns: readonly Column[];
  key: readonly string[];
  /** Fixed, or chosen per row by the value of a type column. */
  relationship: LinkRelationship | { by: string; cases: Readonly<Record<string, LinkRelationship>> };
}

export type SeedFile = NodeFile | LinkFile;

export type FileName =
  | 'sources.csv'
  | 'studies.csv'
  | 'trusts.csv'
  | 'suppliers.csv'
  | 'products.csv'
  | 'implementations.csv'
  | 'roles.csv'
  | 'determinants.csv'
  | 'determinant_sources.csv'
  | 'participants.csv'
  | 'interviews.csv'
  | 'interview_participants.csv'
  | 'insights.csv'
  | 'insight_determinants.csv'
  | 'workshops.csv'
  | 'workshop_participants.csv'
  | 'support_offers.csv'
  | 'offer_determinants.csv'
  | 'offer_evidence.csv'
  | 'policy_decisions.csv'
  | 'decision_evidence.csv'
  | 'observations.csv'
  | 'appraisals.csv'
  | 'appraisal_answers.csv'
  | 'judgements.csv'
  | 'confidence_judgements.csv';

/** The longest value a cell may hold, in characters. Longer ones are nearly always a broken quote or a paste error. */
export const MAX_VALUE_LENGTH = 10_000;

const STANCES = { enum: ENUM_VALUES.Stance };
const CONCERN_LEVELS = { enum: ENUM_VALUES.ConcernLevel };
const CONFIDENCE_LEVELS = { enum: ENUM_VALUES.ConfidenceLevel };
const APPRAISAL_INSTRUMENTS = Object.keys(INSTRUMENTS);
const APPRAISAL_QUESTION_IDS = Object.values(INSTRUMENTS).flatMap((spec) => spec.questions.map((q) => q.questionId));

function requiredColumn(name: string, type: ValueType, extra: Partial<Column> = {}): Column {
  return { name, type, required: true, ...extra };
}

function optionalColumn(name: string, type: ValueType, extra: Partial<Column> = {}): Column {
  return { name, type, required: false, ...extra };
}

/** Each node file merged on its label's natural key, from the one table of labels and keys. */
function withKeyProperties(files: ReadonlyArray<Omit<NodeFile, 'keyProperty'> | LinkFile>): SeedFile[] {
  return files.map((spec) => (spec.shape === 'node' ? { ...spec, keyProperty: NATURAL_KEYS[spec.label] } : spec));
}

/**
 * A file of typed evidence links: the subject's id, `evidence_type` (one of `targets`' keys, in their order) and
 * `evidence_id`, a record of that type's file; each type's relationship runs from the subject to the evidence, or
 * from the evidence to the subject (`fromEvidence`).
 */
function evidenceLinkFile(
  file: FileName,
  noun: string,
  [subjectColumn, subjectFile]: readonly [string, FileName],
  targets: Readonly<Record<string, { file: FileName; type: string; fromEvidence?: true }>>,
): LinkFile {
  const types = Object.entries(targets);
  return {
    shape: 'link',
    file,
    noun,
    key: [subjectColumn, 'evidence_type', 'evidence_id'],
    relationship: {
      by: 'evidence_type',
      cases: Object.fromEntries(
        types.map(([name, { type, fromEvidence }]) => [
          name,
          fromEvidence ? { type, from: 'evidence_id', to: subjectColumn } : { type, from: subjectColumn, to: 'evidence_id' },
        ]),
      ),
    },
    columns: [
      requiredColumn(subjectColumn, 'slug', { references: subjectFile }),
      requiredColumn('evidence_type', { enum: types.map(([name]) => name) }),
      requiredColumn('evidence_id', 'slug', {
        references: { by: 'evidence_type', files: Object.fromEntries(types.map(([name, target]) => [name, target.file])) },
      }),
    ],
  };
}

/** The `source_id` every record carries, stored as `sourceId`. */
const SOURCE_ID = requiredColumn('source_id', 'slug', { references: 'sources.csv' });
const ILLUSTRATIVE = requiredColumn('illustrative', 'boolean');

/** Trust types and NHS England regions: a trust's, or an interview's whose trust is unknown. */
export const TRUST_TYPES = ENUM_VALUES.TrustType;
export const REGIONS = ENUM_VALUES.Region;

/**
 * How the evidence of an interview was gathered: an interview proper (by video call, in person, by phone), or
 * evidence that is not an interview but is recorded as one: a published article or report (`PUBLISHED`) and a
 * survey response (`SURVEY`).
 */
export const INTERVIEW_METHODS = ENUM_VALUES.InterviewMethod;

/** The precision of a partial date, from how it is written: `2024`, `2024-05`, `2024-05-03`. */
export const DATE_PRECISIONS = ENUM_VALUES.DatePrecision;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export function datePrecision(written: string): DatePrecision {
  return written.length === 4 ? 'YEAR' : written.length === 7 ? 'MONTH' : 'DAY';
}

/** The values of studies.csv's `kind`: a study that holds records, or a published source appraised as a study. */
export const STUDY_KINDS = ENUM_VALUES.StudyKind;

/**
 * The study a research record belongs to and its id within the study (see studies.ts): derived, never in the files.
 * The record's stored key is built from both, so two studies' `p01` never meet.
 */
const STUDY_COLUMNS: readonly Column[] = [
  { name: 'study_id', type: 'slug', required: true, derived: true, references: 'studies.csv', relationship: { type: 'IN_STUDY', direction: 'out' } },
  { name: 'local_id', type: 'slug', required: true, derived: true },
];

/** Every seed file, in load order: a file's references point only at files before it. */
export const SEED_FILES: readonly SeedFile[] = withKeyProperties([
  {
    shape: 'node',
    file: 'sources.csv',
    noun: 'source',
    label: 'Source',
    key: ['id'],
    columns: [
      requiredColumn('id', 'slug'),
      requiredColumn('title', 'text'),
      requiredColumn('publisher', 'text'),
      optionalColumn('year', 'year'),
      optionalColumn('url', 'url'),
      requiredColumn('kind', { enum: ENUM_VALUES.SourceKind }),
      ILLUSTRATIVE,
      optionalColumn('note', 'text'),
    ],
  },
  {
    shape: 'node',
    file: 'studies.csv',
    noun: 'study',
    label: 'Study',
    key: ['id'],
    columns: [
      requiredColumn('id', 'slug'),
      requiredColumn('title', 'text'),
      requiredColumn('kind', { enum: STUDY_KINDS }),
      optionalColumn('unscoped_ids', 'boolean'),
      ILLUSTRATIVE,
      optionalColumn('note', 'text'),
      SOURCE_ID,
    ],
  },
  {
    shape: 'node',
    file: 'trusts.csv',
    noun: 'trust',
    label: 'Trust',
    key: ['ods_code'],
    columns: [
      requiredColumn('ods_code', 'odsCode'),
      requiredColumn('name', 'text'),
      requiredColumn('type', { enum: TRUST_TYPES }),
      requiredColumn('region', { enum: REGIONS }),
      optionalColumn('icb_code', 'text'),
      optionalColumn('icb_name', 'text'),
      SOURCE_ID,
      requiredColumn('type_source_id', 'slug', { references: 'sources.csv' }),
    ],
  },
  {
    shape: 'node',
    file: 'suppliers.csv',
    noun: 'supplier',
    label: 'Supplier',
    key: ['id'],
    columns: [requiredColumn('id', 'slug'), requiredColumn('name', 'text'), SOURCE_ID],
  },
  {
    shape: 'node',
    file: 'products.csv',
    noun: 'product',
    label: 'Product',
    key: ['id'],
    columns: [
      requiredColumn('id', 'slug'),
      requiredColumn('name', 'text'),
      requiredColumn('supplier_id', 'slug', { references: 'suppliers.csv', relationship: { type: 'MADE_BY', direction: 'out' } }),
      SOURCE_ID,
    ],
  },
  {
    shape: 'node',
    file: 'implementations.csv',
    noun: 'implementation',
    label: 'Implementation',
    key: ['id'],
    columns: [
      requiredColumn('id', 'slug'),
      requiredColumn('trust_ods_code', 'odsCode', {
        references: 'trusts.csv',
        relationship: { type: 'HAS_IMPLEMENTATION', direction: 'in' },
      }),
      requiredColumn('product_id', 'slug', { references: 'products.csv', relationship: { type: 'OF_PRODUCT', direction: 'out' } }),
      requiredColumn('status', { enum: ENUM_VALUES.ImplementationStatus }),
      optionalColumn('year', 'year'),
      optionalColumn('go_live_date', 'date'),
      optionalColumn('notes', 'text'),
      SOURCE_ID,
    ],
  },
  {
    shape: 'node',
    file: 'roles.csv',
    noun: 'role',
    label: 'Role',
    key: ['id'],
    columns: [requiredColumn('id', 'slug'), requiredColumn('name', 'text'), optionalColumn('description', 'text'), SOURCE_ID],
  },
  {
    shape: 'node',
    file: 'determinants.csv',
    noun: 'determinant',
    label: 'Determinant',
    key: ['id'],
    columns: [
      requiredColumn('id', 'determinantId'),
      requiredColumn('name', 'text'),
      requiredColumn('category', 'text'),
      requiredColumn('description', 'text'),
      // The review finding the determinant's evidence supports (modules/confidence); written for the bundled data.
      optionalColumn('finding', 'text'),
      optionalColumn('finding_illustrative', 'boolean'),
      SOURCE_ID,
    ],
  },
  {
    shape: 'link',
    file: 'determinant_sources.csv',
    noun: 'link from a source to a determinant',
    key: ['determinant_id', 'source_id'],
    relationship: { type: 'EVIDENCES', from: 'source_id', to: 'determinant_id' },
    columns: [
      requiredColumn('determinant_id', 'determinantId', { references: 'determinants.csv' }),
      requiredColumn('source_id', 'slug', { references: 'sources.csv' }),
      requiredColumn('stance', STANCES),
      optionalColumn('note', 'text'),
    ],
  },
  {
    shape: 'node',
    file: 'participants.csv',
    noun: 'participant',
    label: 'Participant',
    key: ['code'],
    columns: [
      requiredColumn('code', 'slug'),
      requiredColumn('role_id', 'slug', { references: 'roles.csv', relationship: { type: 'HOLDS_ROLE', direction: 'out' } }),
      optionalColumn('trust_ods_code', 'odsCode', { references: 'trusts.csv', relationship: { type: 'WORKS_AT', direction: 'out' } }),
      // How the record was made, where a reader of the evidence should know it ("trust inferred from the authors'
      // affiliation"); never a name.
      optionalColumn('note', 'text'),
      ILLUSTRATIVE,
      SOURCE_ID,
      ...STUDY_COLUMNS,
    ],
  },
  {
    shape: 'node',
    file: 'interviews.csv',
    noun: 'interview',
    label: 'Interview',
    key: ['id'],
    columns: [
      requiredColumn('id', 'slug'),
      // The name the interview had in the team's records or QDA tool ("Interview 03 - CCIO"); may identify people.
      optionalColumn('title', 'text'),
      requiredColumn('date', 'partialDate'),
      requiredColumn('method', { enum: INTERVIEW_METHODS }),
      // The trust the evidence is about. A survey response or an article may not say: then `trust_type` and `region`
      // say what is known (validate.ts), and the analytics count them without a trust.
      optionalColumn('trust_ods_code', 'odsCode', { references: 'trusts.csv', relationship: { type: 'AT', direction: 'out' } }),
      optionalColumn('trust_type', { enum: TRUST_TYPES }),
      optionalColumn('region', { enum: REGIONS }),
      optionalColumn('note', 'text'),
      ILLUSTRATIVE,
      SOURCE_ID,
      ...STUDY_COLUMNS,
    ],
  },
  {
    shape: 'link',
    file: 'interview_participants.csv',
    noun: 'link from an interview to a participant',
    key: ['interview_id', 'participant_code'],
    relationship: { type: 'WITH', from: 'interview_id', to: 'participant_code' },
    columns: [
      requiredColumn('interview_id', 'slug', { references: 'interviews.csv' }),
      requiredColumn('participant_code', 'slug', { references: 'participants.csv' }),
    ],
  },
  {
    shape: 'node',
    file: 'insights.csv',
    noun: 'insight',
    label: 'Insight',
    key: ['id'],
    columns: [
      requiredColumn('id', 'slug'),
      requiredColumn('interview_id', 'slug', { references: 'interviews.csv', relationship: { type: 'FROM', direction: 'out' } }),
      requiredColumn('summary', 'text'),
      // True when no one has summarised the insight yet (an imported selection without a memo): `summary` then holds
      // a placeholder, never the quote.
      optionalColumn('summary_pending', 'boolean'),
      optionalColumn('quote', 'text'),
      // Where the quote is in its transcript, in characters from its start (as REFI-QDA counts): [text_start, text_end).
      optionalColumn('text_start', 'integer'),
      optionalColumn('text_end', 'integer'),
      requiredColumn('sentiment', { enum: ENUM_VALUES.Sentiment }),
      // Who coded it: a QDA tool's user name.
      optionalColumn('coder', 'text'),
      ILLUSTRATIVE,
      SOURCE_ID,
      ...STUDY_COLUMNS,
    ],
  },
  {
    shape: 'link',
    file: 'insight_determinants.csv',
    noun: 'link from an insight to a determinant',
    key: ['insight_id', 'determinant_id'],
    relationship: { type: 'EVIDENCES', from: 'insight_id', to: 'determinant_id' },
    columns: [
      requiredColumn('insight_id', 'slug', { references: 'insights.csv' }),
      requiredColumn('determinant_id', 'determinantId', { references: 'determinants.csv' }),
      requiredColumn('stance', STANCES),
    ],
  },
  {
    shape: 'node',
    file: 'workshops.csv',
    noun: 'workshop',
    label: 'Workshop',
    key: ['id'],
    columns: [
      requiredColumn('id', 'slug'),
      requiredColumn('title', 'text'),
      requiredColumn('date', 'date'),
      requiredColumn('format', { enum: ENUM_VALUES.WorkshopFormat }),
      ILLUSTRATIVE,
      SOURCE_ID,
    ],
  },
  {
    shape: 'link',
    file: 'workshop_participants.csv',
    noun: 'link from a participant to a workshop',
    key: ['workshop_id', 'participant_code'],
    relationship: { type: 'ATTENDED', from: 'participant_code', to: 'workshop_id' },
    columns: [
      requiredColumn('workshop_id', 'slug', { references: 'workshops.csv' }),
      requiredColumn('participant_code', 'slug', { references: 'participants.csv' }),
    ],
  },
  {
    shape: 'node',
    file: 'support_offers.csv',
    noun: 'support offer',
    label: 'SupportOffer',
    key: ['id'],
    columns: [
      requiredColumn('id', 'slug'),
      requiredColumn('name', 'text'),
      requiredColumn('summary', 'text'),
      optionalColumn('description', 'text'),
      ILLUSTRATIVE,
      SOURCE_ID,
    ],
  },
  {
    shape: 'link',
    file: 'offer_determinants.csv',
    noun: 'link from a support offer to a determinant',
    key: ['offer_id', 'determinant_id'],
    relationship: { type: 'ADDRESSES', from: 'offer_id', to: 'determinant_id' },
    columns: [
      requiredColumn('offer_id', 'slug', { references: 'support_offers.csv' }),
      requiredColumn('determinant_id', 'determinantId', { references: 'determinants.csv' }),
    ],
  },
  evidenceLinkFile('offer_evidence.csv', 'piece of evidence for a support offer', ['offer_id', 'support_offers.csv'], {
    INSIGHT: { file: 'insights.csv', type: 'INFORMED_BY' },
    SOURCE: { file: 'sources.csv', type: 'INFORMED_BY' },
    // A workshop is evidence for an offer because it produced it.
    WORKSHOP: { file: 'workshops.csv', type: 'PRODUCED', fromEvidence: true },
  }),
  {
    shape: 'node',
    file: 'policy_decisions.csv',
    noun: 'policy decision',
    label: 'PolicyDecision',
    key: ['id'],
    columns: [
      requiredColumn('id', 'slug'),
      requiredColumn('name', 'text'),
      requiredColumn('summary', 'text'),
      optionalColumn('description', 'text'),
      optionalColumn('date', 'date'),
      ILLUSTRATIVE,
      SOURCE_ID,
    ],
  },
  evidenceLinkFile('decision_evidence.csv', 'piece of evidence for a policy decision', ['decision_id', 'policy_decisions.csv'], {
    OFFER: { file: 'support_offers.csv', type: 'INFORMED_BY' },
    INSIGHT: { file: 'insights.csv', type: 'INFORMED_BY' },
    SOURCE: { file: 'sources.csv', type: 'INFORMED_BY' },
  }),
  {
    shape: 'node',
    file: 'observations.csv',
    noun: 'observation',
    label: 'Observation',
    key: ['trust_ods_code', 'metric', 'period'],
    columns: [
      requiredColumn('trust_ods_code', 'odsCode', {
        references: 'trusts.csv',
        relationship: { type: 'REPORTED', direction: 'in' },
      }),
      requiredColumn('metric', { enum: ENUM_VALUES.Metric }),
      requiredColumn('period', 'month'),
      requiredColumn('value', 'number'),
      optionalColumn('numerator', 'integer'),
      optionalColumn('denominator', 'integer'),
      SOURCE_ID,
    ],
  },
  // Confidence in the evidence (GRADE-CERQual; modules/confidence): study appraisals and researchers' judgements.
  {
    shape: 'node',
    file: 'appraisals.csv',
    noun: 'study appraisal',
    label: 'Appraisal',
    key: ['id'],
    columns: [
      requiredColumn('id', 'slug'),
      requiredColumn('study_id', 'slug', { references: 'studies.csv' }),
      requiredColumn('instrument', { enum: APPRAISAL_INSTRUMENTS }),
      requiredColumn('level', CONCERN_LEVELS),
      requiredColumn('relevance', { enum: ENUM_VALUES.StudyRelevance }),
      requiredColumn('appraised_by', 'text'),
      requiredColumn('appraised_on', 'date'),
      optionalColumn('note', 'text'),
      ILLUSTRATIVE,
      SOURCE_ID,
    ],
  },
  {
    shape: 'node',
    file: 'appraisal_answers.csv',
    noun: 'answer of a study appraisal',
    label: 'AppraisalAnswer',
    key: ['appraisal_id', 'question_id'],
    columns: [
      requiredColumn('appraisal_id', 'slug', { references: 'appraisals.csv', relationship: { type: 'HAS_ANSWER', direction: 'in' } }),
      requiredColumn('question_id', { enum: APPRAISAL_QUESTION_IDS }),
      requiredColumn('answer', { enum: ENUM_VALUES.AppraisalAnswerValue }),
      optionalColumn('comment', 'text'),
    ],
  },
  {
    shape: 'node',
    file: 'judgements.csv',
    noun: 'judgement of a GRADE-CERQual component',
    label: 'Judgement',
    key: ['finding_id', 'component'],
    columns: [
      requiredColumn('finding_id', 'determinantId', { references: 'determinants.csv', relationship: { type: 'JUDGES', direction: 'out' } }),
      requiredColumn('component', { enum: ENUM_VALUES.CerqualComponent }),
      requiredColumn('level', CONCERN_LEVELS),
      optionalColumn('explanation', 'text'),
      requiredColumn('suggested_level', CONCERN_LEVELS),
      requiredColumn('judged_by', 'text'),
      requiredColumn('judged_on', 'date'),
      ILLUSTRATIVE,
      SOURCE_ID,
    ],
  },
  {
    shape: 'node',
    file: 'confidence_judgements.csv',
    noun: 'judgement of the confidence in a finding',
    label: 'ConfidenceJudgement',
    key: ['finding_id'],
    columns: [
      requiredColumn('finding_id', 'determinantId', { references: 'determinants.csv', relationship: { type: 'JUDGES', direction: 'out' } }),
      requiredColumn('level', CONFIDENCE_LEVELS),
      requiredColumn('explanation', 'text'),
      requiredColumn('suggested_level', CONFIDENCE_LEVELS),
      requiredColumn('judged_by', 'text'),
      requiredColumn('judged_on', 'date'),
      ILLUSTRATIVE,
      SOURCE_ID,
    ],
  },
]);

/** The files by name. */
export const SEED_FILE_BY_NAME: ReadonlyMap<FileName, SeedFile> = new Map(SEED_FILES.map((spec) => [spec.file, spec]));

export function seedFile(file: FileName): SeedFile {
  const spec = SEED_FILE_BY_NAME.get(file);
  if (!spec) throw new Error(`No seed file named ${file}.`);
  return spec;
}

export function nodeFile(file: FileName): NodeFile {
  const spec = seedFile(file);
  if (spec.shape !== 'node') throw new Error(`${file} holds links, not records of one kind.`);
  return spec;
}

/** The columns a file holds (all but the derived ones), in the format's order. */
export function fileColumns(spec: SeedFile): Column[] {
  return spec.columns.filter((column) => !column.derived);
}

/** "go_live_date" -> "goLiveDate": the property a column is stored in. */
export function propertyName(column: string): string {
  return column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** One relationship a link file can become, with the files of the records at its two ends. */
export interface LinkCase {
  /** The value of the type column that selects it; undefined for a file with one relationship. */
  value: string | undefined;
  relationship: LinkRelationship;
  from: NodeFile;
  to: NodeFile;
}

/** Every relationship a link file can become. */
export function linkCases(spec: LinkFile): LinkCase[] {
  const { relationship } = spec;
  const cases: Array<[string | undefined, LinkRelationship]> = 'by' in relationship ? Object.entries(relationship.cases) : [[undefined, relationship]];
  return cases.map(([value, chosen]) => {
    const row: SeedRow = 'by' in relationship && value !== undefined ? { [relationship.by]: value } : {};
    const end = (columnName: string): NodeFile => {
      const column = spec.columns.find((candidate) => candidate.name === columnName);
      const file = column ? referencedFile(column, row) : undefined;
      if (!file) throw new Error(`${spec.file}: column ${columnName} names no file for ${value ?? 'its rows'}.`);
      return nodeFile(file);
    };
    return { value, relationship: chosen, from: end(chosen.from), to: end(chosen.to) };
  });
}

/** The file a reference column of one row points into. */
export function referencedFile(column: Column, row: SeedRow): FileName | undefined {
  const { references } = column;
  if (references === undefined || typeof references === 'string') return references;
  return references.files[String(row[references.by])];
}

/** A parsed cell: text, number, boolean, or null for an empty optional cell. Dates and months stay ISO strings. */
export type Value = string | number | boolean | null;

/** One record, keyed by column name. */
export type SeedRow = Readonly<Record<string, Value>>;

/** Every file's records: what validation produces, the synthetic generator extends and the writer writes. */
export type Dataset = { readonly [F in FileName]: readonly SeedRow[] };

/** The natural key of a row, as stored: one column's value, or several joined with ':'. */
export function keyOf(spec: SeedFile, row: SeedRow): string {
  return spec.key.map((column) => String(row[column])).join(':');
}
