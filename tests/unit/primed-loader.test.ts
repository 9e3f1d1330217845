import { describe, expect, it } from 'vitest';

import { andThen, loadAllRequired, loadRequired, PrimedLoader } from '../../src/modules/shared/batch.js';

/** A loader over a fixed map that records every batch it is asked for. */
function loaderOver(records: Record<string, string | null>) {
  const batches: string[][] = [];
  const loader = new PrimedLoader<string, string | null>(async (keys) => {
    batches.push([...keys]);
    return keys.map((key) => records[key] ?? null);
  });
  return { loader, batches };
}

describe('a loader that keeps what it was primed with', () => {
  it('gives a primed value as it is, not as a promise, and fetches nothing for it', () => {
    const { loader, batches } = loaderOver({});
    loader.prime('t1', 'Trust one');

    expect(loader.get('t1')).toBe('Trust one');
    expect(batches).toEqual([]);
  });

  it('loads what it was not primed with, in one batch', async () => {
    const { loader, batches } = loaderOver({ t2: 'Trust two', t3: 'Trust three' });

    const values = [loader.get('t2'), loader.get('t3')];
    expect(values[0]).toBeInstanceOf(Promise);
    // get returns the value or a promise of it: here promises (asserted above), which the types cannot know.
    // eslint-disable-next-line @typescript-eslint/await-thenable
    expect(await Promise.all(values)).toEqual(['Trust two', 'Trust three']);
    expect(batches).toEqual([['t2', 't3']]);
  });

  it('keeps the first value primed, as DataLoader does', () => {
    const { loader } = loaderOver({});
    loader.prime('t1', 'first').prime('t1', 'second');

    expect(loader.get('t1')).toBe('first');
  });

  it('hands out a primed error through the promise, never as a value', async () => {
    const { loader } = loaderOver({});
    loader.prime('t1', new Error('broken'));

    await expect(loader.get('t1')).rejects.toThrow('broken');
  });

  it('forgets a cleared key and loads it again', async () => {
    const { loader, batches } = loaderOver({ t1: 'from the graph' });
    loader.prime('t1', 'primed');
    loader.clear('t1');

    expect(await loader.get('t1')).toBe('from the graph');
    expect(batches).toEqual([['t1']]);
  });
});

describe('a loader whose keys are objects', () => {
  it('gives a value primed under one key to an equal key, by the cache key', async () => {
    const batches: string[][] = [];
    const loader = new PrimedLoader<{ odsCode: string; metric: string }, string>(
      async (keys) => {
        batches.push(keys.map((key) => key.odsCode));
        return keys.map((key) => `${key.odsCode} ${key.metric}`);
      },
      { cacheKeyFn: ({ odsCode, metric }) => `${odsCode}:${metric}` },
    );
    loader.prime({ odsCode: 'RH8', metric: 'AE' }, 'primed');

    expect(loader.get({ odsCode: 'RH8', metric: 'AE' })).toBe('primed');
    expect(await Promise.all([loader.get({ odsCode: 'RGT', metric: 'AE' }), loader.get({ odsCode: 'RGT', metric: 'AE' })])).toEqual(['RGT AE', 'RGT AE']);
    expect(batches).toEqual([['RGT']]);
  });
});

describe('required records', () => {
  it('are given as they are when primed, and a missing one fails with what is missing', async () => {
    const { loader } = loaderOver({});
    loader.prime('p1', 'Product one').prime('p2', null);

    expect(loadRequired(loader, 'p1', 'product of i1')).toBe('Product one');
    expect(() => loadRequired(loader, 'p2', 'product of i2')).toThrow('Graph integrity: product of i2 is missing.');
    await expect(loadRequired(loader, 'p3', 'product of i3')).rejects.toThrow('Graph integrity: product of i3 is missing.');
  });

  it('come all together in key order, and one missing fails with what is missing', async () => {
    const { loader } = loaderOver({ p1: 'Product one', p2: 'Product two' });

    expect(await loadAllRequired(loader, ['p2', 'p1'], (key) => `product ${key}`)).toEqual(['Product two', 'Product one']);
    await expect(loadAllRequired(loader, ['p1', 'p3'], (key) => `product ${key}`)).rejects.toThrow('Graph integrity: product p3 is missing.');
  });

  it('chain without a promise while every step is primed', () => {
    expect(andThen('Epic', (name) => `${name} EPR`)).toBe('Epic EPR');
  });
});
