/**
 * A checked QdaProject and its mapping -> the seed loader's dataset for one study (the records of sources.csv,
 * studies.csv, determinants.csv, participants.csv, interviews.csv, interview_participants.csv, insights.csv and
 * insight_determinants.csv that the project holds), plus what the import report says about the coding. The loader
 * then validates the dataset (references resolve against the dataset, then the graph) and writes it, as for CSV.
 *
 * Keys, so that a later export of the same project, from any tool, updates the same records (GUIDs change on every
 * export and are never used):
 * - an interview is its text source, keyed by the source's name: "Interview 03 - CCIO" -> `interview-03-ccio`;
 * - a participant by the participant variable, or else the name of the case that holds the source;
 * - an insight by its interview and its selection's position and text: `<interview>-<8 hex digits of
 *   SHA-256("start:end:text")>`. Recoding a selection updates its insight; moving or editing its text makes it a new
 *   insight (the old one is then reported as no longer in the project, and `--prune` removes it).
 * All keys are local to the study; the loader stores them as `<study>/<key>` (src/seed/studies.ts).
 */
import { createHash } from 'node:crypto';

import { MAX_VALUE_LENGTH, SEED_FILES, type Dataset, type FileName, type SeedRow } from '../seed/format.js';
import type { Problem } from '../seed/problems.js';
import { parseValue } from '../seed/validate.js';
import { METHODS, type CodeRule, type Mapping, type Method, type Sentiment, type Stance } from './mapping.js';
import { sliceCharacters, type QdaCase, type QdaCode, type QdaProject, type QdaSelection, type VariableValue } from './model.js';
import { describe } from './read-qdpx.js';
import { ImportRefusal } from './refusal.js';

/** The summary of an insight whose selection has no description or note to take one from. */
export const PENDING_SUMMARY = 'Summary pending: the coded selection has no memo or description yet.';

export interface CodeUse {
  path: string;
  /** What the mapping makes of it; undefined when the mapping does not name it. */
  rule: CodeRule | undefined;
  selections: number;
}

export interface ImportPlan {
  dataset: Dataset;
  /** Where each record came from, by file and position: `TextSource "Interview 03" (guid ...)`. */
  origins: Partial<Record<FileName, string[]>>;
  codes: CodeUse[];
  /** Selections with no determinant code (only ignored, sentiment or stance codes, or none): not imported. */
  selectionsWithoutDeterminant: number;
  /** Insights stored with summaryPending, by interview. */
  pendingSummaries: number;
  otherSources: number;
}

/** Builds the dataset; throws ImportRefusal listing every problem (unmapped codes, missing variables, ...). */
export function buildDataset(project: QdaProject, mapping: Mapping): ImportPlan {
  const problems: Problem[] = [];
  const problem = (message: string) => problems.push({ file: project.xmlName, message });
  const rows = Object.fromEntries(SEED_FILES.map((spec) => [spec.file, [] as SeedRow[]])) as Record<FileName, SeedRow[]>;
  const origins: Record<string, string[]> = {};
  const add = (file: FileName, row: SeedRow, origin: string) => {
    rows[file].push(row);
    (origins[file] ??= []).push(origin);
  };
  const { study } = mapping;
  const common = { illustrative: study.illustrative, source_id: study.source.id };

  add(
    'sources.csv',
    {
      id: study.source.id,
      title: study.source.title,
      publisher: study.source.publisher,
      year: study.source.year,
      url: study.source.url,
      kind: study.source.kind,
      illustrative: study.illustrative,
      note: null,
    },
    `${mapping.file} study.source`,
  );
  add(
    'studies.csv',
    { id: study.id, title: study.title, kind: study.kind, source_id: study.source.id, illustrative: study.illustrative, unscoped_ids: false, note: study.note },
    `${mapping.file} study`,
  );

  const rules = resolveRules(project, mapping, problem);
  const uses = new Map(project.codes.map((code) => [code.guid, 0]));
  for (const source of project.sources)
    for (const selection of source.selections) for (const code of selection.codeGuids) uses.set(code, (uses.get(code) ?? 0) + 1);
  const codes = project.codes.map((code) => ({ path: code.path, rule: rules.get(code.guid), selections: uses.get(code.guid) ?? 0 }));
  const unmapped = codes.filter((code) => code.rule === undefined && code.selections > 0);
  for (const code of unmapped) {
    problem(
      `the code ${JSON.stringify(code.path)} codes ${code.selections} ${code.selections === 1 ? 'selection' : 'selections'} but the mapping does not say what it means; ` +
        'add it under codes: as a determinant id, { create: ... }, a stance or sentiment, or ignore',
    );
  }
  for (const rule of new Set(rules.values())) {
    if (rule.kind === 'create') {
      const made = rule.determinant;
      add(
        'determinants.csv',
        { id: made.id, name: made.name, category: made.category, description: made.description, source_id: study.source.id },
        `${mapping.file} codes (create ${made.id})`,
      );
    }
  }

  const casesOf = casesBySource(project);
  const variableId = (name: string | undefined) => (name === undefined ? undefined : [...project.variables.values()].find((v) => v.name === name)?.guid);
  const participantsSeen = new Map<string, string>();
  let selectionsWithoutDeterminant = 0;
  let pendingSummaries = 0;

  for (const source of project.sources) {
    if (source.text === undefined || source.name === undefined) continue;
    const where = `TextSource ${describe(source)}`;
    const cases = casesOf.get(source.guid) ?? [];
    const valueOf = (variable: string | undefined, holder: { values: Map<string, VariableValue> }) => {
      const guid = variableId(variable);
      return guid === undefined ? undefined : holder.values.get(guid);
    };
    const fromSourceOrCases = (variable: string | undefined) => {
      const own = valueOf(variable, source);
      if (own !== undefined) return own;
      const values = [...new Set(cases.map((qdaCase) => valueOf(variable, qdaCase)).filter((value) => value !== undefined))];
      if (values.length > 1)
        problem(`${where}: its cases give ${values.length} different values of ${JSON.stringify(variable)} (${values.join(', ')}); one interview has one`);
      return values[0];
    };

    const interviewId = slugOf(source.name);
    const date = dateOf(fromSourceOrCases(mapping.variables.date));
    if (date === undefined)
      problem(
        `${where}: no interview date; give it the variable ${JSON.stringify(mapping.variables.date ?? 'Interview date')} as a date (YYYY-MM-DD, or YYYY-MM or YYYY when only the month or year is known), on the source or its case, and name that variable under variables.date`,
      );
    const method = methodOf(fromSourceOrCases(mapping.variables.method), mapping);
    if (method === undefined)
      problem(
        `${where}: the method ${JSON.stringify(String(fromSourceOrCases(mapping.variables.method) ?? ''))} is not mapped; list it under values.method as one of ${METHODS.join(', ')}, or set defaults.method`,
      );
    const trust = fromSourceOrCases(mapping.variables.trust);
    add(
      'interviews.csv',
      {
        id: interviewId,
        title: source.name.trim(),
        date: date ?? null,
        method: method ?? null,
        trust_ods_code: trust === undefined ? null : String(trust).trim(),
        ...common,
      },
      where,
    );

    // The people of the interview: each case that holds the source, or, without cases, the source's own variables.
    const people: Array<{ holder: { values: Map<string, VariableValue> }; fallback?: string; where: string }> =
      cases.length > 0
        ? cases.map((qdaCase) => ({ holder: qdaCase, ...(qdaCase.name === undefined ? {} : { fallback: qdaCase.name }), where: `Case ${describe(qdaCase)}` }))
        : [{ holder: source, where }];
    for (const person of people) {
      const codeValue = valueOf(mapping.variables.participant, person.holder) ?? valueOf(mapping.variables.participant, source) ?? person.fallback;
      if (codeValue === undefined) {
        problem(
          `${person.where}: no participant code; give the variable ${JSON.stringify(mapping.variables.participant ?? 'Participant')} or hold the source in a case named after the participant`,
        );
        continue;
      }
      const code = slugOf(String(codeValue));
      const roleValue = valueOf(mapping.variables.role, person.holder) ?? valueOf(mapping.variables.role, source);
      if (roleValue === undefined)
        problem(`${person.where}: no role; give it the variable ${JSON.stringify(mapping.variables.role)} (named under variables.role)`);
      const role = roleValue === undefined ? null : (mapping.values.role.get(String(roleValue).trim()) ?? slugOf(String(roleValue)));
      const personTrust = valueOf(mapping.variables.trust, person.holder) ?? trust;
      const participant = { code, role_id: role, trust_ods_code: personTrust === undefined ? null : String(personTrust).trim(), ...common };
      const seen = participantsSeen.get(code);
      if (seen === undefined) {
        participantsSeen.set(code, JSON.stringify(participant));
        add('participants.csv', participant, person.where);
      } else if (seen !== JSON.stringify(participant)) {
        problem(`${person.where}: participant ${code} has a different role or trust here than in another source; one participant has one of each`);
      }
      add('interview_participants.csv', { interview_id: interviewId, participant_code: code }, where);
    }

    for (const selection of source.selections) {
      const at = `PlainTextSelection ${describe(selection)} in ${where}`;
      const meanings = selection.codeGuids.map((guid) => rules.get(guid)).filter((rule): rule is CodeRule => rule !== undefined);
      const determinants = new Map<string, Stance>();
      const marker = meanings.some((rule) => rule.kind === 'stance' && rule.stance === 'CONTRADICTS');
      for (const rule of meanings) {
        if (rule.kind !== 'determinant' && rule.kind !== 'create') continue;
        const id = rule.kind === 'determinant' ? rule.determinantId : rule.determinant.id;
        const stance: Stance = rule.stance ?? (marker ? 'CONTRADICTS' : 'SUPPORTS');
        // Coded twice with one determinant, once contradicting: the contradiction is the finding.
        if (determinants.get(id) !== 'CONTRADICTS') determinants.set(id, stance);
      }
      if (determinants.size === 0) {
        selectionsWithoutDeterminant += 1;
        continue;
      }
      const quote = sliceCharacters(source.text, selection.start, selection.end);
      if (quote.trim() === '') problem(`${at} selects only blank text; a coded selection must hold words`);
      if (quote.length > MAX_VALUE_LENGTH)
        problem(
          `${at} is ${quote.length.toLocaleString('en-GB')} characters long; an insight's quote holds at most ${MAX_VALUE_LENGTH.toLocaleString('en-GB')}: code a shorter passage`,
        );
      const summary = summaryOf(selection, project, mapping);
      if (summary === undefined) pendingSummaries += 1;
      const id = `${interviewId}-${selectionKey(selection, quote)}`;
      add(
        'insights.csv',
        {
          id,
          interview_id: interviewId,
          summary: summary ?? PENDING_SUMMARY,
          summary_pending: summary === undefined,
          quote,
          text_start: selection.start,
          text_end: selection.end,
          sentiment: sentimentOf(meanings, mapping),
          coder: selection.creatingUser === undefined ? null : (project.users.get(selection.creatingUser) ?? null),
          ...common,
        },
        at,
      );
      for (const [determinant, stance] of determinants) add('insight_determinants.csv', { insight_id: id, determinant_id: determinant, stance }, at);
    }
  }
  if (problems.length > 0) throw new ImportRefusal(problems);
  return { dataset: rows, origins, codes, selectionsWithoutDeterminant, pendingSummaries, otherSources: project.otherSources };
}

/** Each code's rule: by path, else by name (when no other code shares it), else by a set the code is a member of. */
function resolveRules(project: QdaProject, mapping: Mapping, problem: (message: string) => void): Map<string, CodeRule> {
  const byName = new Map<string, QdaCode[]>();
  for (const code of project.codes) byName.set(code.name.trim(), [...(byName.get(code.name.trim()) ?? []), code]);
  const byPath = new Map(project.codes.map((code) => [code.path.trim(), code]));
  const rules = new Map<string, CodeRule>();
  for (const [key, rule] of mapping.codes) {
    const exact = byPath.get(key);
    const named = byName.get(key) ?? [];
    if (exact) rules.set(exact.guid, rule);
    else if (named.length === 1 && named[0]) rules.set(named[0].guid, rule);
    else if (named.length > 1)
      problem(
        `the mapping's code ${JSON.stringify(key)} names ${named.length} codes (${named.map((code) => code.path).join(', ')}); use the path of the one meant`,
      );
  }
  for (const [name, rule] of mapping.sets) {
    const set = project.sets.find((candidate) => candidate.name.trim() === name);
    for (const member of set?.memberCodes ?? []) if (!rules.has(member)) rules.set(member, rule);
  }
  return rules;
}

/** The cases that hold each source, by a SourceRef or a SelectionRef to one of its selections. */
function casesBySource(project: QdaProject): Map<string, QdaCase[]> {
  const sourceOfSelection = new Map(project.sources.flatMap((source) => source.selections.map((selection) => [selection.guid, source.guid] as const)));
  const result = new Map<string, QdaCase[]>();
  for (const qdaCase of project.cases) {
    const sources = new Set([...qdaCase.sourceGuids, ...qdaCase.selectionGuids.flatMap((guid) => sourceOfSelection.get(guid) ?? [])]);
    for (const source of sources) result.set(source, [...(result.get(source) ?? []), qdaCase]);
  }
  return result;
}

function summaryOf(selection: QdaSelection, project: QdaProject, mapping: Mapping): string | undefined {
  for (const origin of mapping.summary) {
    const text =
      origin === 'description'
        ? selection.description
        : selection.noteGuids.map((guid) => project.notes.get(guid)?.text).find((note) => note !== undefined && note.trim() !== '');
    if (text !== undefined && text.trim() !== '') return text.trim();
  }
  return undefined;
}

function sentimentOf(meanings: readonly CodeRule[], mapping: Mapping): Sentiment {
  const sentiments = new Set(meanings.flatMap((rule) => (rule.kind === 'sentiment' ? [rule.sentiment] : [])));
  const [only] = sentiments;
  if (sentiments.size > 1) return 'MIXED';
  return only ?? mapping.defaults.sentiment;
}

function methodOf(value: VariableValue | undefined, mapping: Mapping): Method | undefined {
  if (value === undefined) return mapping.defaults.method;
  const text = String(value).trim();
  const listed = mapping.values.method.get(text);
  if (listed) return listed;
  const upper = text.toUpperCase().replace(/[^A-Z]+/g, '_');
  return METHODS.find((method) => method === upper);
}

/** A date, or a date-time cut to its day; a month or a year stays as written (never a made-up day). */
function dateOf(value: VariableValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim().slice(0, 10);
  return 'value' in parseValue('partialDate', text) ? text : undefined;
}

/** "Interview 03 - CCIO" -> "interview-03-ccio": a slug of at most 64 characters. */
export function slugOf(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return slug === '' ? 'x' : slug;
}

/** 8 hex digits of SHA-256 over the selection's position and text: the same selection in any later export. */
export function selectionKey(selection: Pick<QdaSelection, 'start' | 'end'>, quote: string): string {
  return createHash('sha256').update(`${selection.start}:${selection.end}:${quote}`).digest('hex').slice(0, 8);
}
