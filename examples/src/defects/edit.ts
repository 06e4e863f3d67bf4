import type { Rng } from '../random.js';
import type { RecordStore } from '../store.js';

/**
 * Up to `k` records matching `accept`, chosen uniformly by reservoir sampling in one pass (the store may
 * be on disk), skipping records an earlier injector removed or already edited.
 */
export function sample<T>(store: RecordStore<T>, rng: Rng, k: number, accept: (r: T) => boolean): { index: number; record: T }[] {
  const chosen: { index: number; record: T }[] = [];
  let seen = 0;
  let index = 0;
  for (const raw of store.raw()) {
    const i = index++;
    if (store.edits.has(i)) continue;
    if (!accept(raw)) continue;
    seen++;
    if (chosen.length < k) chosen.push({ index: i, record: raw });
    else {
      const j = Math.floor(rng.next() * seen);
      if (j < k) chosen[j] = { index: i, record: raw };
    }
  }
  return chosen.sort((a, b) => a.index - b.index);
}

/** How many records to break: a few per county, more for larger ones. */
export function howMany(total: number): number {
  return Math.max(1, Math.min(50, Math.round(total * 0.003)));
}
