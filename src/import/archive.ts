/**
 * A REFI-QDA project exchange file (.qdpx) as a ZIP archive read from disk entry by entry: yauzl reads the central
 * directory, then only the entries asked for are inflated, each streamed and counted, so a large project never
 * sits in memory whole and a ZIP bomb is stopped at the cap rather than after it.
 *
 * Refused here, before anything is parsed: a file that is not a ZIP, an entry name that climbs out of the archive
 * (`../`, an absolute path, a drive letter), an entry larger than its cap, more bytes in all than the total cap, and
 * encrypted entries. The caps bound what one import can cost; a real project's XML and transcripts are far below.
 */
import yauzl, { type Entry, type ZipFile } from 'yauzl';

import { ImportRefusal } from './refusal.js';

export interface ArchiveLimits {
  /** Most entries the central directory may list. */
  maxEntries: number;
  /** Most bytes one entry may inflate to. */
  maxEntryBytes: number;
  /** Most bytes all the entries read may inflate to together. */
  maxTotalBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 100_000,
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
};

export interface QdpxArchive {
  /** The file name of the archive, for messages. */
  readonly name: string;
  /** Entry names as stored, in archive order (folders left out). */
  readonly entryNames: readonly string[];
  /** The entry with this name, compared without letter case (NVivo writes `sources/`, the standard `Sources/`). */
  find(name: string): string | undefined;
  /** The entry's bytes as UTF-8 text; refuses an entry over the limits. */
  readText(name: string): Promise<string>;
  close(): void;
}

/** Opens `file` as a ZIP archive; throws ImportRefusal when it is not one or an entry name is unsafe. */
export async function openQdpxArchive(file: string, name: string, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Promise<QdpxArchive> {
  const zip = await openZip(file, name);
  try {
    const entries = await listEntries(zip, name, limits);
    return archiveOf(zip, name, entries, limits);
  } catch (error) {
    zip.close();
    throw error;
  }
}

function openZip(file: string, name: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) {
        // yauzl types the error as Error; what fs gives it carries a code. (The rule misreads this cast as a no-op.)
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
        const code = (error as NodeJS.ErrnoException | null)?.code;
        reject(
          code === 'ENOENT'
            ? new ImportRefusal(`No file ${file}; give the path of the .qdpx project your QDA tool exported.`)
            : new ImportRefusal(
                `${name} is not a ZIP archive, or is cut short; a REFI-QDA project (.qdpx) is a ZIP ` +
                  'holding one project XML (.qde) and its sources. Export the project again with "REFI-QDA project" as the format.',
              ),
        );
      } else resolve(zip);
    });
  });
}

function listEntries(zip: ZipFile, name: string, limits: ArchiveLimits): Promise<Map<string, Entry>> {
  if (zip.entryCount > limits.maxEntries) {
    return Promise.reject(
      new ImportRefusal(`${name} lists ${zip.entryCount.toLocaleString('en-GB')} entries; at most ${limits.maxEntries.toLocaleString('en-GB')} are allowed.`),
    );
  }
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>();
    zip.on('entry', (entry: Entry) => {
      const problem = unsafeName(entry.fileName);
      if (problem) {
        reject(new ImportRefusal(`${name}: the entry ${JSON.stringify(entry.fileName)} ${problem}; entries must stay inside the archive.`));
        return;
      }
      if (!entry.fileName.endsWith('/')) entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (error: Error) => reject(describeZipError(error, name)));
    zip.readEntry();
  });
}

/** Why an entry or a path inside the archive is unsafe, or undefined when it is a plain relative path. */
export function unsafeName(fileName: string): string | undefined {
  const normalised = fileName.replace(/\\/g, '/');
  if (normalised.startsWith('/')) return 'is an absolute path';
  if (/^[a-zA-Z]:/.test(normalised)) return 'starts with a drive letter';
  if (normalised.split('/').some((part) => part === '..')) return 'climbs out of the archive with ".."';
  if (normalised.includes('\0')) return 'holds a NUL character';
  return undefined;
}

function describeZipError(error: Error, name: string): ImportRefusal {
  // yauzl validates names itself ("invalid relative path: ../x", "absolute path: /x") before we see the entry.
  const unsafe = /^(invalid relative path|absolute path|invalid characters in fileName): (.*)$/.exec(error.message);
  if (unsafe) {
    return new ImportRefusal(`${name}: the entry ${JSON.stringify(unsafe[2])} climbs out of the archive; entries must stay inside it.`);
  }
  return new ImportRefusal(`${name} is a damaged ZIP archive (${error.message}); export the project again.`);
}

function archiveOf(zip: ZipFile, name: string, entries: Map<string, Entry>, limits: ArchiveLimits): QdpxArchive {
  const byLowerCase = new Map([...entries.keys()].map((entryName) => [entryName.toLowerCase(), entryName]));
  let totalBytes = 0;
  return {
    name,
    entryNames: [...entries.keys()],
    find: (entryName) => byLowerCase.get(entryName.replace(/\\/g, '/').replace(/^\.\//, '').toLowerCase()),
    async readText(entryName) {
      const entry = entries.get(entryName);
      if (!entry) throw new ImportRefusal(`${name} holds no entry ${JSON.stringify(entryName)}.`);
      if (entry.isEncrypted()) throw new ImportRefusal(`${name}: the entry ${JSON.stringify(entryName)} is encrypted; export without a password.`);
      const over = (bytes: number) =>
        bytes > limits.maxEntryBytes
          ? `the entry ${JSON.stringify(entryName)} inflates to more than ${megabytes(limits.maxEntryBytes)}, the limit for one entry`
          : totalBytes + bytes > limits.maxTotalBytes
            ? `the entries read inflate to more than ${megabytes(limits.maxTotalBytes)} in all, the limit for one project`
            : undefined;
      const declared = over(entry.uncompressedSize);
      if (declared) throw new ImportRefusal(`${name}: ${declared}; the archive is refused as a possible ZIP bomb.`);
      const bytes = await readEntry(zip, entry, (count) => over(count));
      totalBytes += bytes.length;
      return new TextDecoder('utf-8').decode(bytes);
    },
    close: () => zip.close(),
  };
}

/** Streams one entry, stopping as soon as it inflates past what `tooMuch` allows (the declared size can lie). */
function readEntry(zip: ZipFile, entry: Entry, tooMuch: (bytes: number) => string | undefined): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) {
        reject(new ImportRefusal(`the entry ${JSON.stringify(entry.fileName)} cannot be read: ${error?.message ?? 'no stream'}`));
        return;
      }
      const chunks: Buffer[] = [];
      let count = 0;
      stream.on('data', (chunk: Buffer) => {
        count += chunk.length;
        const problem = tooMuch(count);
        if (problem) {
          stream.destroy();
          reject(new ImportRefusal(`${problem}; the archive is refused as a possible ZIP bomb.`));
          return;
        }
        chunks.push(chunk);
      });
      stream.on('error', (streamError: Error) =>
        reject(new ImportRefusal(`the entry ${JSON.stringify(entry.fileName)} is damaged (${streamError.message}); export the project again.`)),
      );
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024)).toLocaleString('en-GB')} MB`;
}
