/**
 * A project -> the QDA-XML text of a REFI-QDA project (urn:QDA-XML:project:1.0), elements in the order Project.xsd
 * prescribes, every value escaped. Pure: export-qdpx.ts decides what goes in and packs it with its sources.
 */
import { createHash } from 'node:crypto';

import { PROJECT_NAMESPACE } from './read-project.js';

export interface WritableCode {
  guid: string;
  name: string;
  isCodable: boolean;
  description?: string;
  children: WritableCode[];
}

export interface WritableValue {
  variableGuid: string;
  type: 'Text' | 'Date';
  value: string;
}

export interface WritableSelection {
  guid: string;
  name: string;
  start: number;
  end: number;
  description?: string;
  creatingUser?: string;
  codings: Array<{ guid: string; codeGuid: string }>;
}

export interface WritableSource {
  guid: string;
  name: string;
  text: string;
  /** Set: the text is a file of the archive (`internal://...`), as NVivo writes it; unset: inline. */
  plainTextPath?: string;
  selections: WritableSelection[];
  values: WritableValue[];
}

export interface WritableProject {
  name: string;
  origin: string;
  users: Array<{ guid: string; name: string }>;
  codes: WritableCode[];
  variables: Array<{ guid: string; name: string; type: 'Text' | 'Date' }>;
  cases: Array<{ guid: string; name: string; values: WritableValue[]; sourceGuids: string[] }>;
  sources: WritableSource[];
}

/** A GUID made from a name, so that exporting the same records twice writes the same file. */
export function guidFor(...parts: readonly string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function writeProjectXml(project: WritableProject): string {
  const lines: string[] = ['<?xml version="1.0" encoding="utf-8"?>'];
  const line = (depth: number, text: string) => lines.push(`${'  '.repeat(depth)}${text}`);
  line(0, `<Project xmlns="${PROJECT_NAMESPACE}"${attributes({ name: project.name, origin: project.origin })}>`);
  if (project.users.length > 0) {
    line(1, '<Users>');
    for (const user of project.users) line(2, `<User${attributes({ guid: user.guid, name: user.name })}/>`);
    line(1, '</Users>');
  }
  if (project.codes.length > 0) {
    line(1, '<CodeBook>');
    line(2, '<Codes>');
    const code = (item: WritableCode, depth: number) => {
      const open = `<Code${attributes({ guid: item.guid, name: item.name, isCodable: String(item.isCodable) })}`;
      if (item.description === undefined && item.children.length === 0) {
        line(depth, `${open}/>`);
        return;
      }
      line(depth, `${open}>`);
      if (item.description !== undefined) line(depth + 1, `<Description>${escape(item.description)}</Description>`);
      for (const child of item.children) code(child, depth + 1);
      line(depth, '</Code>');
    };
    for (const item of project.codes) code(item, 3);
    line(2, '</Codes>');
    line(1, '</CodeBook>');
  }
  if (project.variables.length > 0) {
    line(1, '<Variables>');
    for (const variable of project.variables) line(2, `<Variable${attributes({ guid: variable.guid, name: variable.name, typeOfVariable: variable.type })}/>`);
    line(1, '</Variables>');
  }
  const values = (list: readonly WritableValue[], depth: number) => {
    for (const value of list) {
      const element = value.type === 'Date' ? 'DateValue' : 'TextValue';
      line(depth, '<VariableValue>');
      line(depth + 1, `<VariableRef${attributes({ targetGUID: value.variableGuid })}/>`);
      line(depth + 1, `<${element}>${escape(value.value)}</${element}>`);
      line(depth, '</VariableValue>');
    }
  };
  if (project.cases.length > 0) {
    line(1, '<Cases>');
    for (const item of project.cases) {
      line(2, `<Case${attributes({ guid: item.guid, name: item.name })}>`);
      values(item.values, 3);
      for (const source of item.sourceGuids) line(3, `<SourceRef${attributes({ targetGUID: source })}/>`);
      line(2, '</Case>');
    }
    line(1, '</Cases>');
  }
  if (project.sources.length > 0) {
    line(1, '<Sources>');
    for (const source of project.sources) {
      line(2, `<TextSource${attributes({ guid: source.guid, name: source.name, plainTextPath: source.plainTextPath })}>`);
      // Inline, on one line: the text's own line breaks are its content, and positions count its characters.
      if (source.plainTextPath === undefined) line(3, `<PlainTextContent>${escape(source.text)}</PlainTextContent>`);
      for (const selection of source.selections) {
        const attrs = {
          guid: selection.guid,
          name: selection.name,
          startPosition: String(selection.start),
          endPosition: String(selection.end),
          creatingUser: selection.creatingUser,
        };
        line(3, `<PlainTextSelection${attributes(attrs)}>`);
        if (selection.description !== undefined) line(4, `<Description>${escape(selection.description)}</Description>`);
        for (const coding of selection.codings) {
          line(4, `<Coding${attributes({ guid: coding.guid, creatingUser: selection.creatingUser })}>`);
          line(5, `<CodeRef${attributes({ targetGUID: coding.codeGuid })}/>`);
          line(4, '</Coding>');
        }
        line(3, '</PlainTextSelection>');
      }
      values(source.values, 3);
      line(2, '</TextSource>');
    }
    line(1, '</Sources>');
  }
  line(0, '</Project>');
  return `${lines.join('\n')}\n`;
}

function attributes(values: Readonly<Record<string, string | undefined>>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escape(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')}"`)
    .join('');
}

/**
 * Escapes text content; a carriage return is written as a reference, since XML parsers turn a raw one into \n. The
 * control characters XML 1.0 cannot hold at all become U+FFFD, one character for one, so positions still hold.
 */
function escape(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/\r/g, '&#13;')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
  );
}
