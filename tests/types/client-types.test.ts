/**
 * Type-level tests of the typed client: `tsc --noEmit` on a fixture that must compile and on one that must fail with
 * the expected errors. The fixtures import `epr-evidence-graph/client`, the package's documented entry point.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/config.js';

const run = promisify(execFile);
const TSC = path.join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
const OPTIONS = ['--noEmit', '--strict', '--skipLibCheck', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node'];

/** Compiles one fixture; resolves with tsc's exit code and its diagnostics, one per line. */
async function compile(fixture: string): Promise<{ code: number; errors: string[] }> {
  const file = path.join('tests', 'types', 'fixtures', fixture);
  try {
    await run(process.execPath, [TSC, ...OPTIONS, file], { cwd: projectRoot });
    return { code: 0, errors: [] };
  } catch (error) {
    const { code, stdout } = error as { code: number; stdout: string };
    return { code, errors: stdout.split('\n').filter((line) => line.includes('error TS')) };
  }
}

// Each compile takes a few seconds, and over a minute with both cores busy: run the two side by side.
describe.concurrent('the typed client, at compile time', () => {
  it('accepts a dashboard that uses the documents as generated', async () => {
    expect(await compile('must-compile.ts')).toEqual({ code: 0, errors: [] });
  }, 240_000);

  it('rejects an unselected field, a misused result type and a missing variable', async () => {
    const { code, errors } = await compile('must-fail.ts');
    expect(code).toBe(2);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/must-fail\.ts\(10,\d+\): error TS2339: Property 'budget' does not exist on type/);
    expect(errors[1]).toMatch(/must-fail\.ts\(12,\d+\): error TS2322: Type 'string' is not assignable to type 'number'\./);
    expect(errors[2]).toMatch(
      /must-fail\.ts\(14,\d+\): error TS2345: Argument of type '\{\}' is not assignable to parameter of type 'Exact<\{ id: string \| number; \}>'\./,
    );
  }, 240_000);
});
