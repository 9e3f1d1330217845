/**
 * REFI-QDA archives for tests, zipped at test time so the repository holds readable fixture folders
 * (tests/fixtures/qdpx/<tool>/) rather than binary files; hostile archives are built entry by entry.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import yazl from 'yazl';

export const QDPX_FIXTURES = path.resolve(import.meta.dirname, '..', 'fixtures', 'qdpx');
export const VENDOR_SHAPES = ['nvivo', 'atlas-ti', 'maxqda'] as const;
export type VendorShape = (typeof VENDOR_SHAPES)[number];

export interface ArchiveEntry {
  name: string;
  data: string | Buffer;
  /** Store without compression (the default deflates). */
  store?: boolean;
}

const folders: string[] = [];

/** A temporary folder for archives; removed by removeQdpxFiles(). */
export async function qdpxFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'epr-graph-qdpx-'));
  folders.push(dir);
  return dir;
}

export async function removeQdpxFiles(): Promise<void> {
  for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true });
}

/** Writes the entries as a ZIP file and returns its path. */
export async function writeArchive(file: string, entries: readonly ArchiveEntry[]): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    zip.addBuffer(data, entry.name, { compress: !entry.store, mtime: new Date(Date.UTC(2025, 0, 1)) });
  }
  zip.end();
  await new Promise<void>((resolve, reject) => {
    zip.outputStream.pipe(createWriteStream(file)).on('close', resolve).on('error', reject);
  });
  return file;
}

/** The files of a folder as archive entries, with `/` separators, in name order. */
export async function folderEntries(dir: string): Promise<ArchiveEntry[]> {
  const entries: ArchiveEntry[] = [];
  const walk = async (relative: string) => {
    for (const item of (await readdir(path.join(dir, relative), { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const name = relative === '' ? item.name : `${relative}/${item.name}`;
      if (item.isDirectory()) await walk(name);
      else entries.push({ name, data: await readFile(path.join(dir, name)) });
    }
  };
  await walk('');
  return entries;
}

/** A vendor-shaped fixture folder zipped into a .qdpx; `edit` may change the entries first. */
export async function vendorQdpx(shape: VendorShape, edit: (entries: ArchiveEntry[]) => ArchiveEntry[] = (e) => e): Promise<string> {
  const entries = edit(await folderEntries(path.join(QDPX_FIXTURES, shape)));
  return writeArchive(path.join(await qdpxFolder(), `${shape}.qdpx`), entries);
}
