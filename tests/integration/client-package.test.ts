/**
 * The client package as a dashboard builder gets it: `npm run build:client` packs it, a temporary project outside
 * this repository installs the tarball, type-checks its code with `tsc` (NodeNext and strict; bundler and node10
 * resolution too), runs graphql-codegen with the README's codegen.ts, and runs the result with plain `node` against
 * a test server that trusts only the package's documents and the project's own.
 *
 * Only the tarball is installed with npm (its dependencies come from the npm cache when they are there). The tools
 * (TypeScript, @types/node, graphql-codegen) are this repository's, linked into the project: installing them would
 * cost a minute and test npm rather than the package.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { connectTestDatabase } from '../helpers/database.js';
import { loadFixtureGraph } from '../helpers/fixture.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const run = promisify(execFile);
const repoModules = path.join(projectRoot, 'node_modules');
const TSC = path.join(repoModules, 'typescript', 'bin', 'tsc');
const CODEGEN = path.join(repoModules, '@graphql-codegen', 'cli', 'cjs', 'bin.js');
const TSX = path.join(repoModules, 'tsx', 'dist', 'cli.mjs');

/** A file of the README's "Bring your own codegen", found by its first line (`// codegen.ts`). */
async function readmeFile(name: string): Promise<string> {
  const readme = await readFile(path.join(projectRoot, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!).find((code) => code.startsWith(`// ${name}\n`));
  if (!block) throw new Error(`README.md has no \`\`\`ts block starting with "// ${name}".`);
  return block;
}

/** Code of the project that uses the package's own documents. */
const SUBJECTS = `import { createClient, DashboardSubjectsDocument, type DashboardSubjectsQuery } from 'epr-evidence-graph-client';

const client = createClient({ url: process.argv[2] ?? 'http://localhost:4000/graphql', documents: 'hash' });
const data: DashboardSubjectsQuery = await client.request(DashboardSubjectsDocument);
const names: string[] = data.supportOffers.map((offer) => offer.name);
console.log(JSON.stringify(names));
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    outDir: 'dist',
    rootDir: 'src',
    types: ['node'],
    skipLibCheck: true,
  },
  include: ['src'],
};

let project: string;
let packed: string;
let tarball: string;
let db: Database;
let server: TestServer;
/** node_modules of the project right after installing the tarball, before the tools are linked in. */
let installed: string[];

async function inProject(file: string, args: string[]) {
  return run(process.execPath, [file, ...args], { cwd: project });
}

/** tsc's exit code and diagnostics for the project with some options overridden. */
async function typeCheck(args: string[]): Promise<{ code: number; output: string }> {
  try {
    await inProject(TSC, ['-p', 'tsconfig.json', ...args]);
    return { code: 0, output: '' };
  } catch (error) {
    const { code, stdout } = error as { code: number; stdout: string };
    return { code, output: stdout };
  }
}

beforeAll(async () => {
  const built = await run(process.execPath, [TSX, 'src/cli/build-client.ts'], { cwd: projectRoot });
  packed = built.stdout.trim();
  tarball = path.join(projectRoot, /^Packed (\S+):/.exec(packed)![1]!);

  project = await mkdtemp(path.join(os.tmpdir(), 'epr-client-consumer-'));
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: project });

  const modules = path.join(project, 'node_modules');
  installed = (await readdir(modules)).filter((name) => !name.startsWith('.')).sort();
  await symlink(path.join(repoModules, 'typescript'), path.join(modules, 'typescript'), 'dir');
  await mkdir(path.join(modules, '@types'));
  await symlink(path.join(repoModules, '@types', 'node'), path.join(modules, '@types', 'node'), 'dir');
  await symlink(path.join(repoModules, '@graphql-codegen'), path.join(modules, '@graphql-codegen'), 'dir');

  await mkdir(path.join(project, 'src'));
  await writeFile(path.join(project, 'codegen.ts'), await readmeFile('codegen.ts'));
  await writeFile(path.join(project, 'src', 'offers.ts'), await readmeFile('src/offers.ts'));
  await writeFile(path.join(project, 'src', 'subjects.ts'), SUBJECTS);
  await writeFile(path.join(project, 'tsconfig.json'), JSON.stringify(TSCONFIG));
  await inProject(CODEGEN, ['--config', 'codegen.ts', '--silent']);

  db = connectTestDatabase();
  await loadFixtureGraph(db);
  server = await startTestServer(db, {
    TRUSTED_DOCUMENTS: 'required',
    TRUSTED_DOCUMENTS_FILES: path.join(project, 'src', 'gql', 'persisted-documents.json'),
  });
}, 300_000);

afterAll(async () => {
  await server?.close();
  await db?.close();
  if (project) await rm(project, { recursive: true, force: true });
});

describe('the packed client package', () => {
  it('is small and holds the built client, its declarations, the schema and the manifest, nothing of the server', async () => {
    const { stdout } = await run('tar', ['-tzf', tarball]);
    expect(stdout.split('\n').filter(Boolean).sort()).toEqual([
      'package/README.md',
      'package/client/index.d.ts',
      'package/client/index.js',
      'package/generated/client/graphql.d.ts',
      'package/generated/client/graphql.js',
      'package/package.json',
      'package/persisted-documents.json',
      'package/schema.graphql',
    ]);
    const [, kB] = /, ([\d.]+) kB \(/.exec(packed)!;
    expect(Number(kB)).toBeLessThan(100);
  });

  it('installs with graphql and @graphql-typed-document-node/core as its only dependencies', async () => {
    expect(installed).toEqual(['@graphql-typed-document-node', 'epr-evidence-graph-client', 'graphql']);
    const manifest = JSON.parse(await readFile(path.join(project, 'node_modules', 'epr-evidence-graph-client', 'package.json'), 'utf8'));
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['@graphql-typed-document-node/core', 'graphql']);
    expect(manifest.version).toBe(JSON.parse(await readFile(path.join(projectRoot, 'package.json'), 'utf8')).version);
  });

  it('imports in plain node, with its documents carrying their hashes', async () => {
    const { stdout } = await inProject('--input-type=module', [
      '-e',
      "const m = await import('epr-evidence-graph-client'); console.log(typeof m.createClient, m.persistedDocumentHash(m.DashboardSubjectsDocument));",
    ]);
    expect(stdout.trim()).toMatch(/^function sha256:[0-9a-f]{64}$/);
  });

  it('type-checks a consumer under NodeNext and strict, and under bundler and node10 resolution', async () => {
    expect(await typeCheck([])).toEqual({ code: 0, output: '' });
    expect(await typeCheck(['--noEmit', '--module', 'ESNext', '--moduleResolution', 'bundler'])).toEqual({ code: 0, output: '' });
    // node10 knows no package exports: the package's `types` and `main` serve it.
    const node10 = await typeCheck(['--noEmit', '--module', 'ESNext', '--moduleResolution', 'node10', '--ignoreDeprecations', '5.0']);
    expect(node10).toEqual({ code: 0, output: '' });
  }, 180_000);

  it("runs the consumer's own codegen'd operation with node, typed, against a server that trusts its manifest", async () => {
    const { stdout } = await inProject(path.join('dist', 'offers.js'), [`${server.url}/graphql`]);
    // Answer key (tests/fixtures/graph/README.md): offer-broad 9 insights at 3 trusts, offer-thin 2 at 1.
    expect(JSON.parse(stdout)).toEqual([
      ['offer-broad', 9, 3],
      ['offer-thin', 2, 1],
    ]);
  }, 120_000);

  it("runs the package's own documents by hash alone", async () => {
    const { stdout } = await inProject(path.join('dist', 'subjects.js'), [`${server.url}/graphql`]);
    expect(JSON.parse(stdout)).toEqual(['Broad fixture offer', 'Thin fixture offer']);
  });
});
