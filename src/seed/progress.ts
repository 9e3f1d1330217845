/**
 * A load's progress for a person watching: a bar redrawn in place on a terminal, or one plain line per file when
 * the output is a log or a pipe (where a redrawn bar would be noise).
 */
import type { SeedProgress } from './load.js';

export interface ProgressDisplay {
  onProgress(progress: SeedProgress): void;
  /** Clears the bar, so that what follows starts on a clean line. */
  finish(): void;
}

const BAR_WIDTH = 30;

export function createProgressDisplay(stream: NodeJS.WriteStream = process.stderr): ProgressDisplay {
  return stream.isTTY ? barDisplay(stream) : lineDisplay(stream);
}

function barDisplay(stream: NodeJS.WriteStream): ProgressDisplay {
  let drawn = false;
  return {
    onProgress({ file, fileDone, fileTotal, done, total }) {
      const share = total === 0 ? 1 : done / total;
      const filled = Math.round(share * BAR_WIDTH);
      const bar = `${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}`;
      const line = `[${bar}] ${String(Math.floor(share * 100)).padStart(3)}%  ${count(done)}/${count(total)} records  ${file} ${count(fileDone)}/${count(fileTotal)}`;
      stream.write(`\r${line.slice(0, (stream.columns || 120) - 1)}\x1b[K`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\x1b[K');
    },
  };
}

function lineDisplay(stream: NodeJS.WriteStream): ProgressDisplay {
  return {
    onProgress({ file, fileDone, fileTotal, done, total }) {
      if (fileDone === fileTotal) stream.write(`${file}: ${count(fileTotal)} records (${count(done)}/${count(total)} in all)\n`);
    },
    finish() {},
  };
}

function count(n: number): string {
  return n.toLocaleString('en-GB');
}
