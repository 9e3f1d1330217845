/**
 * Hostile and broken REFI-QDA files, end to end: the importer's part of the bad-input corpus. Each import is refused
 * with its exact message, every problem on its line, and the graph is exactly as before.
 */
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Database } from '../../src/db/database.js';
import { importProject } from '../../src/import/import-project.js';
import { SeedValidationError } from '../../src/seed/problems.js';
import { connectTestDatabase } from '../helpers/database.js';
import { loadFixtureGraph } from '../helpers/fixture.js';
import { qdpxFolder, removeQdpxFiles, vendorQdpx, writeArchive, type ArchiveEntry } from '../helpers/qdpx.js';

const MAPPING = path.resolve(import.meta.dirname, '..', '..', 'seeds', 'examples', 'ward-rollout', 'mapping.yaml');
const NS = 'urn:QDA-XML:project:1.0';

let db: Database;

async function graph(): Promise<unknown> {
  return db.readQuery('MATCH (n) RETURN labels(n)[0] AS label, count(*) AS count ORDER BY label');
}

async function archive(entries: ArchiveEntry[]): Promise<string> {
  return writeArchive(path.join(await qdpxFolder(), 'hostile.qdpx'), entries);
}

const xml = (body: string) => `<?xml version="1.0"?>\n<Project xmlns="${NS}" name="Hostile">${body}</Project>\n`;

const CASES: Array<[string, () => Promise<string>, string]> = [
  [
    'a ZIP bomb',
    async () =>
      archive([
        {
          name: 'project.qde',
          data: xml('<Sources><TextSource guid="22222222-2222-4222-8222-222222222222" name="Bomb" plainTextPath="internal://bomb.txt"/></Sources>'),
        },
        { name: 'sources/bomb.txt', data: Buffer.alloc(8 * 1024 * 1024) },
      ]),
    [
      '1 problem found; nothing was written:',
      '  hostile.qdpx: the entry "sources/bomb.txt" inflates to more than 1 MB, the limit for one entry; the archive is refused as a possible ZIP bomb.',
    ].join('\n'),
  ],
  [
    'XML entities',
    async () => archive([{ name: 'project.qde', data: '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<Project name="&a;"/>' }]),
    [
      '1 problem found; nothing was written:',
      '  project.qde line 2: the XML declares a document type (<!DOCTYPE ...>); REFI-QDA files have none, and entity declarations are refused so that no entity can expand or read other files. Export the project again from your QDA tool.',
    ].join('\n'),
  ],
  [
    'a plainTextPath out of the archive',
    async () =>
      archive([
        {
          name: 'project.qde',
          data: xml('<Sources><TextSource guid="22222222-2222-4222-8222-222222222222" name="I" plainTextPath="internal://../../etc/passwd"/></Sources>'),
        },
      ]),
    [
      '1 problem found; nothing was written:',
      '  project.qde: TextSource "I" (guid 22222222-2222-4222-8222-222222222222): plainTextPath "internal://../../etc/passwd" climbs out of the archive with ".."; it must name a file in the archive\'s Sources folder',
    ].join('\n'),
  ],
  [
    'truncated XML',
    async () => archive([{ name: 'project.qde', data: xml('<Sources>').slice(0, 80) }]),
    [
      '1 problem found; nothing was written:',
      '  project.qde ends before <Project> is closed: the XML is truncated (an interrupted export, copy or download). Export the project again.',
    ].join('\n'),
  ],
  [
    'a selection outside its text',
    async () =>
      vendorQdpx('maxqda', (entries) => entries.map((entry) => ({ ...entry, data: String(entry.data).replace('endPosition="147"', 'endPosition="4470"') }))),
    [
      '1 problem found; nothing was written:',
      '  project.qde: PlainTextSelection "We trained two super-users on " (guid d322cc98-0e83-4945-a4a3-192c51765971) in TextSource "Interview 01 - CNIO" (guid 94e840df-2f5b-4fa0-ab54-7b9a4d5b53c4) ends at character 4470, outside its text of 423 characters; positions count characters of the plain text',
    ].join('\n'),
  ],
  [
    'a CodeRef to no code',
    async () =>
      vendorQdpx('maxqda', (entries) =>
        entries.map((entry) => ({ ...entry, data: String(entry.data).replace(/<CodeRef targetGUID="\{[0-9A-F]/, '<CodeRef targetGUID="{0') })),
      ),
    [
      '1 problem found; nothing was written:',
      '  project.qde: PlainTextSelection "We trained two super-users on " (guid d322cc98-0e83-4945-a4a3-192c51765971) in TextSource "Interview 01 - CNIO" (guid 94e840df-2f5b-4fa0-ab54-7b9a4d5b53c4): CodeRef 0f92a1ea-ca7d-45d9-a9c1-46c1cf1eefe8 is no Code of the codebook; every coding must name a code',
    ].join('\n'),
  ],
  [
    'a trust the graph does not hold',
    async () => vendorQdpx('maxqda'),
    [
      '10 problems found; nothing was written:',
      '  TextSource "Interview 01 - CNIO" (guid 94e840df-2f5b-4fa0-ab54-7b9a4d5b53c4) (participants.csv), column trust_ods_code: "RGT" is not the ods_code of any trust, neither in trusts.csv nor in the graph',
      '  TextSource "Interview 02 - Ward sister" (guid 5b9350ec-dc93-40da-aa12-2ee25b24173b) (participants.csv), column trust_ods_code: "RGT" is not the ods_code of any trust, neither in trusts.csv nor in the graph',
      '  TextSource "Interview 03 - CCIO" (guid 3d076e41-1a9b-4768-aba5-e54d54c59aff) (participants.csv), column trust_ods_code: "RH8" is not the ods_code of any trust, neither in trusts.csv nor in the graph',
      '  TextSource "Interview 01 - CNIO" (guid 94e840df-2f5b-4fa0-ab54-7b9a4d5b53c4) (interviews.csv), column trust_ods_code: "RGT" is not the ods_code of any trust, neither in trusts.csv nor in the graph',
      '  TextSource "Interview 02 - Ward sister" (guid 5b9350ec-dc93-40da-aa12-2ee25b24173b) (interviews.csv), column trust_ods_code: "RGT" is not the ods_code of any trust, neither in trusts.csv nor in the graph',
      '  TextSource "Interview 03 - CCIO" (guid 3d076e41-1a9b-4768-aba5-e54d54c59aff) (interviews.csv), column trust_ods_code: "RH8" is not the ods_code of any trust, neither in trusts.csv nor in the graph',
      '  PlainTextSelection "We trained two super-users on " (guid d322cc98-0e83-4945-a4a3-192c51765971) in TextSource "Interview 01 - CNIO" (guid 94e840df-2f5b-4fa0-ab54-7b9a4d5b53c4) (insight_determinants.csv), column determinant_id: "D07" is not the id of any determinant, neither in determinants.csv nor in the graph',
      '  PlainTextSelection "We moved the allergy records b" (guid 475ca8be-51d3-4499-ab4c-58dd0ecb1e0f) in TextSource "Interview 01 - CNIO" (guid 94e840df-2f5b-4fa0-ab54-7b9a4d5b53c4) (insight_determinants.csv), column determinant_id: "D06" is not the id of any determinant, neither in determinants.csv nor in the graph',
      '  PlainTextSelection "The drug chart needs six click" (guid 9059f766-8377-47c3-a5ea-b528e52059ca) in TextSource "Interview 02 - Ward sister" (guid 5b9350ec-dc93-40da-aa12-2ee25b24173b) (insight_determinants.csv), column determinant_id: "D08" is not the id of any determinant, neither in determinants.csv nor in the graph',
      '  PlainTextSelection "E-learning only, and nobody ha" (guid 48c4c436-7fcd-4f09-af93-6a7d898a30d3) in TextSource "Interview 03 - CCIO" (guid 3d076e41-1a9b-4768-aba5-e54d54c59aff) (insight_determinants.csv), column determinant_id: "D07" is not the id of any determinant, neither in determinants.csv nor in the graph',
    ].join('\n'),
  ],
];

beforeAll(async () => {
  db = connectTestDatabase();
  await loadFixtureGraph(db);
});

afterAll(async () => {
  await db?.close();
  await removeQdpxFiles();
});

describe('a hostile or broken project file', () => {
  it.each(CASES)('%s is refused and the graph is left as it was', async (_name, make, message) => {
    const before = await graph();
    const limits = { maxEntries: 1000, maxEntryBytes: 1024 * 1024, maxTotalBytes: 4 * 1024 * 1024 };
    const refused = await importProject(db, await make(), MAPPING, { limits }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(SeedValidationError);
    expect((refused as Error).message).toBe(message);
    expect(await graph()).toEqual(before);
  });
});
