import type { FileHandle } from 'node:fs/promises';

/**
 * Positional reads through one bounded buffer: sequential access (the common case for .shp/.shx/.dbf)
 * costs one syscall per window, and memory stays at one window however large the file is.
 */
export class ChunkReader {
  private buffer: Buffer;
  private start = 0; // file position of buffer[0]
  private end = 0; // file position after the last valid byte in buffer

  constructor(
    private readonly handle: FileHandle,
    readonly size: number,
    windowBytes = 1 << 20,
  ) {
    this.buffer = Buffer.allocUnsafe(windowBytes);
  }

  /** The buffer `offsetOf` indexes into; replaced by a `read` that needs a larger one. */
  get window(): Buffer {
    return this.buffer;
  }

  /** Where in `window` the bytes are when they already are in it (no view made), else -1. Same validity rule as `read`. */
  offsetOf(position: number, length: number): number {
    return position >= this.start && position + length <= this.end ? position - this.start : -1;
  }

  /** The bytes when they are already in the window (no await needed), else null. Same validity rule as `read`. */
  peek(position: number, length: number): Buffer | null {
    if (position >= this.start && position + length <= this.end) {
      return this.buffer.subarray(position - this.start, position - this.start + length);
    }
    return null;
  }

  /**
   * `length` bytes at `position`, or fewer when the file ends first. The returned view is only valid until the
   * next call (it points into the shared window); copy what must be kept.
   */
  async read(position: number, length: number): Promise<Buffer> {
    if (position >= this.start && position + length <= this.end) {
      return this.buffer.subarray(position - this.start, position - this.start + length);
    }
    if (length > this.buffer.length) this.buffer = Buffer.allocUnsafe(length);
    const want = Math.min(this.buffer.length, Math.max(0, this.size - position));
    let got = 0;
    while (got < want) {
      const { bytesRead } = await this.handle.read(this.buffer, got, want - got, position + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    this.start = position;
    this.end = position + got;
    return this.buffer.subarray(0, Math.min(length, got));
  }
}
