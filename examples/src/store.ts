import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';

/**
 * Append-only record list that can be read many times. Small counties stay in memory; at county
 * scale records spill to a file (v8-serialized, length-prefixed) in a work directory as they are
 * produced, so the generator holds one group at a time and writers stream the rest back.
 * `edits` lets a defect injector replace or drop a record by index without rewriting the file.
 */
export class RecordStore<T> {
  private readonly memory: T[] = [];
  private fd: number | undefined;
  private readonly file: string | undefined;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private count = 0;
  /** index → replacement record, or null to drop it */
  readonly edits = new Map<number, T | null>();

  constructor(spillDir: string | undefined, name: string) {
    if (spillDir) {
      this.file = join(spillDir, `${name}.v8rec`);
      this.fd = openSync(this.file, 'w');
    }
  }

  get length(): number {
    return this.count;
  }

  push(record: T): void {
    this.count++;
    if (this.fd === undefined) {
      this.memory.push(record);
      return;
    }
    const body = serialize(record);
    const head = Buffer.allocUnsafe(4);
    head.writeUInt32LE(body.length, 0);
    this.pending.push(head, body);
    this.pendingBytes += 4 + body.length;
    if (this.pendingBytes > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.fd === undefined || this.pending.length === 0) return;
    writeSync(this.fd, Buffer.concat(this.pending));
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Records in order, with edits applied. */
  *read(): Generator<T> {
    let index = 0;
    for (const r of this.raw()) {
      const e = this.edits.get(index);
      index++;
      if (e === null) continue;
      yield e ?? r;
    }
  }

  /** Records as produced, ignoring edits (injectors choose targets from these). */
  *raw(): Generator<T> {
    if (this.file === undefined) {
      yield* this.memory;
      return;
    }
    this.flush();
    const fd = openSync(this.file, 'r');
    try {
      let buf = Buffer.alloc(1 << 20);
      let start = 0;
      let end = 0;
      let pos = 0;
      for (;;) {
        if (end - start < 4 || end - start < 4 + buf.readUInt32LE(start)) {
          // compact and refill
          buf.copy(buf, 0, start, end);
          end -= start;
          start = 0;
          if (end >= 4) {
            const need = 4 + buf.readUInt32LE(0);
            if (need > buf.length) {
              const bigger = Buffer.alloc(need * 2);
              buf.copy(bigger, 0, 0, end);
              buf = bigger;
            }
          }
          const n = readSync(fd, buf, end, buf.length - end, pos);
          pos += n;
          end += n;
          if (n === 0) {
            if (end !== 0) throw new Error(`record store ${this.file}: truncated`);
            return;
          }
          continue;
        }
        const len = buf.readUInt32LE(start);
        yield deserialize(buf.subarray(start + 4, start + 4 + len)) as T;
        start += 4 + len;
      }
    } finally {
      closeSync(fd);
    }
  }

  close(): void {
    this.flush();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  dispose(): void {
    this.close();
    if (this.file) rmSync(this.file, { force: true });
  }
}
