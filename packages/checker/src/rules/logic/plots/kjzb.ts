import { CODE_LIST_SEPARATOR, forEachCodeListItem } from '@nyt2539/schema';
import type { Rule } from '../../../engine/types.js';
import { eachRawRow, rowLocator, tableWith } from '../../support/rows.js';
import { filled, ident, live } from '../../support/sql.js';

/**
 * 界址点号 KJZB of a plot lists its 界址点: every '/'-separated item is the JZDH of a JZD point whose DKBM list names
 * the plot. One pass over JZD into a JZDH → DKBM-lists table (PointLists), then one pass over DK probing it: a
 * per-item SQL probe of an indexed temp table, or a recursive-CTE split of the point lists, does a statement's work
 * per item over millions of items. Whether the points lie on the plot is the spatial family's.
 */
export const rule: Rule = {
  meta: {
    id: 'plots/kjzb',
    group: 'logic',
    severity: 'error',
    title: { zh: '界址点号不是本地块的界址点', en: 'KJZB names a point that is not a boundary point of the plot' },
    messages: {
      unknown: { zh: '{table}.KJZB 中的界址点号 {actual} 不在界址点图层中', en: '{table}.KJZB item {actual} is not a point of the JZD layer' },
      otherPlot: { zh: '{table}.KJZB 中的界址点 {actual} 不属于地块 {dkbm}（其 DKBM 为 {expected}）', en: '{table}.KJZB point {actual} does not belong to plot {dkbm} (its DKBM is {expected})' },
    },
    spec: 'NY/T 2539-2016 表A.10 注f, 表A.11',
    basis: 'qc-rules.md INF-G1 (KJZB lists JZDH that exist); peer-catalog §4 item 12',
    basisKind: 'standard',
    fixedBy: '测绘单位',
    cost: 7,
  },
  run(ctx) {
    const t = tableWith(ctx.db, 'DK', 'DKBM', 'KJZB');
    const j = tableWith(ctx.db, 'JZD', 'JZDH', 'DKBM');
    if (!t || !j) return;
    const points = new PointLists((ctx.db.prepare(`SELECT max(_rid) FROM "JZD"`).pluck().get() as number | null) ?? 0);
    const jzd = `SELECT t._rid, trim(CAST(t."JZDH" AS TEXT)), t."DKBM" FROM "JZD" t WHERE ${live()} AND ${filled('t."JZDH"')}`;
    eachRawRow(ctx, jzd, ([, h, d]) => points.add(h as string, d === null ? '' : String(d)));
    const sql = `SELECT t._rid, t."DKBM", t."KJZB" FROM ${ident(t.name)} t WHERE ${live()} AND ${filled('t."KJZB"')} AND ${filled('t."DKBM"')}`;
    // a row's location is read back only when it is reported
    const at = rowLocator(ctx.db, t, 'KJZB');
    eachRawRow(ctx, sql, ([rid, dk, kjzb]) => {
      const dkbm = String(dk).trim();
      // a code holding the lists' own separator is matched against the joined text, as it always was
      const nul = dkbm.includes('\u0000');
      const list = String(kjzb);
      forEachCodeListItem(list, (start, end) => {
        // the item trimmed, as bounds: an item's string is made only for a finding
        let from = start;
        let to = end;
        while (from < to && isBlankCode(list.charCodeAt(from))) from++;
        while (to > from && isBlankCode(list.charCodeAt(to - 1))) to--;
        if (from === to) return;
        const named = nul ? namedByText(points.lists(list.slice(from, to)), dkbm) : points.names(list, from, to, dkbm);
        if (named === true) return;
        const item = list.slice(from, to);
        if (named === undefined) {
          ctx.report({ messageId: 'unknown', ...at(rid), actual: item });
        } else if (!named) {
          const owner = points.lists(item)!.split('\u0000').join(';');
          ctx.report({
            messageId: 'otherPlot',
            ...at(rid),
            actual: item,
            expected: owner,
            data: { dkbm },
            trust: {
              zh: `界址点图层中点 ${item} 属于地块 ${owner}，不属于 ${dkbm}：若 KJZB 写错了点号，按本地块的界址点改正 KJZB；若该点的 DKBM 记错了，改界址点图层；不要把 ${owner} 填入本地块`,
              en: `in the JZD layer point ${item} belongs to plot ${owner}, not ${dkbm}: if KJZB names the wrong point, correct KJZB from this plot's boundary points; if the point's DKBM is wrong, correct the JZD layer; do not write ${owner} into this plot`,
            },
          });
        }
      });
    });
  },
};

/** Whether one of the NUL-separated `lists` names `code`; undefined without lists. */
function namedByText(lists: string | undefined, code: string): boolean | undefined {
  if (lists === undefined) return undefined;
  return lists.includes('\u0000') ? lists.split('\u0000').some((l) => listNames(l, code)) : listNames(lists, code);
}

/**
 * Whether a '/'-separated code list names `code` as one of its (trimmed) items — what splitting the list and
 * comparing each item says, without the split: ~3.8M lists on a county, each named by a plot.
 */
export function listNames(list: string, code: string): boolean {
  if (code === '') return false;
  for (let k = list.indexOf(code); k >= 0; k = list.indexOf(code, k + 1)) {
    let a = k - 1;
    while (a >= 0 && isBlank(list[a])) a--;
    let b = k + code.length;
    while (b < list.length && isBlank(list[b])) b++;
    if ((a < 0 || list[a] === CODE_LIST_SEPARATOR) && (b >= list.length || list[b] === CODE_LIST_SEPARATOR)) return true;
  }
  return false;
}

/** Characters String#trim removes. */
function isBlank(ch: string): boolean {
  return ch.trim() === '';
}

const SEPARATOR = CODE_LIST_SEPARATOR.charCodeAt(0);

/** isBlank of a UTF-16 code unit. */
function isBlankCode(c: number): boolean {
  return c < 0x80 ? c === 32 || (c >= 9 && c <= 13) : isBlank(String.fromCharCode(c));
}

/**
 * The DKBM lists of the JZD points by JZDH (a JZDH on several rows keeps each list, in row order, NUL-separated),
 * held in typed arrays: an open-addressing table of entry numbers over one character pool. ~1.15M points of a
 * county as two retained strings each in a Map took the collector and the map's growth twice the time of reading
 * them; here only the lists a probe finds become strings, and those die young.
 */
export class PointLists {
  /**
   * by slot: entry number + 1 (0 = empty), then the entry's hash beside it, so a probe passing other keys reads no
   * entry; linear probing, at most half full
   */
  #slots: Int32Array;
  /** per entry: hash */
  #hash: Int32Array;
  /** per entry: start/end of the JZDH and of its list in `#chars` */
  #bounds: Int32Array;
  #entries = 0;
  /** one byte a character until a character above U+00FF arrives */
  #chars: Uint8Array | Uint16Array;
  #used = 0;

  /** `expected`: about how many points will be added (sizes the arrays, which grow when it is short) */
  constructor(expected: number) {
    const entries = Math.max(1 << 10, expected);
    this.#slots = new Int32Array(2 * 2 ** Math.ceil(Math.log2(2 * entries)));
    this.#hash = new Int32Array(entries);
    this.#bounds = new Int32Array(4 * entries);
    this.#chars = new Uint8Array(32 * entries);
  }

  add(key: string, list: string): void {
    if (4 * (this.#entries + 1) > this.#slots.length) this.#rehash();
    if (this.#entries === this.#hash.length) {
      this.#hash = grown(this.#hash, 2 * this.#hash.length);
      this.#bounds = grown(this.#bounds, 2 * this.#bounds.length);
    }
    const e = this.#entries++;
    const h = hashOf(key, 0, key.length);
    this.#hash[e] = h;
    const b = 4 * e;
    this.#bounds[b] = this.#used;
    this.#put(key);
    this.#bounds[b + 1] = this.#bounds[b + 2] = this.#used;
    this.#put(list);
    this.#bounds[b + 3] = this.#used;
    this.#place(e, h);
  }

  /**
   * Whether a list of the point whose JZDH is `text` [from, to) names `code` (as listNames says of each list), or
   * undefined when no point has that JZDH: read in the pool, so a probe makes no string.
   */
  names(text: string, from: number, to: number, code: string): boolean | undefined {
    let known = false;
    const h = hashOf(text, from, to);
    for (let i = this.#scan(text, from, to, h, h); i >= 0; i = this.#scan(text, from, to, h, i + 2)) {
      known = true;
      const e = this.#slots[i] - 1;
      if (this.#listNames(this.#bounds[4 * e + 2], this.#bounds[4 * e + 3], code)) return true;
    }
    return known ? false : undefined;
  }

  /** The lists of the point `key`, NUL-separated, or undefined when no point has that JZDH. */
  lists(key: string): string | undefined {
    let found: string | undefined;
    const h = hashOf(key, 0, key.length);
    for (let i = this.#scan(key, 0, key.length, h, h); i >= 0; i = this.#scan(key, 0, key.length, h, i + 2)) {
      const e = this.#slots[i] - 1;
      const list = this.#text(this.#bounds[4 * e + 2], this.#bounds[4 * e + 3]);
      found = found === undefined ? list : `${found}\u0000${list}`;
    }
    return found;
  }

  #text(start: number, end: number): string {
    let text = '';
    for (let k = start; k < end; k += 4096) text += String.fromCharCode(...this.#chars.subarray(k, Math.min(end, k + 4096)));
    return text;
  }

  /**
   * The index in `#slots` of the first entry whose JZDH is `text` [from, to) (hash `h`) from the slot at index
   * `slot` (the hash for the first entry, the index after an entry's for the next; masked here) on, or -1.
   */
  #scan(text: string, from: number, to: number, h: number, slot: number): number {
    const slots = this.#slots;
    const mask = slots.length - 2;
    for (let i = slot & mask; slots[i] !== 0; i = (i + 2) & mask) {
      if (slots[i + 1] === h && this.#keyIs(slots[i] - 1, text, from, to)) return i;
    }
    return -1;
  }

  /** listNames on the pool's characters [start, end): `code` as one (trimmed) '/'-separated item. */
  #listNames(start: number, end: number, code: string): boolean {
    const c = this.#chars;
    const n = code.length;
    if (n === 0) return false;
    // codes of a county share their leading digits: a candidate is told by its last character first
    const first = code.charCodeAt(0);
    const last = code.charCodeAt(n - 1);
    for (let k = start; k + n <= end; k++) {
      if (c[k] !== first || c[k + n - 1] !== last) continue;
      let m = 1;
      while (m < n - 1 && c[k + m] === code.charCodeAt(m)) m++;
      if (m < n - 1) continue;
      let a = k - 1;
      while (a >= start && isBlankCode(c[a])) a--;
      let b = k + n;
      while (b < end && isBlankCode(c[b])) b++;
      // a NUL in a point's list parts it as the NUL between two rows' lists does (namedByText)
      if ((a < start || c[a] === SEPARATOR || c[a] === 0) && (b >= end || c[b] === SEPARATOR || c[b] === 0)) return true;
    }
    return false;
  }

  #keyIs(e: number, text: string, from: number, to: number): boolean {
    const start = this.#bounds[4 * e] - from;
    if (this.#bounds[4 * e + 1] - start !== to) return false;
    for (let k = from; k < to; k++) if (this.#chars[start + k] !== text.charCodeAt(k)) return false;
    return true;
  }

  #put(s: string): void {
    if (this.#used + s.length > this.#chars.length) this.#chars = grown(this.#chars, Math.max(2 * this.#chars.length, this.#used + s.length));
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      if (c > 0xff && this.#chars instanceof Uint8Array) this.#chars = Uint16Array.from(this.#chars);
      this.#chars[this.#used++] = c;
    }
  }

  /** Into the first empty slot from its hash on: a later row of the same JZDH lies further along than an earlier. */
  #place(e: number, h: number): void {
    const mask = this.#slots.length - 2;
    let i = h & mask;
    while (this.#slots[i] !== 0) i = (i + 2) & mask;
    this.#slots[i] = e + 1;
    this.#slots[i + 1] = h;
  }

  #rehash(): void {
    this.#slots = new Int32Array(2 * this.#slots.length);
    for (let e = 0; e < this.#entries; e++) this.#place(e, this.#hash[e]);
  }
}

/** FNV-1a of the UTF-16 code units of `s` [from, to). */
function hashOf(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let k = from; k < to; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  return h;
}

/** A copy of `a` in an array of `size` elements of its kind. */
function grown<T extends Int32Array | Uint8Array | Uint16Array>(a: T, size: number): T {
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}
