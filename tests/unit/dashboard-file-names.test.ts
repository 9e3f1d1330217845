/** The stems of the dashboard's download file names (src/dashboard/download.ts): readable, and cut between words. */
import { describe, expect, it } from 'vitest';

import { slug } from '../../src/dashboard/download.js';

describe('download file names', () => {
  it('keeps a name that fits whole', () => {
    expect(slug('Create a National Centre of Excellence for EPR implementation')).toBe('create-a-national-centre-of-excellence-for-epr-implementation');
  });

  it('cuts a long name between words, never inside one', () => {
    expect(slug('A new operating model for support during EPR build and implementation, with a national team and regional hubs')).toBe(
      'a-new-operating-model-for-support-during-epr-build-and-implementation-with-a',
    );
    expect(slug('one two three', 9)).toBe('one-two');
  });

  it('cuts a single word longer than the limit at the limit', () => {
    expect(slug('Supercalifragilistic', 10)).toBe('supercalif');
  });
});
