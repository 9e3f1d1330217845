/**
 * Hostile and broken REFI-QDA files, end to end: each import is refused with its message and the graph is exactly as
 * before (the messages themselves are checked one by one in tests/unit/import-hostile.test.ts).
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

const CASES: Array<[string, () => Promise<string>, RegExp]> = [
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
    /possible ZIP bomb/,
  ],
  [
    'XML entities',
    async () => archive([{ name: 'project.qde', data: '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa">]>\n<Project name="&a;"/>' }]),
    /declares a document type/,
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
    /climbs out of the archive/,
  ],
  ['truncated XML', async () => archive([{ name: 'project.qde', data: xml('<Sources>').slice(0, 80) }]), /the XML is truncated/],
  [
    'a selection outside its text',
    async () =>
      vendorQdpx('maxqda', (entries) => entries.map((entry) => ({ ...entry, data: String(entry.data).replace('endPosition="147"', 'endPosition="4470"') }))),
    /outside its text of 423 characters/,
  ],
  [
    'a CodeRef to no code',
    async () =>
      vendorQdpx('maxqda', (entries) =>
        entries.map((entry) => ({ ...entry, data: String(entry.data).replace(/<CodeRef targetGUID="\{[0-9A-F]/, '<CodeRef targetGUID="{0') })),
      ),
    /is no Code of the codebook/,
  ],
  ['a trust the graph does not hold', async () => vendorQdpx('maxqda'), /"RGT" is not the ods_code of any trust, neither in trusts.csv nor in the graph/],
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
    expect((refused as Error).message).toMatch(message);
    expect((refused as Error).message).toMatch(/nothing was written/);
    expect(await graph()).toEqual(before);
  });
});
