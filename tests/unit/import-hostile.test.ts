/**
 * Hostile and broken REFI-QDA files are refused while reading, before a mapping is applied or a database opened, each
 * with a message that says what was wrong and what is allowed. (That nothing reaches the graph is checked end to end
 * in tests/integration/import-hostile.test.ts.)
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import type { ArchiveLimits } from '../../src/import/archive.js';
import { readQdaFile } from '../../src/import/read-qdpx.js';
import { ImportRefusal } from '../../src/import/refusal.js';
import { qdpxFolder, removeQdpxFiles, vendorQdpx, writeArchive, type ArchiveEntry } from '../helpers/qdpx.js';

afterAll(removeQdpxFiles);

const NS = 'urn:QDA-XML:project:1.0';
const G1 = '11111111-1111-4111-8111-111111111111';
const G2 = '22222222-2222-4222-8222-222222222222';
const G3 = '33333333-3333-4333-8333-333333333333';

/** A one-source project whose XML is `body` inside <Project>. */
function projectXml(body: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="${NS}" name="Hostile">\n${body}\n</Project>\n`;
}

const CODEBOOK = `<CodeBook><Codes><Code guid="${G1}" name="Leadership" isCodable="true"/></Codes></CodeBook>`;

async function archive(entries: ArchiveEntry[]): Promise<string> {
  return writeArchive(path.join(await qdpxFolder(), 'hostile.qdpx'), entries);
}

async function refusal(file: string, limits?: ArchiveLimits): Promise<string[]> {
  try {
    await readQdaFile(file, limits);
  } catch (error) {
    if (error instanceof ImportRefusal) return error.problems.map((problem) => (problem.file ? `${problem.file}: ${problem.message}` : problem.message));
    throw error;
  }
  throw new Error(`${file} was accepted`);
}

describe('reading a hostile or broken project file', () => {
  it('refuses a file that is not a ZIP archive', async () => {
    const file = path.join(await qdpxFolder(), 'notes.qdpx');
    await writeFile(file, 'These are my interview notes, not an export.\n');
    expect(await refusal(file)).toEqual([
      'notes.qdpx is not a ZIP archive, or is cut short; a REFI-QDA project (.qdpx) is a ZIP ' +
        'holding one project XML (.qde) and its sources. Export the project again with "REFI-QDA project" as the format.',
    ]);
  });

  it('refuses a ZIP archive with no project XML', async () => {
    const file = await archive([
      { name: 'sources/a.txt', data: 'text' },
      { name: 'readme.md', data: 'hello' },
    ]);
    expect(await refusal(file)).toEqual([
      'hostile.qdpx holds no project XML: a REFI-QDA project has one .qde file at the top of the archive (it holds 2 entries: ' +
        '"sources/a.txt", "readme.md"). Export with "REFI-QDA project" (.qdpx) as the format.',
    ]);
  });

  it('refuses a ZIP bomb: an entry that inflates past the cap is stopped there', async () => {
    // 64 MB of zeros deflates to about 64 KB; the cap here is 1 MB.
    const limits = { maxEntries: 100, maxEntryBytes: 1024 * 1024, maxTotalBytes: 8 * 1024 * 1024 };
    const xml = projectXml(`<Sources><TextSource guid="${G2}" name="Bomb" plainTextPath="internal://bomb.txt"/></Sources>`);
    const bomb = await archive([
      { name: 'project.qde', data: xml },
      { name: 'sources/bomb.txt', data: Buffer.alloc(64 * 1024 * 1024) },
    ]);
    expect(await refusal(bomb, limits)).toEqual([
      'hostile.qdpx: the entry "sources/bomb.txt" inflates to more than 1 MB, the limit for one entry; the archive is refused as a possible ZIP bomb.',
    ]);
  });

  it('refuses XML that declares entities, before any is expanded', async () => {
    const xml =
      '<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' +
      `<!ENTITY file SYSTEM "file:///etc/passwd">]>\n<Project xmlns="${NS}" name="&b;&file;"/>\n`;
    expect(await refusal(await archive([{ name: 'project.qde', data: xml }]))).toEqual([
      'project.qde line 2: the XML declares a document type (<!DOCTYPE ...>); REFI-QDA files have none, and entity declarations are ' +
        'refused so that no entity can expand or read other files. Export the project again from your QDA tool.',
    ]);
  });

  it('refuses an entry name that climbs out of the archive', async () => {
    // yazl refuses to write such a name, so the archive is written with a stand-in of the same length and patched.
    const file = await archive([
      { name: 'project.qde', data: projectXml('') },
      { name: 'xx/xx/etc/cron.d/evil', data: 'x', store: true },
    ]);
    const bytes = await readFile(file);
    await writeFile(file, Buffer.from(bytes.toString('latin1').replaceAll('xx/xx/etc', '../../etc'), 'latin1'));
    expect(await refusal(file)).toEqual(['hostile.qdpx: the entry "../../etc/cron.d/evil" climbs out of the archive; entries must stay inside it.']);
  });

  it.each([
    [
      'internal://../../../etc/passwd',
      'plainTextPath "internal://../../../etc/passwd" climbs out of the archive with ".."; it must name a file in the archive\'s Sources folder',
    ],
    [
      'absolute:///etc/passwd',
      'plainTextPath "absolute:///etc/passwd" points outside the archive; only internal:// paths (files in its Sources folder) are read. Export again with the sources included.',
    ],
    ['internal:///etc/passwd', 'plainTextPath "internal:///etc/passwd" is an absolute path; it must name a file in the archive\'s Sources folder'],
  ])('refuses a plainTextPath %s that leaves the archive', async (plainTextPath, message) => {
    const xml = projectXml(`<Sources><TextSource guid="${G2}" name="Interview 1" plainTextPath="${plainTextPath}"/></Sources>`);
    expect(await refusal(await archive([{ name: 'project.qde', data: xml }]))).toEqual([`project.qde: TextSource "Interview 1" (guid ${G2}): ${message}`]);
  });

  it('refuses truncated XML, naming the elements left open', async () => {
    const xml = projectXml(
      `${CODEBOOK}<Sources><TextSource guid="${G2}" name="Interview 1"><PlainTextContent>We trained super-users.</PlainTextContent></TextSource></Sources>`,
    );
    const truncated = xml.slice(0, xml.indexOf('</PlainTextContent>') + 10);
    expect(await refusal(await archive([{ name: 'project.qde', data: truncated }]))).toEqual([
      'project.qde ends before <Project> <Sources> <TextSource> <PlainTextContent> are closed: the XML is truncated (an interrupted export, ' +
        'copy or download). Export the project again.',
    ]);
  });

  it('refuses a selection outside its text and a CodeRef to no code, reporting both', async () => {
    const xml = projectXml(
      `${CODEBOOK}<Sources><TextSource guid="${G2}" name="Interview 1"><PlainTextContent>Short text.</PlainTextContent>` +
        `<PlainTextSelection guid="${G3}" name="past the end" startPosition="6" endPosition="40"><Coding guid="${G1.replace(/1/g, '4')}"><CodeRef targetGUID="{99999999-9999-4999-8999-999999999999}"/></Coding></PlainTextSelection>` +
        '</TextSource></Sources>',
    );
    expect(await refusal(await archive([{ name: 'project.qde', data: xml }]))).toEqual([
      `project.qde: PlainTextSelection "past the end" (guid ${G3}) in TextSource "Interview 1" (guid ${G2}) ends at character 40, outside its text of 11 characters; positions count characters of the plain text`,
      `project.qde: PlainTextSelection "past the end" (guid ${G3}) in TextSource "Interview 1" (guid ${G2}): CodeRef 99999999-9999-4999-8999-999999999999 is no Code of the codebook; every coding must name a code`,
    ]);
  });

  it('refuses a project whose root is not a REFI-QDA Project', async () => {
    const xml = '<?xml version="1.0"?>\n<Project name="x"/>\n';
    expect(await refusal(await archive([{ name: 'project.qde', data: xml }]))).toEqual([
      'project.qde line 2: the root element is <Project> in namespace ""; a REFI-QDA project has <Project> in urn:QDA-XML:project:1.0 ' +
        '(a codebook <CodeBook> in urn:QDA-XML:codebook:1.0)',
    ]);
  });

  it('refuses a plainTextPath naming a file the archive does not hold', async () => {
    const file = await vendorQdpx('nvivo', (entries) => entries.filter((entry) => !entry.name.startsWith('sources/6cb8')));
    expect(await refusal(file)).toEqual([
      'project.qde: TextSource "Interview 01 - CNIO" (guid 6cb82234-d013-44e3-aa8d-4f3f1b162b1e): plainTextPath ' +
        '"internal://6cb82234-d013-44e3-aa8d-4f3f1b162b1e.txt" names sources/6cb82234-d013-44e3-aa8d-4f3f1b162b1e.txt, which the archive does not hold',
    ]);
  });
});
