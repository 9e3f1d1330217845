/**
 * A larger graph of the same shape as the bundled one, for benchmarks: deterministic for a given seed.
 *
 * Scale N keeps the bundled reference data (sources, trusts, suppliers, products, determinants, roles, workshops,
 * offers, decisions, observations and their links) and holds N times the bundled interviews, participants and
 * insights with their links: the bundled ones plus N - 1 copies of the bundled engagement. Each copy moves the
 * sample to other trusts (drawn at random, the sample's structure kept: who was interviewed together, how many
 * insights each interview gave and how many determinants each insight evidences) and draws dates, methods,
 * sentiments, stances, determinants and texts afresh. Trusts without a bundled implementation mostly get one.
 *
 * Every generated record is illustrative, cites `illustrative-project-data`, and has an id starting `syn-`, which no
 * bundled id does.
 */
import type { Dataset, SeedRow, Value } from './format.js';

export interface SyntheticOptions {
  /** Whole number from 1: how many times the bundled engagement the graph holds. */
  scale: number;
  /** Seed of the random generator; the same seed gives the same graph. */
  seed: number;
}

export const SYNTHETIC_SOURCE_ID = 'illustrative-project-data';
export const SYNTHETIC_PREFIX = 'syn-';

/** Share of trusts without a bundled implementation that get a generated one. */
const IMPLEMENTATION_SHARE = 0.8;
const STATUSES: ReadonlyArray<readonly [status: string, weight: number]> = [
  ['LIVE', 55],
  ['CONTRACTED', 12],
  ['PLANNED', 15],
  ['PREFERRED', 6],
  ['PROCURING', 8],
];
const METHODS = ['VIDEO_CALL', 'IN_PERSON', 'PHONE'] as const;

/** mulberry32: a small, fast, well-distributed 32-bit generator; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function generateSyntheticDataset(bundled: Dataset, options: SyntheticOptions): Dataset {
  if (!Number.isInteger(options.scale) || options.scale < 1) {
    throw new RangeError(`The scale must be a whole number from 1 (got ${options.scale}).`);
  }
  const random = mulberry32(options.seed);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error('Cannot pick from an empty list.');
    return item;
  };

  // Implementations first, so that every scale of one seed has the same ones.
  const implementations = generateImplementations(bundled, random, pick);
  const copies = Array.from({ length: options.scale - 1 }, (_, index) => copyEngagement(bundled, index + 1, random, pick));
  const all = (file: keyof Engagement) => copies.flatMap((copy) => copy[file]);
  return {
    ...bundled,
    'implementations.csv': [...bundled['implementations.csv'], ...implementations],
    'participants.csv': [...bundled['participants.csv'], ...all('participants.csv')],
    'interviews.csv': [...bundled['interviews.csv'], ...all('interviews.csv')],
    'interview_participants.csv': [...bundled['interview_participants.csv'], ...all('interview_participants.csv')],
    'insights.csv': [...bundled['insights.csv'], ...all('insights.csv')],
    'insight_determinants.csv': [...bundled['insight_determinants.csv'], ...all('insight_determinants.csv')],
  };
}

type Random = () => number;
type Picker = <T>(items: readonly T[]) => T;

type Engagement = Pick<Dataset, 'participants.csv' | 'interviews.csv' | 'interview_participants.csv' | 'insights.csv' | 'insight_determinants.csv'>;

/** One copy of the bundled engagement, moved to other trusts, with ids `syn-<copy>-<bundled id>`. */
function copyEngagement(bundled: Dataset, copy: number, random: Random, pick: Picker): Engagement {
  const id = (value: unknown) => `${SYNTHETIC_PREFIX}${copy}-${String(value)}`;
  const trustOf = moveSample(bundled, random);
  const moved = (code: Value | undefined) => (code === null ? null : (trustOf.get(String(code)) ?? null));
  const determinantIds = bundled['determinants.csv'].map((row) => String(row.id));
  const insights = bundled['insights.csv'];
  const stances = bundled['insight_determinants.csv'].map((row) => row.stance ?? 'SUPPORTS');

  const participants = bundled['participants.csv'].map((row) => ({
    ...row,
    code: id(row.code),
    trust_ods_code: moved(row.trust_ods_code),
    illustrative: true,
    source_id: SYNTHETIC_SOURCE_ID,
  }));
  const interviews = bundled['interviews.csv'].map((row) => ({
    ...row,
    id: id(row.id),
    date: randomDate(random, Date.UTC(2022, 8, 1), Date.UTC(2023, 5, 30)),
    method: pick(METHODS),
    trust_ods_code: moved(row.trust_ods_code),
    illustrative: true,
    source_id: SYNTHETIC_SOURCE_ID,
  }));
  const interviewParticipants = bundled['interview_participants.csv'].map((row) => ({
    interview_id: id(row.interview_id),
    participant_code: id(row.participant_code),
  }));
  const copiedInsights = insights.map((row) => {
    const text = pick(insights);
    return {
      ...row,
      id: id(row.id),
      interview_id: id(row.interview_id),
      summary: text.summary ?? null,
      quote: text.quote ?? null,
      sentiment: pick(insights).sentiment ?? 'NEUTRAL',
      illustrative: true,
      source_id: SYNTHETIC_SOURCE_ID,
    };
  });
  // Each insight keeps its number of determinant links; the determinants are drawn without repeats.
  const linksPerInsight = new Map<string, number>();
  for (const row of bundled['insight_determinants.csv']) {
    linksPerInsight.set(String(row.insight_id), (linksPerInsight.get(String(row.insight_id)) ?? 0) + 1);
  }
  const insightDeterminants: SeedRow[] = [...linksPerInsight].flatMap(([insight, count]) =>
    sample(determinantIds, count, random).map((determinant) => ({
      insight_id: id(insight),
      determinant_id: determinant,
      stance: pick(stances),
    })),
  );
  return {
    'participants.csv': participants,
    'interviews.csv': interviews,
    'interview_participants.csv': interviewParticipants,
    'insights.csv': copiedInsights,
    'insight_determinants.csv': insightDeterminants,
  };
}

/** Maps each trust of the bundled sample (interviews and participants) to a distinct trust drawn at random. */
function moveSample(bundled: Dataset, random: Random): Map<string, string> {
  const sampled = new Set<string>();
  for (const row of [...bundled['interviews.csv'], ...bundled['participants.csv']]) {
    if (row.trust_ods_code !== null && row.trust_ods_code !== undefined) sampled.add(String(row.trust_ods_code));
  }
  const trusts = bundled['trusts.csv'].map((row) => String(row.ods_code));
  const drawn = sample(trusts, sampled.size, random);
  return new Map([...sampled].map((code, index) => [code, drawn[index] ?? code]));
}

/** Most trusts without a bundled implementation get one: a random product, status and year. */
function generateImplementations(bundled: Dataset, random: Random, pick: Picker): SeedRow[] {
  const implemented = new Set(bundled['implementations.csv'].map((row) => String(row.trust_ods_code)));
  const products = bundled['products.csv'].map((row) => String(row.id));
  const rows: SeedRow[] = [];
  for (const trust of bundled['trusts.csv']) {
    const code = String(trust.ods_code);
    if (implemented.has(code) || random() >= IMPLEMENTATION_SHARE) continue;
    const product = pick(products);
    const status = weighted(STATUSES, random);
    const year = 2010 + Math.floor(random() * 17);
    const goLive = status === 'LIVE' ? randomDate(random, Date.UTC(year, 0, 1), Date.UTC(year, 11, 31)) : null;
    rows.push({
      id: `${SYNTHETIC_PREFIX}${code.toLowerCase()}-${product}-${year}`,
      trust_ods_code: code,
      product_id: product,
      status,
      year,
      go_live_date: goLive,
      notes: 'Synthetic record generated for benchmarks.',
      source_id: SYNTHETIC_SOURCE_ID,
    });
  }
  return rows;
}

/** `count` distinct items in random order (a partial Fisher-Yates shuffle). */
function sample<T>(items: readonly T[], count: number, random: Random): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  for (let i = 0; i < Math.min(count, pool.length); i += 1) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as T, pool[i] as T];
    chosen.push(pool[i] as T);
  }
  return chosen;
}

function weighted(choices: ReadonlyArray<readonly [string, number]>, random: Random): string {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let target = random() * total;
  for (const [choice, weight] of choices) {
    target -= weight;
    if (target < 0) return choice;
  }
  return choices[choices.length - 1]?.[0] ?? '';
}

/** A date from `from` to `to` (UTC milliseconds), as YYYY-MM-DD. */
function randomDate(random: Random, from: number, to: number): string {
  const day = 86_400_000;
  const days = Math.floor((to - from) / day);
  return new Date(from + Math.floor(random() * (days + 1)) * day).toISOString().slice(0, 10);
}
