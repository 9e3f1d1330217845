/**
 * The project XML (.qde inside a .qdpx, or a .qdc codebook) -> a QdaProject, with one strict streaming XML parser
 * (saxes): well-formedness errors carry their line and column, and a document type declaration is refused outright,
 * so no entity can be declared, expanded or fetched (REFI-QDA files never need one). Only the standard's own
 * predefined and numeric character references are decoded.
 *
 * The elements read are those of Project.xsd that an evidence graph uses (users, codes, sets, variables, cases,
 * text sources with their selections and codings, notes); everything else is passed over, and non-text sources are
 * counted. Whether the references between elements hold is checked afterwards, in check-project.ts.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';

import {
  normaliseGuid,
  type QdaCase,
  type QdaCode,
  type QdaNote,
  type QdaProject,
  type QdaSelection,
  type QdaSet,
  type QdaTextSource,
  type VariableValue,
} from './model.js';
import { ImportRefusal } from './refusal.js';

export const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';
export const CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

const NON_TEXT_SOURCES = new Set(['PictureSource', 'PDFSource', 'AudioSource', 'VideoSource']);
/** Elements whose text is kept, keyed by the element's local name. */
const TEXT_ELEMENTS = new Set(['Description', 'PlainTextContent', 'TextValue', 'BooleanValue', 'IntegerValue', 'FloatValue', 'DateValue', 'DateTimeValue']);

type Frame =
  | { kind: 'code'; code: QdaCode }
  | { kind: 'set'; set: QdaSet }
  | { kind: 'case'; qdaCase: QdaCase }
  | { kind: 'source'; source: QdaTextSource }
  | { kind: 'selection'; selection: QdaSelection }
  | { kind: 'note'; note: QdaNote }
  | { kind: 'value'; variable?: string; value?: VariableValue; owner: Map<string, VariableValue> }
  | { kind: 'coding'; user?: string }
  | { kind: 'skip' }
  | { kind: 'other' };

// Functions of the tag rather than closures made for each one: tsx names every closure it makes (keepNames), and
// for a project of 20,000 selections that naming was a quarter of the parse.

/** The value of the attribute `name` of `tag`. */
function attrOf(tag: SaxesTagNS, name: string): string | undefined {
  return tag.attributes[name]?.value;
}

/** The element's `guid`, normalised. */
function guidOf(tag: SaxesTagNS): string {
  return normaliseGuid(attrOf(tag, 'guid') ?? '');
}

/** A PlainTextSelection's position attribute `name`, a whole number of characters; refused otherwise. */
function positionOf(tag: SaxesTagNS, name: string, refuse: (message: string) => never): number {
  const value = attrOf(tag, name);
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) {
    return refuse(
      `PlainTextSelection ${describeAttrs(tag)} has ${name}=${JSON.stringify(value ?? '')}; it must be a whole number of ` +
        'characters from the start of the plain text',
    );
  }
  return Number(value);
}

/** Parses the XML text of a project or codebook; throws ImportRefusal for anything that is not one. */
export function readProjectXml(xml: string, xmlName: string): QdaProject {
  const project: QdaProject = {
    kind: 'project',
    xmlName,
    name: '',
    users: new Map(),
    codes: [],
    sets: [],
    variables: new Map(),
    cases: [],
    sources: [],
    notes: new Map(),
    otherSources: 0,
  };
  const parser = new SaxesParser({ xmlns: true, fileName: xmlName });
  const frames: Frame[] = [];
  const open: string[] = [];
  const codePath: string[] = [];
  let text: string[] | undefined;
  let rootSeen = false;

  const nearest = <K extends Frame['kind']>(kind: K): Extract<Frame, { kind: K }> | undefined => {
    for (let i = frames.length - 1; i >= 0; i -= 1) {
      const frame = frames[i];
      if (frame?.kind === kind) return frame as Extract<Frame, { kind: K }>;
    }
    return undefined;
  };
  const skipping = () => frames.some((frame) => frame.kind === 'skip');
  const refuse = (message: string): never => {
    throw new ImportRefusal(`${xmlName} line ${parser.line}: ${message}`);
  };

  parser.on('doctype', () =>
    refuse(
      'the XML declares a document type (<!DOCTYPE ...>); REFI-QDA files have none, and entity declarations are refused ' +
        'so that no entity can expand or read other files. Export the project again from your QDA tool.',
    ),
  );
  parser.on('opentag', (tag: SaxesTagNS) => {
    const local = tag.local;
    open.push(tag.name);
    if (!rootSeen) {
      rootSeen = true;
      if (local === 'Project' && tag.uri === PROJECT_NAMESPACE) project.kind = 'project';
      else if (local === 'CodeBook' && tag.uri === CODEBOOK_NAMESPACE) project.kind = 'codebook';
      else {
        refuse(
          `the root element is <${tag.name}> in namespace ${JSON.stringify(tag.uri)}; a REFI-QDA project has <Project> in ` +
            `${PROJECT_NAMESPACE} (a codebook <CodeBook> in ${CODEBOOK_NAMESPACE})`,
        );
      }
      project.name = attrOf(tag, 'name') ?? '';
      const origin = attrOf(tag, 'origin');
      if (origin !== undefined) project.origin = origin;
      frames.push({ kind: 'other' });
      return;
    }
    if (skipping() || (tag.uri !== PROJECT_NAMESPACE && tag.uri !== CODEBOOK_NAMESPACE)) {
      frames.push({ kind: 'skip' });
      return;
    }
    if (NON_TEXT_SOURCES.has(local) && open.at(-2)?.endsWith('Sources')) {
      project.otherSources += 1;
      frames.push({ kind: 'skip' });
      return;
    }
    if (TEXT_ELEMENTS.has(local)) text = [];
    switch (local) {
      case 'User':
        project.users.set(guidOf(tag), attrOf(tag, 'name') ?? attrOf(tag, 'id') ?? guidOf(tag));
        break;
      case 'Code': {
        const name = attrOf(tag, 'name') ?? '';
        codePath.push(name);
        const code: QdaCode = { guid: guidOf(tag), name, path: codePath.join('/') };
        project.codes.push(code);
        frames.push({ kind: 'code', code });
        return;
      }
      case 'Set': {
        const set: QdaSet = { guid: guidOf(tag), name: attrOf(tag, 'name') ?? '', memberCodes: [], memberSources: [] };
        project.sets.push(set);
        frames.push({ kind: 'set', set });
        return;
      }
      case 'MemberCode':
        nearest('set')?.set.memberCodes.push(normaliseGuid(attrOf(tag, 'targetGUID') ?? ''));
        break;
      case 'MemberSource':
        nearest('set')?.set.memberSources.push(normaliseGuid(attrOf(tag, 'targetGUID') ?? ''));
        break;
      case 'Variable':
        project.variables.set(guidOf(tag), { guid: guidOf(tag), name: attrOf(tag, 'name') ?? '', type: attrOf(tag, 'typeOfVariable') ?? 'Text' });
        break;
      case 'Case': {
        const qdaCase: QdaCase = { guid: guidOf(tag), values: new Map(), sourceGuids: [], selectionGuids: [] };
        const name = attrOf(tag, 'name');
        if (name !== undefined) qdaCase.name = name;
        project.cases.push(qdaCase);
        frames.push({ kind: 'case', qdaCase });
        return;
      }
      case 'SourceRef':
        nearest('case')?.qdaCase.sourceGuids.push(normaliseGuid(attrOf(tag, 'targetGUID') ?? ''));
        break;
      case 'SelectionRef':
        nearest('case')?.qdaCase.selectionGuids.push(normaliseGuid(attrOf(tag, 'targetGUID') ?? ''));
        break;
      case 'VariableValue': {
        const owner = frames.at(-1);
        const values = owner?.kind === 'case' ? owner.qdaCase.values : owner?.kind === 'source' ? owner.source.values : new Map<string, VariableValue>();
        frames.push({ kind: 'value', owner: values });
        return;
      }
      case 'VariableRef': {
        const value = nearest('value');
        if (value) value.variable = normaliseGuid(attrOf(tag, 'targetGUID') ?? '');
        break;
      }
      case 'TextSource': {
        if (!open.at(-2)?.endsWith('Sources')) break; // a TextSource nested in another element is not a source
        const source: QdaTextSource = { guid: guidOf(tag), selections: [], values: new Map() };
        const name = attrOf(tag, 'name');
        const path = attrOf(tag, 'plainTextPath');
        if (name !== undefined) source.name = name;
        if (path !== undefined) source.plainTextPath = path;
        project.sources.push(source);
        frames.push({ kind: 'source', source });
        return;
      }
      case 'Note': {
        const note: QdaNote = { guid: guidOf(tag) };
        const name = attrOf(tag, 'name');
        const path = attrOf(tag, 'plainTextPath');
        if (name !== undefined) note.name = name;
        if (path !== undefined) note.plainTextPath = path;
        project.notes.set(note.guid, note);
        frames.push({ kind: 'note', note });
        return;
      }
      case 'PlainTextSelection': {
        const source = nearest('source');
        if (!source) break;
        const selection: QdaSelection = {
          guid: guidOf(tag),
          start: positionOf(tag, 'startPosition', refuse),
          end: positionOf(tag, 'endPosition', refuse),
          codeGuids: [],
          noteGuids: [],
        };
        const name = attrOf(tag, 'name');
        const user = attrOf(tag, 'creatingUser');
        if (name !== undefined) selection.name = name;
        if (user !== undefined) selection.creatingUser = normaliseGuid(user);
        source.source.selections.push(selection);
        frames.push({ kind: 'selection', selection });
        return;
      }
      case 'Coding': {
        const user = attrOf(tag, 'creatingUser');
        frames.push(user === undefined ? { kind: 'coding' } : { kind: 'coding', user: normaliseGuid(user) });
        return;
      }
      case 'CodeRef': {
        const selection = frames.at(-2)?.kind === 'selection' ? nearest('selection') : undefined;
        if (selection && frames.at(-1)?.kind === 'coding') {
          selection.selection.codeGuids.push(normaliseGuid(attrOf(tag, 'targetGUID') ?? ''));
          const coder = nearest('coding')?.user;
          if (selection.selection.creatingUser === undefined && coder !== undefined) selection.selection.creatingUser = coder;
        }
        break;
      }
      case 'NoteRef': {
        const selection = frames.at(-1);
        if (selection?.kind === 'selection') selection.selection.noteGuids.push(normaliseGuid(attrOf(tag, 'targetGUID') ?? ''));
        break;
      }
    }
    frames.push({ kind: 'other' });
  });
  parser.on('text', (chunk: string) => text?.push(chunk));
  parser.on('cdata', (chunk: string) => text?.push(chunk));
  parser.on('closetag', (tag) => {
    open.pop();
    const frame = frames.pop();
    const local = tag.local;
    if (local === 'Code' && frame?.kind === 'code') codePath.pop();
    if (text !== undefined && TEXT_ELEMENTS.has(local) && !skipping()) {
      const content = text.join('');
      text = undefined;
      const owner = frames.at(-1);
      if (local === 'Description' && owner) {
        if (owner.kind === 'code') owner.code.description = content;
        else if (owner.kind === 'source') owner.source.description = content;
        else if (owner.kind === 'selection') owner.selection.description = content;
      } else if (local === 'PlainTextContent' && owner) {
        if (owner.kind === 'source') owner.source.inlineText = content;
        else if (owner.kind === 'note') owner.note.inlineText = content;
      } else if (owner?.kind === 'value') {
        owner.value = valueOf(local, content.trim());
      }
    }
    if (frame?.kind === 'value' && frame.variable !== undefined && frame.value !== undefined) frame.owner.set(frame.variable, frame.value);
  });

  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof ImportRefusal) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (open.length > 0 && /unexpected end|unclosed/i.test(message)) {
      throw new ImportRefusal(
        `${xmlName} ends before <${open.join('> <')}> ${open.length === 1 ? 'is' : 'are'} closed: the XML is truncated ` +
          '(an interrupted export, copy or download). Export the project again.',
      );
    }
    throw new ImportRefusal(`${xmlName} is not well-formed XML: ${message.replace(/^[^:]*:/, 'line ')}. Export the project again.`);
  }
  if (!rootSeen) throw new ImportRefusal(`${xmlName} holds no XML element; a REFI-QDA project's XML starts with <Project>.`);
  return project;
}

function valueOf(element: string, text: string): VariableValue {
  switch (element) {
    case 'BooleanValue':
      return text === 'true' || text === '1';
    case 'IntegerValue':
    case 'FloatValue':
      return Number.isFinite(Number(text)) ? Number(text) : text;
    default:
      return text;
  }
}

function describeAttrs(tag: SaxesTagNS): string {
  const name = tag.attributes.name?.value;
  const guid = tag.attributes.guid?.value;
  return [name !== undefined ? JSON.stringify(name) : undefined, guid !== undefined ? `(guid ${guid})` : undefined].filter(Boolean).join(' ');
}
