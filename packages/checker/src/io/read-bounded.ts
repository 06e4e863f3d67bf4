import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * Opening a named pipe (FIFO) for reading blocks until a writer appears, and a device never ends: a package file
 * replaced by either must not hang the check. Files are opened non-blocking (no effect on regular files) and
 * refused unless they are regular files.
 */
const READ_NONBLOCK = constants.O_RDONLY | constants.O_NONBLOCK;

/** The `code` of the error thrown for a FIFO, device or socket in place of a file (readers show it as the reason). */
export const NOT_REGULAR_CODE = 'not a regular file (named pipe, device or socket)';
const NOT_REGULAR = NOT_REGULAR_CODE;

function notRegular(path: string): NodeJS.ErrnoException {
  const e: NodeJS.ErrnoException = new Error(`${path} is not a regular file (named pipe, device or socket)`);
  e.code = NOT_REGULAR;
  return e;
}

/**
 * Reads a regular file, at most `maxBytes` of it: whole when it is smaller, else its first `maxBytes` when
 * `head` is set, else an error with code 'EFBIG'. Throws the file system's error (code ENOENT, EACCES, …) or
 * NOT_REGULAR.
 */
export function readRegularFile(path: string, maxBytes: number, head = false): Buffer {
  const fd = openSync(path, READ_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw notRegular(path);
    if (st.size > maxBytes && !head) {
      const e: NodeJS.ErrnoException = new Error(`${path} is ${st.size} bytes, over the limit of ${maxBytes}`);
      e.code = 'EFBIG';
      throw e;
    }
    const length = Math.min(st.size, maxBytes);
    const buffer = Buffer.alloc(length);
    let got = 0;
    while (got < length) {
      const n = readSync(fd, buffer, got, length - got, got);
      if (n === 0) break;
      got += n;
    }
    return buffer.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/** `length` bytes of an open file from `position`, fewer where it ends. */
function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buffer, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return buffer.subarray(0, got);
}

/**
 * The first `headBytes` and the last `tailBytes` of a regular file, with one open: both are the whole file when it
 * is no longer than `headBytes` (a scan is checked by its ends without reading the megabytes between them).
 * `listedSize`, a size over 0 the caller's lstat gave, vouches that the path is a regular file of that size (only
 * regular files have a size over 0), which saves an fstat per file on a county's ~450k scans.
 */
export function readRegularFileEnds(path: string, headBytes: number, tailBytes: number, listedSize?: number): { head: Buffer; tail: Buffer; size: number } {
  const fd = openSync(path, READ_NONBLOCK);
  try {
    let size: number;
    if (listedSize !== undefined && listedSize > 0) size = listedSize;
    else {
      const st = fstatSync(fd);
      if (!st.isFile()) throw notRegular(path);
      size = st.size;
    }
    const head = readAt(fd, 0, Math.min(size, headBytes));
    if (size <= headBytes || tailBytes <= 0) return { head, tail: head, size };
    const length = Math.min(tailBytes, size);
    return { head, tail: readAt(fd, size - length, length), size };
  } finally {
    closeSync(fd);
  }
}

/**
 * readRegularFileEnds(path, scratch.length, tailBytes) for a file that its folder listing typed a regular file but
 * nothing has stat'ed: the first read goes into `scratch`, and one that returns fewer bytes than asked read the whole
 * file (a regular file reads short only at its end), so it also gives the size — a small file costs an open, a read
 * and a close. A longer one costs an fstat besides, which also refuses what is no longer a regular file. `head` (and
 * `tail`, when it is `head`) is a view of `scratch`: valid until scratch is read into again.
 */
export function readListedFileEnds(path: string, scratch: Buffer, tailBytes: number): { head: Buffer; tail: Buffer; size: number } {
  const fd = openSync(path, READ_NONBLOCK);
  try {
    const first = readSync(fd, scratch, 0, scratch.length, 0);
    if (first < scratch.length) {
      const whole = scratch.subarray(0, first);
      return { head: whole, tail: whole, size: first };
    }
    const st = fstatSync(fd);
    if (!st.isFile()) throw notRegular(path);
    const size = st.size;
    const head = scratch.subarray(0, Math.min(size, scratch.length));
    if (size <= scratch.length || tailBytes <= 0) return { head, tail: head, size };
    const length = Math.min(tailBytes, size);
    return { head, tail: readAt(fd, size - length, length), size };
  } finally {
    closeSync(fd);
  }
}

/** Opens a regular file for reading (the async readers' handle); NOT_REGULAR for anything else. */
export async function openRegularFile(path: string): Promise<FileHandle> {
  const handle = await open(path, READ_NONBLOCK);
  try {
    if (!(await handle.stat()).isFile()) throw notRegular(path);
  } catch (e) {
    await handle.close();
    throw e;
  }
  return handle;
}
