/**
 * One attribute column of a layer (names, DKBM lists, coordinates as text or number) held in typed arrays on
 * shared memory. A county's 界址点 and 界址线 carry ~7M such values: as JS strings they cost ~60 B each in every
 * thread that holds them; here they cost their UTF-8 bytes once, whichever thread reads them. Values are
 * rebuilt on `get` by Node's native UTF-8 decoder, which is cheap for the short codes the rules read.
 */
type CellValue = string | number | null;

const NULL = 0;
const NUMBER = 1;
const TEXT = 2;

/** The plain-data form that crosses threads (every array on a SharedArrayBuffer). */
export interface SharedColumnData {
  readonly count: number;
  /** per row: 0 null, 1 number, 2 text */
  readonly kind: Uint8Array;
  /** the number of NUMBER rows (length `count`), or undefined when there is none */
  readonly numbers?: Float64Array;
  /** UTF-8 bytes of TEXT rows, back to back */
  readonly bytes: Uint8Array;
  /** start of row i's text in `bytes` (length count + 1) */
  readonly start: Int32Array;
}

export class SharedColumn {
  private readonly buf: Buffer;

  constructor(readonly data: SharedColumnData) {
    this.buf = Buffer.from(data.bytes.buffer, data.bytes.byteOffset, data.bytes.byteLength);
  }

  get length(): number {
    return this.data.count;
  }

  get(i: number): CellValue {
    const { kind, numbers, start } = this.data;
    switch (kind[i]) {
      case NUMBER:
        return numbers![i];
      case TEXT:
        return utf8Slice.call(this.buf, start[i], start[i + 1]);
      default:
        return null;
    }
  }

  /** Text of row i, or undefined for null and numbers (keys). */
  text(i: number): string | undefined {
    return this.data.kind[i] === TEXT ? (this.get(i) as string) : undefined;
  }
}

const encoder = new TextEncoder();

/**
 * Buffer#utf8Slice: what Buffer#toString('utf8', a, b) calls after normalising its arguments, which for millions
 * of short codes cost as much as the decoding. Falls back to toString where a runtime lacks it.
 */
const utf8Slice: (this: Buffer, start: number, end: number) => string =
  (Buffer.prototype as unknown as { utf8Slice?: (this: Buffer, start: number, end: number) => string }).utf8Slice ??
  function (this: Buffer, start: number, end: number) {
    return this.toString('utf8', start, end);
  };

/**
 * Fills a column row by row (in row order), then `finish` hands it over on shared memory: the per-row arrays are
 * shared from the start (their size is known), the text bytes are copied once at their exact size. A `growing`
 * builder takes `count` as a first guess (a loader that trusts no header's record count): its arrays double when
 * full, and `finish` copies them to the rows pushed.
 */
export class SharedColumnBuilder {
  private kind: Uint8Array;
  private numbers: Float64Array | undefined;
  private bytes = Buffer.allocUnsafe(1 << 16);
  private start: Int32Array;
  private used = 0;
  private row = 0;

  constructor(
    private count: number,
    private readonly growing = false,
  ) {
    this.kind = new Uint8Array(new SharedArrayBuffer(count));
    this.start = new Int32Array(new SharedArrayBuffer(4 * (count + 1)));
  }

  private grow(): void {
    if (!this.growing) throw new RangeError(`a column of ${this.count} rows was given more`);
    const count = Math.max(16, 2 * this.count);
    const kind = new Uint8Array(new SharedArrayBuffer(count));
    kind.set(this.kind);
    const start = new Int32Array(new SharedArrayBuffer(4 * (count + 1)));
    start.set(this.start);
    if (this.numbers) {
      const numbers = new Float64Array(new SharedArrayBuffer(8 * count));
      numbers.set(this.numbers);
      this.numbers = numbers;
    }
    this.kind = kind;
    this.start = start;
    this.count = count;
  }

  push(v: CellValue): void {
    if (this.row === this.count) this.grow();
    const i = this.row++;
    this.start[i] = this.used;
    if (v === null) return;
    if (typeof v === 'number') {
      this.kind[i] = NUMBER;
      if (!this.numbers) this.numbers = new Float64Array(new SharedArrayBuffer(8 * this.count));
      this.numbers[i] = v;
      return;
    }
    this.kind[i] = TEXT;
    // a UTF-16 code unit takes at most 3 UTF-8 bytes
    const room = 3 * v.length;
    if (this.used + room > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + room));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    // the codes and names of a layer are ASCII: written byte by byte, no view of the buffer made per value
    // (subarray + encodeInto cost more than the copying); other text goes through the encoder
    const bytes = this.bytes;
    const at = this.used;
    for (let k = 0; k < v.length; k++) {
      const c = v.charCodeAt(k);
      if (c >= 0x80) {
        this.used = at + encoder.encodeInto(v, bytes.subarray(at)).written;
        return;
      }
      bytes[at + k] = c;
    }
    this.used = at + v.length;
  }

  finish(): SharedColumn {
    if (this.growing && this.row < this.count) {
      this.count = this.row;
      this.kind = onShared(this.kind.subarray(0, this.row));
      this.start = onShared(this.start.subarray(0, this.row + 1));
      if (this.numbers) this.numbers = onShared(this.numbers.subarray(0, this.row));
    }
    for (let i = this.row; i <= this.count; i++) this.start[i] = this.used;
    return new SharedColumn({
      count: this.count,
      kind: this.kind,
      ...(this.numbers ? { numbers: this.numbers } : {}),
      bytes: onShared(new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, this.used)),
      start: this.start,
    });
  }
}

type TypedArray = Float64Array | Int32Array | Uint16Array | Uint8Array;

/** A copy on a SharedArrayBuffer (posted to a worker thread, it is shared, not copied). */
export function onShared<T extends TypedArray>(a: T): T {
  const Ctor = a.constructor as new (buffer: SharedArrayBuffer) => T;
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  (out as unknown as { set(src: T): void }).set(a);
  return out;
}
