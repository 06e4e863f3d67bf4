import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressReporter } from './progress-reporter.js';

/** A stream that keeps what is written, seen as a terminal (`isTTY`) or as a pipe. */
function capture(isTTY: boolean): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY, columns: 120 });
  return { stream, text: () => chunks.join('') };
}

describe('createProgressReporter', () => {
  it('draws a cli-progress bar with the phase and label on a terminal', () => {
    const { stream, text } = capture(true);
    const reporter = createProgressReporter(stream, 'zh');
    reporter.onProgress({ phase: 'load', done: 1, total: 4, label: '权属数据/3407112016.mdb' });
    reporter.onProgress({ phase: 'rules', done: 3, total: 92, label: 'coding/dkbm' });
    reporter.stop();
    expect(text()).toContain('读取 |');
    expect(text()).toContain('1/4 权属数据/3407112016.mdb');
    expect(text()).toContain('检查 |');
    expect(text()).toContain('3/92 coding/dkbm');
  });

  it('writes plain lines to a pipe: one per file, one as the rules start and one as they end', () => {
    const { stream, text } = capture(false);
    const reporter = createProgressReporter(stream, 'en');
    reporter.onProgress({ phase: 'load', done: 0, total: 2, label: 'a.mdb 10/20' });
    reporter.onProgress({ phase: 'load', done: 0, total: 2, label: 'a.mdb 20/20' });
    reporter.onProgress({ phase: 'rules', done: 0, total: 2 });
    reporter.onProgress({ phase: 'rules', done: 2, total: 2 });
    reporter.stop();
    expect(text().split('\n').filter(Boolean)).toEqual(['reading a.mdb', expect.stringContaining('2'), 'rules done']);
  });
});
