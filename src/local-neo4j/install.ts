/**
 * Finds Java and the Neo4j Community jars, resolving them from Maven Central with Maven on first use.
 *
 * Nothing is built or unpacked: `mvn dependency:build-classpath` downloads the jars into the local Maven repository
 * (~/.m2) and writes the class path to a cache file, so later starts run no Maven at all.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

import { LocalNeo4jError } from './errors.js';

const run = promisify(execFile);

/** Keep in step with `neo4j.version` in pom.xml. */
export const NEO4J_VERSION = '5.26.30';
/**
 * Keep in step with `apoc.version` in apoc-pom.xml. Maven Central has APOC core only up to 5.26.19 (and no shaded
 * `core` jar for it), so the plain jars are used; they load in Neo4j 5.26.30.
 */
export const APOC_VERSION = '5.26.19';
const POM = path.join(import.meta.dirname, 'pom.xml');
const APOC_POM = path.join(import.meta.dirname, 'apoc-pom.xml');

export interface Runtime {
  java: string;
  javaMajorVersion: number;
  classpath: string;
}

/**
 * Returns the java executable and the Neo4j class path, downloading the jars once.
 * @param cacheDir folder for the class-path cache file (shared by every Neo4j home of the project)
 * @param onProgress called with a human sentence before slow steps
 */
export async function prepareRuntime(cacheDir: string, onProgress: (message: string) => void): Promise<Runtime> {
  const { java, major } = await findJava();
  const classpath = await resolveClasspath(cacheDir, onProgress);
  return { java, javaMajorVersion: major, classpath };
}

async function findJava(): Promise<{ java: string; major: number }> {
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  let output: string;
  try {
    const { stdout, stderr } = await run(java, ['-version']);
    output = stderr || stdout;
  } catch (error) {
    throw new LocalNeo4jError(
      `Java was not found (tried "${java}"): ${(error as Error).message}`,
      'Install Java 17 or 21 (for example `apt-get install openjdk-17-jre-headless`), or set JAVA_HOME, ' + 'or point NEO4J_URI at a Neo4j you already run.',
    );
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  const major = match ? Number(match[1] === '1' ? match[2] : match[1]) : NaN;
  if (!(major >= 17)) {
    throw new LocalNeo4jError(
      `Neo4j ${NEO4J_VERSION} needs Java 17 or 21, but "${java} -version" reports: ${output.split('\n')[0]}`,
      'Install Java 17 or 21 and put it first on PATH, or set JAVA_HOME to it.',
    );
  }
  return { java, major };
}

async function resolveClasspath(cacheDir: string, onProgress: (message: string) => void): Promise<string> {
  return resolveWithMaven({
    pom: POM,
    cacheFile: path.join(cacheDir, `classpath-${NEO4J_VERSION}.txt`),
    minimumJars: 51,
    mavenArguments: [],
    what: `Neo4j Community ${NEO4J_VERSION}`,
    onProgress: () => onProgress(`Downloading Neo4j Community ${NEO4J_VERSION} from Maven Central (about 130 MB, once)...`),
  });
}

/**
 * Returns the jars of the APOC core plugin (and its own dependencies) that the Neo4j class path does not already
 * provide, downloading them once. Jars Neo4j ships itself (commons-lang3, slf4j, ...) are left out, so the
 * server's own versions win.
 */
export async function resolveApocJars(cacheDir: string, neo4jClasspath: string, onProgress: (message: string) => void): Promise<string[]> {
  const classpath = await resolveWithMaven({
    pom: APOC_POM,
    cacheFile: path.join(cacheDir, `classpath-apoc-${APOC_VERSION}.txt`),
    minimumJars: 2,
    // APOC's pom lists Neo4j itself as `provided`; only what it brings along is wanted.
    mavenArguments: ['-DincludeScope=runtime'],
    what: `APOC core ${APOC_VERSION}`,
    onProgress: () => onProgress(`Downloading APOC core ${APOC_VERSION} from Maven Central (a few MB, once)...`),
  });
  // A jar in ~/.m2 lives in <group path>/<artifact>/<version>/; the artifact folder identifies it.
  const artifactOf = (jar: string) => path.dirname(path.dirname(jar));
  const provided = new Set(neo4jClasspath.split(path.delimiter).map(artifactOf));
  return classpath.split(path.delimiter).filter((jar) => !provided.has(artifactOf(jar)));
}

interface MavenResolution {
  pom: string;
  cacheFile: string;
  /** A cached class path with fewer jars than this is treated as broken. */
  minimumJars: number;
  mavenArguments: string[];
  what: string;
  onProgress: () => void;
}

async function resolveWithMaven(resolution: MavenResolution): Promise<string> {
  const { pom, cacheFile, minimumJars, what } = resolution;
  const cached = await readCachedClasspath(cacheFile, minimumJars);
  if (cached) return cached;

  await mkdir(path.dirname(cacheFile), { recursive: true });
  await ensureMaven();
  resolution.onProgress();
  const partial = `${cacheFile}.partial`;
  try {
    await run('mvn', ['-B', '-q', '-f', pom, 'dependency:build-classpath', ...resolution.mavenArguments, `-Dmdep.outputFile=${partial}`], {
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const output = `${(error as { stdout?: string }).stdout ?? ''}${(error as { stderr?: string }).stderr ?? ''}`;
    const lastLines = output.trim().split('\n').slice(-12).join('\n');
    throw new LocalNeo4jError(
      `Maven could not download ${what}:\n${lastLines}`,
      'Check that https://repo.maven.apache.org is reachable (or configure a mirror in ~/.m2/settings.xml), ' + 'then run the command again.',
    );
  }
  // Renamed only when complete, so an interrupted download is never mistaken for a cached class path.
  await rename(partial, cacheFile);
  const classpath = await readCachedClasspath(cacheFile, minimumJars);
  if (!classpath) {
    throw new LocalNeo4jError(`Maven wrote an unusable class path to ${cacheFile}.`, `Delete ${path.dirname(cacheFile)} and retry.`);
  }
  return classpath;
}

/** A cached class path counts only while every jar it names is still in the Maven repository. */
async function readCachedClasspath(file: string, minimumJars: number): Promise<string | undefined> {
  if (!existsSync(file)) return undefined;
  const classpath = (await readFile(file, 'utf8')).trim();
  const jars = classpath.split(path.delimiter);
  const complete = jars.length >= minimumJars && jars.every((jar) => existsSync(jar));
  return complete ? classpath : undefined;
}

async function ensureMaven(): Promise<void> {
  try {
    await run('mvn', ['-v']);
  } catch {
    throw new LocalNeo4jError(
      'Maven ("mvn") was not found; it is needed once to download Neo4j from Maven Central.',
      'Install Maven 3.8+ (for example `apt-get install maven`), or point NEO4J_URI at a Neo4j you already run.',
    );
  }
}
