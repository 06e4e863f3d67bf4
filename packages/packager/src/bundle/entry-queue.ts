import type { Readable } from 'node:stream';
import type { ZipArchive, ZipEntryData } from 'archiver';

interface Pending {
  readonly bytes: number;
  readonly resolve: () => void;
  readonly reject: (err: Error) => void;
}

/**
 * Feeds archiver without waiting for each entry: archiver writes its queue in order, one entry at a time, so
 * buffers can be queued ahead (up to `maxQueuedBytes`) instead of paying an event-loop round trip per file —
 * a county has hundreds of thousands of small attachments. Stream entries are awaited before the next one, so
 * only one input file is open at a time. The 'entry' events arrive in append order and settle the oldest entry.
 */
export class EntryQueue {
  private readonly pending: Pending[] = [];
  private queuedBytes = 0;
  private failure: Error | undefined;

  constructor(
    private readonly archive: ZipArchive,
    private readonly maxQueuedBytes: number,
  ) {
    archive.on('entry', () => {
      const p = this.pending.shift();
      if (!p) return;
      this.queuedBytes -= p.bytes;
      p.resolve();
    });
    archive.on('error', (err: Error) => this.fail(err));
  }

  /** Rejects every queued entry (archiver stops at the first error). */
  fail(err: Error): void {
    this.failure ??= err;
    for (const p of this.pending.splice(0)) p.reject(this.failure);
  }

  /** Queues a buffer; waits only while more than `maxQueuedBytes` are queued. */
  async appendBuffer(data: Buffer, entry: ZipEntryData, onWritten?: () => void): Promise<void> {
    const done = this.enqueue(data, entry, data.length, onWritten);
    done.catch(() => undefined); // observed through drain/flush
    while (this.queuedBytes > this.maxQueuedBytes && this.pending.length > 0) await this.oldest();
  }

  /** Appends a stream and waits until archiver has written it. */
  async appendStream(source: Readable, entry: ZipEntryData, onWritten?: () => void): Promise<void> {
    // archiver pipes a stream source through its own PassThrough, which does not carry the source's errors
    source.once('error', (err: Error) => this.fail(err));
    await this.enqueue(source, entry, 0, onWritten);
  }

  /** Waits until every queued entry is written. */
  async flush(): Promise<void> {
    while (this.pending.length > 0) await this.oldest();
    if (this.failure) throw this.failure;
  }

  private oldest(): Promise<void> {
    return new Promise((resolve, reject) => {
      const p = this.pending[0];
      // wrap the oldest entry's settlement without reordering the queue
      const { resolve: r0, reject: j0 } = p;
      this.pending[0] = {
        bytes: p.bytes,
        resolve: () => {
          r0();
          resolve();
        },
        reject: (err) => {
          j0(err);
          reject(err);
        },
      };
    });
  }

  private enqueue(source: Buffer | Readable, entry: ZipEntryData, bytes: number, onWritten?: () => void): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.push({
        bytes,
        resolve: () => {
          onWritten?.();
          resolve();
        },
        reject,
      });
      this.queuedBytes += bytes;
      this.archive.append(source, entry);
    });
  }
}
