/**
 * `npm run build:client`: builds the client package `epr-evidence-graph-client` and packs it into
 * dist/epr-evidence-graph-client-<version>.tgz, the file a dashboard project installs (`npm install <that file>`).
 *
 * The package is src/client/ compiled to ESM JavaScript with declarations (src/client/tsconfig.build.json), the
 * generated typed documents it re-exports, the printed schema (for a consumer's own codegen) and the persisted
 * documents manifest, described by src/client/package.json with the version of the root package.json. It depends on
 * graphql and @graphql-typed-document-node/core only: nothing of the server is in it.
 */
import { execFile } from 'node:child_process';
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

import { projectRoot } from '../config.js';

const run = promisify(execFile);
const source = path.join(projectRoot, 'src', 'client');
const output = path.join(projectRoot, 'dist', 'client');

await rm(output, { recursive: true, force: true });
await run(process.execPath, [path.join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(source, 'tsconfig.build.json')]);

const { version } = JSON.parse(await readFile(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
const { '//': _comment, ...manifest } = JSON.parse(await readFile(path.join(source, 'package.json'), 'utf8')) as Record<string, unknown>;
await writeFile(path.join(output, 'package.json'), `${JSON.stringify({ name: manifest.name, version, ...manifest }, null, 2)}\n`);
await copyFile(path.join(source, 'README.md'), path.join(output, 'README.md'));
await copyFile(path.join(projectRoot, 'src', 'generated', 'schema.graphql'), path.join(output, 'schema.graphql'));
await copyFile(path.join(projectRoot, 'src', 'generated', 'client', 'persisted-documents.json'), path.join(output, 'persisted-documents.json'));

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const { stdout } = await run(npm, ['pack', output, '--pack-destination', path.join(projectRoot, 'dist'), '--json', '--silent'], { cwd: projectRoot });
const [packed] = JSON.parse(stdout) as Array<{ filename: string; size: number; unpackedSize: number; entryCount: number }>;
if (!packed) throw new Error(`npm pack printed no package: ${stdout}`);
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
process.stdout.write(`Packed ${path.join('dist', packed.filename)}: ${packed.entryCount} files, ${kB(packed.size)} (${kB(packed.unpackedSize)} unpacked).\n`);
