/**
 * Starts, reuses and stops the project's own Neo4j Community server.
 *
 * The server runs the real entry point of the Neo4j distribution (`org.neo4j.server.CommunityEntryPoint`) from
 * the jars Maven resolved, with Bolt on 127.0.0.1 only, HTTP off and auth off (loopback only). One home folder
 * holds one server: a second command on the same home (`npm run seed` while `npm start` runs) finds the running
 * server through `instance.json` and reuses it instead of starting another on the same data.
 * Long (about 380 lines) because starting, sharing and stopping the managed Neo4j (locks, the instance file,
 * readiness, signals) is one life cycle whose steps depend on each other.
 */
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import neo4j from 'neo4j-driver';

import { LocalNeo4jError } from './errors.js';
import { NEO4J_VERSION, prepareRuntime, resolveApocJars } from './install.js';

/** Optional server plugins, resolved from Maven Central on first use. */
export type Neo4jPlugin = 'apoc';

export interface LocalNeo4jOptions {
  /** Folder for data, logs and the instance file. */
  home: string;
  /** Bolt port; 0 picks a free one. */
  boltPort: number;
  heapSize: string;
  pageCacheSize: string;
  startTimeoutMs: number;
  /** Folder for the cached class path, shared by all homes. */
  runtimeCacheDir: string;
  onProgress?: (message: string) => void;
  /**
   * Plugins to load (default none). `apoc` is the APOC core library that @neo4j/graphql needs; its jars go into
   * <home>/plugins (where procedures are discovered) and on the class path (where extensions are), and `apoc.*`
   * procedures run unrestricted.
   */
  plugins?: readonly Neo4jPlugin[];
}

export interface LocalNeo4j {
  uri: string;
  boltPort: number;
  pid: number;
  /** False when another command of the project started the server; `stop()` then leaves it running. */
  owned: boolean;
  home: string;
  logFile: string;
  /** Stops the server if this process started it; resolves when the JVM has exited. Safe to call twice. */
  stop(): Promise<void>;
}

interface InstanceFile {
  pid: number;
  boltPort: number;
  version: string;
  startedAt: string;
}

const STOP_TIMEOUT_MS = 60_000;

export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const progress = options.onProgress ?? (() => {});
  const home = path.resolve(options.home);
  await mkdir(home, { recursive: true });

  const running = await findRunningInstance(home);
  if (running) return running;
  // Two commands started at once (two loads, a load and `npm start`): one starts the server, the other waits for it
  // and reuses it, instead of failing on Neo4j's store lock.
  const lock = await acquireStartLock(home, options.startTimeoutMs, progress);
  if ('reuse' in lock) return lock.reuse;
  try {
    // The lock may have come free because the other command has just started the server: look again under it.
    return (await findRunningInstance(home)) ?? (await startOwnServer(home, options, progress));
  } finally {
    await lock.release();
  }
}

async function startOwnServer(home: string, options: LocalNeo4jOptions, progress: (message: string) => void): Promise<LocalNeo4j> {
  const runtime = await prepareRuntime(options.runtimeCacheDir, progress);
  if (options.plugins?.includes('apoc')) {
    const jars = await resolveApocJars(options.runtimeCacheDir, runtime.classpath, progress);
    await installPlugins(home, jars);
    runtime.classpath = [runtime.classpath, ...jars].join(path.delimiter);
  }
  const boltPort = options.boltPort === 0 ? await findFreePort() : options.boltPort;
  await assertPortFree(boltPort);

  const logs = path.join(home, 'logs');
  await mkdir(logs, { recursive: true });
  const consoleLog = path.join(logs, 'console.log');
  const consoleFd = openSync(consoleLog, 'a');
  progress(`Starting Neo4j ${NEO4J_VERSION} on bolt://127.0.0.1:${boltPort} (data in ${home})...`);
  // Its own process group: Ctrl-C in a terminal signals the whole foreground group, and the JVM must be stopped by
  // this process (which then removes instance.json and prints "Stopped."), not die under it first.
  const child = spawn(runtime.java, javaArguments(runtime.classpath, home, boltPort, options), {
    stdio: ['ignore', consoleFd, consoleFd],
    detached: true,
  });
  closeSync(consoleFd);
  if (child.pid === undefined) {
    throw new LocalNeo4jError(`Could not start ${runtime.java}.`, 'Check that Java runs: `java -version`.');
  }
  const pid = child.pid;
  watchParent(pid);

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const instance = makeHandle(home, boltPort, pid, true, exited);
  const stopOnExit = () => child.kill('SIGTERM');
  process.once('exit', stopOnExit);

  try {
    await waitUntilReady(instance.uri, options.startTimeoutMs, exited, home);
  } catch (error) {
    child.kill('SIGKILL');
    process.removeListener('exit', stopOnExit);
    throw error;
  }
  const record: InstanceFile = { pid, boltPort, version: NEO4J_VERSION, startedAt: new Date().toISOString() };
  await writeFile(instanceFile(home), JSON.stringify(record, null, 2));
  void exited.then(() => {
    process.removeListener('exit', stopOnExit);
    return rm(instanceFile(home), { force: true });
  });
  return instance;
}

function javaArguments(classpath: string, home: string, boltPort: number, options: LocalNeo4jOptions): string[] {
  const dir = (name: string) => path.join(home, name);
  const settings: Record<string, string> = {
    'server.default_listen_address': '127.0.0.1',
    'server.bolt.listen_address': `127.0.0.1:${boltPort}`,
    'server.bolt.advertised_address': `127.0.0.1:${boltPort}`,
    'server.http.enabled': 'false',
    'server.https.enabled': 'false',
    // Loopback only, so auth adds nothing; the driver still sends credentials, which the server ignores.
    'dbms.security.auth_enabled': 'false',
    'server.memory.pagecache.size': options.pageCacheSize,
    'db.tx_log.preallocate': 'false',
    'dbms.usage_report.enabled': 'false',
    // Netty waits a 5 s quiet period twice when Bolt shuts down; nothing is in flight by then, so skip it.
    'internal.dbms.bolt.netty_server_shutdown_quiet_period': '0',
    'server.directories.data': dir('data'),
    'server.directories.logs': dir('logs'),
    'server.directories.run': dir('run'),
    'server.directories.import': dir('import'),
    'server.directories.plugins': dir('plugins'),
  };
  if (options.plugins?.includes('apoc')) settings['dbms.security.procedures.unrestricted'] = 'apoc.*';
  return [
    `-Xms${options.heapSize}`,
    `-Xmx${options.heapSize}`,
    '-XX:+UseG1GC',
    '-XX:-OmitStackTraceInFastThrow',
    '-XX:+ExitOnOutOfMemoryError',
    '-XX:+DisableExplicitGC',
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Djdk.nio.maxCachedBufferSize=1024',
    '-Dlog4j2.disable.jmx=true',
    '-Dfile.encoding=UTF-8',
    '-cp',
    classpath,
    'org.neo4j.server.CommunityEntryPoint',
    `--home-dir=${home}`,
    `--config-dir=${path.join(home, 'conf')}`,
    ...Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`]),
  ];
}

async function installPlugins(home: string, jars: readonly string[]): Promise<void> {
  const plugins = path.join(home, 'plugins');
  await mkdir(plugins, { recursive: true });
  await Promise.all(jars.map((jar) => copyFile(jar, path.join(plugins, path.basename(jar)))));
}

/**
 * A watchdog shell that stops the JVM if this Node process dies without cleaning up (SIGKILL, crash), so no
 * orphan Neo4j is ever left behind. It exits by itself once the JVM is gone.
 */
function watchParent(javaPid: number): void {
  const script = `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${javaPid} 2>/dev/null; do sleep 1; done; kill -TERM ${javaPid} 2>/dev/null`;
  const watchdog = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
  watchdog.unref();
}

function makeHandle(home: string, boltPort: number, pid: number, owned: boolean, exited: Promise<number | null>): LocalNeo4j {
  let stopping: Promise<void> | undefined;
  const stop = async () => {
    if (!owned) return;
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      return; // already gone
    }
    const timedOut = await Promise.race([exited.then(() => false), sleep(STOP_TIMEOUT_MS, true, { ref: false })]);
    if (timedOut) process.kill(pid, 'SIGKILL');
    await rm(instanceFile(home), { force: true });
  };
  return {
    uri: `bolt://127.0.0.1:${boltPort}`,
    boltPort,
    pid,
    owned,
    home,
    logFile: path.join(home, 'logs', 'neo4j.log'),
    stop: () => (stopping ??= stop()),
  };
}

/** Reuses the server another command of the project runs on this home, if it is alive and answers. */
async function findRunningInstance(home: string): Promise<LocalNeo4j | undefined> {
  const file = instanceFile(home);
  if (!existsSync(file)) return undefined;
  let record: InstanceFile;
  try {
    record = JSON.parse(await readFile(file, 'utf8')) as InstanceFile;
  } catch {
    await rm(file, { force: true });
    return undefined;
  }
  if (!isAlive(record.pid)) {
    await rm(file, { force: true });
    return undefined;
  }
  const handle = makeHandle(home, record.boltPort, record.pid, false, new Promise(() => {}));
  if (await answersBolt(handle.uri)) return handle;
  throw new LocalNeo4jError(
    `A Neo4j process (pid ${record.pid}) holds ${home} but does not answer on port ${record.boltPort}.`,
    `Wait for it to finish starting, or stop it (kill ${record.pid}) and retry.`,
  );
}

async function waitUntilReady(uri: string, timeoutMs: number, exited: Promise<number | null>, home: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new LocalNeo4jError(
        `Neo4j exited during start-up (exit code ${exitCode}). Last lines of its logs:\n${await tailLogs(home)}`,
        `Read the full logs in ${path.join(home, 'logs')} (neo4j.log, debug.log, console.log).`,
      );
    }
    if (await answersBolt(uri)) return;
    await sleep(250);
  }
  throw new LocalNeo4jError(
    `Neo4j did not answer on ${uri} within ${timeoutMs / 1000} s. Last lines of its logs:\n${await tailLogs(home)}`,
    `Read ${path.join(home, 'logs')}; on a slow machine raise NEO4J_START_TIMEOUT_MS.`,
  );
}

/**
 * True when a query runs, not merely when the port accepts connections: the database must be online. An
 * auto-commit query, because managed transactions would retry for many seconds instead of answering now.
 */
async function answersBolt(uri: string): Promise<boolean> {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', 'unused'), {
    connectionTimeout: 2_000,
    maxConnectionPoolSize: 1,
    logging: { level: 'error', logger: () => {} },
  });
  const session = driver.session();
  try {
    await session.run('RETURN 1');
    return true;
  } catch {
    return false;
  } finally {
    await session.close();
    await driver.close();
  }
}

async function tailLogs(home: string, lines = 20): Promise<string> {
  const parts: string[] = [];
  for (const name of ['console.log', 'neo4j.log']) {
    const file = path.join(home, 'logs', name);
    if (!existsSync(file)) continue;
    const text = (await readFile(file, 'utf8')).trim();
    if (text) parts.push(`--- ${file}\n${text.split('\n').slice(-lines).join('\n')}`);
  }
  return parts.join('\n') || '(no log output)';
}

async function assertPortFree(port: number): Promise<void> {
  const free = await new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
  if (!free) {
    throw new LocalNeo4jError(
      `Port ${port} on 127.0.0.1 is already in use, so the local Neo4j cannot listen there.`,
      'Stop whatever uses it, or set NEO4J_BOLT_PORT to a free port, or set NEO4J_URI to use that server.',
    );
  }
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function startLockFile(home: string): string {
  return path.join(home, 'starting.lock');
}

type StartLock = { release: () => Promise<void> } | { reuse: LocalNeo4j };

/**
 * Takes `starting.lock` in `home` (created exclusively, holding this process's pid), or, while another live process
 * holds it, waits until that process's server answers and reuses it. A lock whose process is gone is taken over.
 */
async function acquireStartLock(home: string, timeoutMs: number, progress: (message: string) => void): Promise<StartLock> {
  const file = startLockFile(home);
  const deadline = Date.now() + timeoutMs;
  let told = false;
  for (;;) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' });
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(await readFile(file, 'utf8').catch(() => ''));
    if (!Number.isInteger(holder) || holder <= 0) {
      // Created but not yet written (the other process is between the two): wait, unless it has been left so.
      const age = Date.now() - ((await stat(file).catch(() => undefined))?.mtimeMs ?? 0);
      if (age > 10_000) await rm(file, { force: true });
      else await sleep(100);
      continue;
    }
    if (!isAlive(holder)) {
      await rm(file, { force: true });
      continue;
    }
    const running = await findRunningInstance(home).catch(() => undefined);
    if (running) return { reuse: running };
    if (Date.now() > deadline) {
      throw new LocalNeo4jError(
        `Another command (pid ${holder}) has been starting Neo4j in ${home} for more than ${Math.round(timeoutMs / 1000)} s.`,
        `Wait for it to finish, or stop it (kill ${holder}) and retry.`,
      );
    }
    if (!told) progress(`Another command (pid ${holder}) is starting Neo4j in ${home}; waiting to share it...`);
    told = true;
    await sleep(500);
  }
}

function instanceFile(home: string): string {
  return path.join(home, 'instance.json');
}
