/**
 * The mapping file: what a team writes once per study to say what its coding means in the graph (format and
 * examples: README "Import from NVivo, ATLAS.ti or MAXQDA", seeds/examples/ward-rollout/mapping.yaml). YAML or JSON
 * (JSON is YAML). Every problem is reported at once, with the key path in the file and what is allowed.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { parseDocument } from 'yaml';

import { ENUM_VALUES } from '../generated/enum-values.js';
import { parseValue } from '../seed/validate.js';
import { showValue, type Problem } from '../seed/problems.js';
import { INTERVIEW_METHODS, type ValueType } from '../seed/format.js';
import { ImportRefusal } from './refusal.js';

export const STUDY_KINDS = ENUM_VALUES.StudyKind;
export const SOURCE_KINDS = ENUM_VALUES.SourceKind;
export const STANCES = ENUM_VALUES.Stance;
export const SENTIMENTS = ENUM_VALUES.Sentiment;
/** An interview's methods, the seed format's: also PUBLISHED (an article or report) and SURVEY (a survey response). */
export const METHODS = INTERVIEW_METHODS;
export const SUMMARY_ORIGINS = ['description', 'note'] as const;

export type Stance = (typeof STANCES)[number];
export type Sentiment = (typeof SENTIMENTS)[number];
export type Method = (typeof METHODS)[number];
export type SummaryOrigin = (typeof SUMMARY_ORIGINS)[number];

export interface NewDeterminant {
  id: string;
  name: string;
  category: string;
  description: string;
}

/** What a code (or every member code of a set) means. */
export type CodeRule =
  | { kind: 'determinant'; determinantId: string; stance?: Stance }
  | { kind: 'create'; determinant: NewDeterminant; stance?: Stance }
  | { kind: 'stance'; stance: Stance }
  | { kind: 'sentiment'; sentiment: Sentiment }
  | { kind: 'ignore' };

export interface StudySource {
  id: string;
  title: string;
  publisher: string;
  year: number | null;
  url: string | null;
  kind: (typeof SOURCE_KINDS)[number];
}

export interface Mapping {
  file: string;
  study: {
    id: string;
    title: string;
    kind: (typeof STUDY_KINDS)[number];
    illustrative: boolean;
    note: string | null;
    source: StudySource;
  };
  /** By code path ("Parent/Child") or code name. */
  codes: ReadonlyMap<string, CodeRule>;
  /** By set name: the rule of every member code that `codes` does not name. */
  sets: ReadonlyMap<string, CodeRule>;
  /** Names of the variables (on cases or sources) that give each field. */
  variables: { participant?: string; role: string; trust?: string; date?: string; method?: string };
  /** Variable values -> graph values; a role value not listed is slugified ("CNIO" -> cnio). */
  values: { role: ReadonlyMap<string, string>; method: ReadonlyMap<string, Method> };
  defaults: { method?: Method; sentiment: Sentiment };
  /** Where an insight's summary comes from, first found wins; none found: the insight is marked summary pending. */
  summary: readonly SummaryOrigin[];
}

/** Reads and checks a mapping file; throws ImportRefusal listing every problem. */
export async function readMapping(file: string): Promise<Mapping> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ImportRefusal(`No mapping file ${file}; --mapping takes the YAML or JSON file that says what your codes mean (see the README).`);
  }
  return parseMapping(text, path.basename(file));
}

/** Parses mapping text (YAML or JSON); `name` is used in messages. */
export function parseMapping(text: string, name: string): Mapping {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new ImportRefusal(document.errors.map((error) => ({ file: name, message: `is not valid YAML or JSON: ${error.message.split('\n')[0] ?? ''}` })));
  }
  // No aliases: a mapping never needs them, and refusing them stops an alias bomb.
  let root: unknown;
  try {
    root = document.toJS({ maxAliasCount: 0 });
  } catch (error) {
    throw new ImportRefusal([
      { file: name, message: `cannot be read: ${error instanceof Error ? error.message : String(error)}; write the mapping without YAML aliases (*name)` },
    ]);
  }
  const problems: Problem[] = [];
  const reader = new Reader(name, problems);
  const top = reader.object(root, '');
  reader.known(top, '', ['study', 'codes', 'sets', 'variables', 'values', 'defaults', 'summary']);

  const studyNode = reader.object(top.study, 'study');
  reader.known(studyNode, 'study', ['id', 'title', 'kind', 'illustrative', 'note', 'source']);
  const studyId = reader.typed(studyNode.id, 'study.id', 'slug', true) ?? '';
  const sourceNode = reader.object(studyNode.source, 'study.source');
  reader.known(sourceNode, 'study.source', ['id', 'title', 'publisher', 'year', 'url', 'kind']);
  const study: Mapping['study'] = {
    id: studyId,
    title: reader.typed(studyNode.title, 'study.title', 'text', true) ?? '',
    kind: reader.oneOf(studyNode.kind ?? 'INTERVIEW_STUDY', 'study.kind', STUDY_KINDS) ?? 'INTERVIEW_STUDY',
    illustrative: reader.boolean(studyNode.illustrative, 'study.illustrative'),
    note: reader.typed(studyNode.note, 'study.note', 'text', false) ?? null,
    source: {
      id: sourceNode.id === undefined ? studyId : (reader.typed(sourceNode.id, 'study.source.id', 'slug', true) ?? studyId),
      title: reader.typed(sourceNode.title, 'study.source.title', 'text', true) ?? '',
      publisher: reader.typed(sourceNode.publisher, 'study.source.publisher', 'text', true) ?? '',
      year: (reader.typed(sourceNode.year, 'study.source.year', 'year', false) as number | undefined) ?? null,
      url: reader.typed(sourceNode.url, 'study.source.url', 'url', false) ?? null,
      kind: reader.oneOf(sourceNode.kind ?? 'PROJECT', 'study.source.kind', SOURCE_KINDS) ?? 'PROJECT',
    },
  };

  const rules = (node: unknown, at: string) => {
    const map = new Map<string, CodeRule>();
    for (const [key, value] of Object.entries(reader.object(node ?? {}, at))) {
      const rule = reader.codeRule(value, `${at}.${JSON.stringify(key)}`);
      if (rule) map.set(key.trim(), rule);
    }
    return map;
  };
  const codes = rules(top.codes, 'codes');
  const sets = rules(top.sets, 'sets');
  const created = [...codes.values(), ...sets.values()].flatMap((rule) => (rule.kind === 'create' ? [rule.determinant.id] : []));
  for (const id of new Set(created)) {
    if (created.filter((other) => other === id).length > 1)
      problems.push({ file: name, message: `determinant ${id} is created by more than one code; create it once and map the other codes to ${id}` });
  }

  const variablesNode = reader.object(top.variables ?? {}, 'variables');
  reader.known(variablesNode, 'variables', ['participant', 'role', 'trust', 'date', 'method']);
  const variable = (key: string, required = false) => reader.typed(variablesNode[key], `variables.${key}`, 'text', required);
  const variables: Mapping['variables'] = { role: variable('role', true) ?? '' };
  for (const key of ['participant', 'trust', 'date', 'method'] as const) {
    const value = variable(key);
    if (value !== undefined) variables[key] = value;
  }

  const valuesNode = reader.object(top.values ?? {}, 'values');
  reader.known(valuesNode, 'values', ['role', 'method']);
  const roleValues = new Map<string, string>();
  for (const [key, value] of Object.entries(reader.object(valuesNode.role ?? {}, 'values.role'))) {
    const role = reader.typed(value, `values.role.${JSON.stringify(key)}`, 'slug', true);
    if (role !== undefined) roleValues.set(key.trim(), role);
  }
  const methodValues = new Map<string, Method>();
  for (const [key, value] of Object.entries(reader.object(valuesNode.method ?? {}, 'values.method'))) {
    const method = reader.oneOf(value, `values.method.${JSON.stringify(key)}`, METHODS);
    if (method !== undefined) methodValues.set(key.trim(), method);
  }

  const defaultsNode = reader.object(top.defaults ?? {}, 'defaults');
  reader.known(defaultsNode, 'defaults', ['method', 'sentiment']);
  const defaults: Mapping['defaults'] = {
    sentiment: reader.oneOf(defaultsNode.sentiment ?? 'NEUTRAL', 'defaults.sentiment', SENTIMENTS) ?? 'NEUTRAL',
  };
  const method = defaultsNode.method === undefined ? undefined : reader.oneOf(defaultsNode.method, 'defaults.method', METHODS);
  if (method !== undefined) defaults.method = method;
  if (variables.method === undefined && defaults.method === undefined) {
    problems.push({
      file: name,
      message: 'neither variables.method nor defaults.method is given; say which variable holds the interview method, or the method of every interview',
    });
  }

  const summaryList = Array.isArray(top.summary) ? top.summary : top.summary === undefined ? ['description', 'note'] : [top.summary];
  const summary = summaryList.flatMap((item, index) => {
    const origin = reader.oneOf(item, `summary[${index}]`, SUMMARY_ORIGINS);
    return origin === undefined ? [] : [origin];
  });

  if (problems.length > 0) throw new ImportRefusal(problems);
  return { file: name, study, codes, sets, variables, values: { role: roleValues, method: methodValues }, defaults, summary };
}

/** Reads values out of the parsed document, recording a problem (at its key path) for each one that is wrong. */
class Reader {
  constructor(
    private readonly file: string,
    private readonly problems: Problem[],
  ) {}

  private problem(at: string, message: string): undefined {
    this.problems.push({ file: this.file, message: at === '' ? message : `${at}: ${message}` });
    return undefined;
  }

  object(value: unknown, at: string): Record<string, unknown> {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    this.problem(at, value === undefined ? 'is missing; it must be a map of keys and values' : `${describeValue(value)} must be a map of keys and values`);
    return {};
  }

  known(node: Record<string, unknown>, at: string, keys: readonly string[]): void {
    for (const key of Object.keys(node)) {
      if (!keys.includes(key)) this.problem(at === '' ? key : `${at}.${key}`, `is not a key of the mapping here; the keys are ${keys.join(', ')}`);
    }
  }

  typed(value: unknown, at: string, type: ValueType, required: boolean): string | undefined {
    if (value === undefined || value === null || value === '') return required ? this.problem(at, 'is missing; a value is required') : undefined;
    if (typeof value !== 'string' && typeof value !== 'number') return this.problem(at, `${describeValue(value)} must be a single value`);
    const text = String(value).trim();
    const parsed = parseValue(type, text);
    if ('error' in parsed) return this.problem(at, `${showValue(text)} ${parsed.error}`);
    return type === 'year' ? (parsed.value as never) : text;
  }

  boolean(value: unknown, at: string): boolean {
    if (typeof value === 'boolean') return value;
    this.problem(
      at,
      value === undefined ? 'is missing; say true for data written for illustration, false for real research' : `${describeValue(value)} must be true or false`,
    );
    return false;
  }

  oneOf<T extends string>(value: unknown, at: string, allowed: readonly T[]): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    return this.problem(at, `${describeValue(value)} is not allowed; use one of ${allowed.join(', ')}`);
  }

  codeRule(value: unknown, at: string): CodeRule | undefined {
    const shapes =
      'use a determinant id ("D06"), "ignore", { determinant: D06, stance: CONTRADICTS }, ' +
      '{ create: { id, name, category, description } }, { stance: CONTRADICTS } or { sentiment: POSITIVE }';
    if (value === 'ignore') return { kind: 'ignore' };
    if (typeof value === 'string') {
      const id = this.typed(value, at, 'determinantId', true);
      return id === undefined ? undefined : { kind: 'determinant', determinantId: id };
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return this.problem(at, `${describeValue(value)} is not a code rule; ${shapes}`);
    const node = value as Record<string, unknown>;
    const keys = Object.keys(node);
    const stance = node.stance === undefined ? undefined : this.oneOf(node.stance, `${at}.stance`, STANCES);
    if ('determinant' in node) {
      this.known(node, at, ['determinant', 'stance']);
      const id = this.typed(node.determinant, `${at}.determinant`, 'determinantId', true);
      if (id === undefined) return undefined;
      return stance === undefined ? { kind: 'determinant', determinantId: id } : { kind: 'determinant', determinantId: id, stance };
    }
    if ('create' in node) {
      this.known(node, at, ['create', 'stance']);
      const create = this.object(node.create, `${at}.create`);
      this.known(create, `${at}.create`, ['id', 'name', 'category', 'description']);
      const determinant = {
        id: this.typed(create.id, `${at}.create.id`, 'determinantId', true),
        name: this.typed(create.name, `${at}.create.name`, 'text', true),
        category: this.typed(create.category, `${at}.create.category`, 'text', true),
        description: this.typed(create.description, `${at}.create.description`, 'text', true),
      };
      if (Object.values(determinant).some((part) => part === undefined)) return undefined;
      const made = determinant as NewDeterminant;
      return stance === undefined ? { kind: 'create', determinant: made } : { kind: 'create', determinant: made, stance };
    }
    if ('sentiment' in node) {
      this.known(node, at, ['sentiment']);
      const sentiment = this.oneOf(node.sentiment, `${at}.sentiment`, SENTIMENTS);
      return sentiment === undefined ? undefined : { kind: 'sentiment', sentiment };
    }
    if (keys.length === 1 && stance !== undefined) return { kind: 'stance', stance };
    return keys.length === 1 && 'stance' in node ? undefined : this.problem(at, `${describeValue(value)} is not a code rule; ${shapes}`);
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return showValue(value);
  // JSON.stringify gives undefined only for a function or a symbol, which String shows as written.
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  return JSON.stringify(value) ?? String(value);
}
