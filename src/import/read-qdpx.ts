/**
 * The entry point of reading: a .qdpx archive (or a .qdc codebook) -> a checked QdaProject. Finds the one project
 * XML (any `*.qde` at the top of the archive: ATLAS.ti names it after the project), parses it, reads each text
 * source's plain text (inline, or from `plainTextPath` inside the archive), then checks every reference and position.
 * Every problem found is reported at once, with the element, its name and GUID; nothing is imported from a project
 * with problems.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

import type { Problem } from '../seed/problems.js';
import { DEFAULT_ARCHIVE_LIMITS, openQdpxArchive, unsafeName, type ArchiveLimits, type QdpxArchive } from './archive.js';
import { characterCount, type QdaProject } from './model.js';
import { readProjectXml } from './read-project.js';
import { ImportRefusal } from './refusal.js';

/** Reads and checks a project (.qdpx) or codebook (.qdc); throws ImportRefusal listing every problem. */
export async function readQdaFile(file: string, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Promise<QdaProject> {
  const name = path.basename(file);
  if (name.toLowerCase().endsWith('.qdc')) return readCodebook(file, name, limits);
  const archive = await openQdpxArchive(file, name, limits);
  try {
    const xmlName = findProjectXml(archive);
    const project = readProjectXml(await archive.readText(xmlName), xmlName);
    if (project.kind !== 'project') throw new ImportRefusal(`${xmlName} is a codebook, not a project; import it as a .qdc file.`);
    const problems = await readTexts(project, archive);
    problems.push(...checkProject(project));
    if (problems.length > 0) throw new ImportRefusal(problems);
    return project;
  } finally {
    archive.close();
  }
}

async function readCodebook(file: string, name: string, limits: ArchiveLimits): Promise<QdaProject> {
  const size = await stat(file).then(
    (info) => info.size,
    () => {
      throw new ImportRefusal(`No file ${file}; give the path of the .qdc codebook your QDA tool exported.`);
    },
  );
  if (size > limits.maxEntryBytes) throw new ImportRefusal(`${name} is larger than the ${limits.maxEntryBytes} bytes a codebook may hold.`);
  const project = readProjectXml(await readFile(file, 'utf8'), name);
  const problems = checkProject(project);
  if (problems.length > 0) throw new ImportRefusal(problems);
  return project;
}

function findProjectXml(archive: QdpxArchive): string {
  const candidates = archive.entryNames.filter((entry) => !entry.includes('/') && entry.toLowerCase().endsWith('.qde'));
  const [only, ...more] = candidates;
  if (only !== undefined && more.length === 0) return only;
  if (only === undefined) {
    const listed = archive.entryNames
      .slice(0, 5)
      .map((entry) => JSON.stringify(entry))
      .join(', ');
    throw new ImportRefusal(
      `${archive.name} holds no project XML: a REFI-QDA project has one .qde file at the top of the archive ` +
        `(it holds ${archive.entryNames.length} entries${listed ? `: ${listed}${archive.entryNames.length > 5 ? ', ...' : ''}` : ''}). ` +
        'Export with "REFI-QDA project" (.qdpx) as the format.',
    );
  }
  throw new ImportRefusal(`${archive.name} holds ${candidates.length} project XML files (${candidates.join(', ')}); a project has exactly one.`);
}

/** Where a `plainTextPath` points inside the archive, or why it cannot be followed. */
export function archivePathOf(plainTextPath: string): { entry: string } | { problem: string } {
  const internal = /^internal:\/\/(.*)$/i.exec(plainTextPath.trim());
  if (!internal) {
    return {
      problem:
        `plainTextPath ${JSON.stringify(plainTextPath)} points outside the archive; only internal:// paths (files in its ` +
        'Sources folder) are read. Export again with the sources included.',
    };
  }
  const relative = internal[1] ?? '';
  const unsafe = unsafeName(relative);
  if (unsafe || relative === '')
    return { problem: `plainTextPath ${JSON.stringify(plainTextPath)} ${unsafe ?? 'names no file'}; it must name a file in the archive's Sources folder` };
  return { entry: `sources/${relative.replace(/\\/g, '/')}` };
}

async function readTexts(project: QdaProject, archive: QdpxArchive): Promise<Problem[]> {
  const problems: Problem[] = [];
  const read = async (element: string, item: { guid: string; name?: string; inlineText?: string; plainTextPath?: string }) => {
    const where = `${element} ${describe(item)}`;
    if (item.inlineText !== undefined) return item.inlineText;
    if (item.plainTextPath === undefined) {
      problems.push({ file: project.xmlName, message: `${where} has neither PlainTextContent nor plainTextPath; one of them must give its text` });
      return undefined;
    }
    const target = archivePathOf(item.plainTextPath);
    if ('problem' in target) {
      problems.push({ file: project.xmlName, message: `${where}: ${target.problem}` });
      return undefined;
    }
    const entry = archive.find(target.entry);
    if (entry === undefined) {
      problems.push({
        file: project.xmlName,
        message: `${where}: plainTextPath ${JSON.stringify(item.plainTextPath)} names ${target.entry}, which the archive does not hold`,
      });
      return undefined;
    }
    return (await archive.readText(entry)).replace(/^\uFEFF/, '');
  };
  for (const source of project.sources) {
    const text = await read('TextSource', source);
    if (text !== undefined) source.text = text;
  }
  for (const note of project.notes.values()) {
    const text = await read('Note', note);
    if (text !== undefined) note.text = text;
  }
  return problems;
}

/** `"Interview 03" (guid 1f0e...)`: how an element is named in messages. */
export function describe(item: { guid: string; name?: string | undefined }): string {
  return `${item.name !== undefined && item.name !== '' ? `${JSON.stringify(item.name)} ` : ''}(guid ${item.guid})`;
}

/** The references between elements and the positions of selections. */
function checkProject(project: QdaProject): Problem[] {
  const problems: Problem[] = [];
  const problem = (message: string) => problems.push({ file: project.xmlName, message });
  const codes = new Set(project.codes.map((code) => code.guid));
  const sources = new Set(project.sources.map((source) => source.guid));
  const selections = new Set(project.sources.flatMap((source) => source.selections.map((selection) => selection.guid)));
  const names = new Map<string, string>();

  for (const code of project.codes) if (code.name.trim() === '') problem(`Code (guid ${code.guid}) has no name; every code needs one`);
  for (const set of project.sets) {
    for (const member of set.memberCodes) if (!codes.has(member)) problem(`Set ${describe(set)}: MemberCode ${member} is no Code of the project`);
  }
  const checkValues = (where: string, values: Map<string, unknown>) => {
    for (const variable of values.keys()) {
      if (!project.variables.has(variable)) problem(`${where}: VariableRef ${variable} is no Variable of the project`);
    }
  };
  for (const qdaCase of project.cases) {
    const where = `Case ${describe(qdaCase)}`;
    checkValues(where, qdaCase.values);
    for (const ref of qdaCase.sourceGuids) if (!sources.has(ref)) problem(`${where}: SourceRef ${ref} is no source of the project`);
    for (const ref of qdaCase.selectionGuids) if (!selections.has(ref)) problem(`${where}: SelectionRef ${ref} is no selection of the project`);
  }
  for (const source of project.sources) {
    const where = `TextSource ${describe(source)}`;
    if (source.name === undefined || source.name.trim() === '') {
      problem(`${where} has no name; an imported interview is keyed on its source's name, so every text source needs one`);
    } else {
      const earlier = names.get(source.name.trim());
      if (earlier !== undefined) problem(`${where} has the same name as the TextSource (guid ${earlier}); source names must be unique`);
      else names.set(source.name.trim(), source.guid);
    }
    checkValues(where, source.values);
    const length = source.text === undefined ? undefined : characterCount(source.text);
    for (const selection of source.selections) {
      const at = `PlainTextSelection ${describe(selection)} in ${where}`;
      if (selection.start > selection.end)
        problem(`${at} starts at ${selection.start}, after its end ${selection.end}; startPosition must not exceed endPosition`);
      else if (length !== undefined && selection.end > length) {
        problem(`${at} ends at character ${selection.end}, outside its text of ${length} characters; positions count characters of the plain text`);
      }
      for (const code of selection.codeGuids) {
        if (!codes.has(code)) problem(`${at}: CodeRef ${code} is no Code of the codebook; every coding must name a code`);
      }
      for (const note of selection.noteGuids) {
        if (!project.notes.has(note)) problem(`${at}: NoteRef ${note} is no Note of the project`);
      }
    }
  }
  return problems;
}
