/**
 * A REFI-QDA project (QDA-XML 1.0, urn:QDA-XML:project:1.0) as plain objects: the parts an evidence graph uses.
 * GUIDs are normalised (lower case, no braces), since ATLAS.ti writes them upper case and references must still
 * match; they identify elements within one file only, and are never used as keys across imports.
 */

/** A value of a variable on a case or a source; dates and date-times stay ISO text. */
export type VariableValue = string | number | boolean;

export interface QdaCode {
  guid: string;
  name: string;
  /** The names from the top of the codebook down to this code, joined with "/": "Barriers/Data migration". */
  path: string;
  description?: string;
}

export interface QdaSet {
  guid: string;
  name: string;
  memberCodes: string[];
  memberSources: string[];
}

export interface QdaVariable {
  guid: string;
  name: string;
  type: string;
}

export interface QdaCase {
  guid: string;
  name?: string;
  /** By variable GUID. */
  values: Map<string, VariableValue>;
  sourceGuids: string[];
  selectionGuids: string[];
}

export interface QdaSelection {
  guid: string;
  name?: string;
  /** Character offsets into the source's plain text: the selection is [start, end). */
  start: number;
  end: number;
  description?: string;
  codeGuids: string[];
  noteGuids: string[];
  /** GUID of the user who made the selection (or, failing that, its first coding). */
  creatingUser?: string;
}

export interface QdaTextSource {
  guid: string;
  name?: string;
  inlineText?: string;
  plainTextPath?: string;
  description?: string;
  selections: QdaSelection[];
  /** By variable GUID. */
  values: Map<string, VariableValue>;
  /** The plain text, inline or read from the archive; set once the project is resolved. */
  text?: string;
}

export interface QdaNote {
  guid: string;
  name?: string;
  inlineText?: string;
  plainTextPath?: string;
  text?: string;
}

export interface QdaProject {
  /** `project` for a .qde inside a .qdpx, `codebook` for a .qdc. */
  kind: 'project' | 'codebook';
  /** The XML's file name, for messages. */
  xmlName: string;
  name: string;
  origin?: string;
  /** User names by GUID. */
  users: Map<string, string>;
  codes: QdaCode[];
  sets: QdaSet[];
  variables: Map<string, QdaVariable>;
  cases: QdaCase[];
  sources: QdaTextSource[];
  notes: Map<string, QdaNote>;
  /** PDF, picture, audio and video sources: not text, so not imported; counted for the report. */
  otherSources: number;
}

/** "{0B8F...}" or "0b8f..." -> "0b8f...". */
export function normaliseGuid(guid: string): string {
  return guid
    .trim()
    .replace(/^\{|\}$/g, '')
    .toLowerCase();
}

/** The characters [start, end) of `text`, counting characters (code points), as REFI-QDA positions do. */
export function sliceCharacters(text: string, start: number, end: number): string {
  // Most texts hold no character outside the Basic Multilingual Plane; then characters and UTF-16 units agree.
  if (!/[\uD800-\uDBFF]/.test(text)) return text.slice(start, end);
  return Array.from(text).slice(start, end).join('');
}

/** The number of characters (code points) of `text`. */
export function characterCount(text: string): number {
  if (!/[\uD800-\uDBFF]/.test(text)) return text.length;
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}
