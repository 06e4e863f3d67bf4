import { describe, expect, it } from 'vitest';
import { collectGarbage } from './heap.js';

describe('collectGarbage', () => {
  it('frees what nothing references any more, without V8 flags on the command line', () => {
    const keep: number[][] = [];
    // ~80 MB of arrays, promoted to the old generation, then dropped
    for (let i = 0; i < 200; i++) keep.push(Array.from({ length: 50_000 }, (_, k) => k + 0.5));
    const withGarbage = process.memoryUsage().heapUsed;
    keep.length = 0;
    collectGarbage();
    const after = process.memoryUsage().heapUsed;
    expect(withGarbage - after).toBeGreaterThan(50 * 2 ** 20);
    // a second call reuses the same collector
    collectGarbage();
    expect(process.memoryUsage().heapUsed).toBeLessThan(withGarbage);
  });
});
