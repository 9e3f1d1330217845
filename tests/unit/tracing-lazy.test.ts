/**
 * Tracing off costs nothing: without an OTLP endpoint the OpenTelemetry packages are never loaded. Checked in a fresh
 * Node process (they are CommonJS, so a loaded one shows in require.cache), before and after asking for tracing.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { expect, it } from 'vitest';

import { projectRoot } from '../../src/config.js';

const run = promisify(execFile);

const SCRIPT = `
const { createRequire } = require('node:module');
const loaded = () => Object.keys(createRequire(process.cwd() + '/package.json').cache).filter((file) => file.includes('@opentelemetry')).length > 0;
import('./src/tracing/index.ts').then(async ({ startTracing }) => {
  const off = await startTracing({ tracesUrl: undefined, serviceName: 'x' });
  const before = loaded();
  const on = await startTracing({ tracesUrl: 'http://127.0.0.1:9/v1/traces', serviceName: 'x' });
  const after = loaded();
  await on.shutdown();
  console.log(JSON.stringify({ off: off === undefined, before, after }));
});
`;

it('loads no OpenTelemetry module until tracing is asked for', async () => {
  const tsx = path.join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const { stdout } = await run(process.execPath, [tsx, '--eval', SCRIPT], { cwd: projectRoot });
  expect(JSON.parse(stdout)).toEqual({ off: true, before: false, after: true });
}, 60_000);
