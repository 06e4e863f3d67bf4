import { formatMessage, type Localized } from '@nyt2539/schema';
import { InputError } from '../package/errors.js';

/**
 * Writing the working store can fail for want of disk: SQLite says SQLITE_FULL when the disk (or a quota) is full,
 * and an I/O error when a write is refused outright (a file-size limit, `ulimit -f`: EFBIG). Either ends the check
 * — nothing after it could be stored — so the loaders let it through instead of turning it into a finding about
 * the file they were reading, and the load ends with one located line instead of a stack trace.
 */
export function isStoreWriteFailure(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') || code === 'ENOSPC' || code === 'EFBIG' || code === 'EDQUOT');
}

const TEXT = {
  full: {
    zh: '写入工作库时磁盘已满{during}：检查未完成。工作库写在临时目录（TMPDIR）或 --work-dir 指定的目录中，请腾出空间或用 --work-dir 指向更大的磁盘（{code}）',
    en: 'the disk filled up while writing the working store{duringEn}: the check did not finish. The store is written to the temp folder (TMPDIR) or the --work-dir folder: free some space or point --work-dir at a larger disk ({code})',
  },
  refused: {
    zh: '写入工作库失败{during}：系统拒绝写入（超出文件大小限制或磁盘 I/O 错误），检查未完成。请检查 ulimit -f 与磁盘，或用 --work-dir 指向其他磁盘（{code}）',
    en: 'writing the working store failed{duringEn}: the system refused the write (a file-size limit or a disk I/O error); the check did not finish. Check ulimit -f and the disk, or point --work-dir at another disk ({code})',
  },
} satisfies Record<string, Localized>;

/** The store-write failure as the one line the CLI prints (exit 2); `file` is the package file being read then. */
export function storeWriteError(e: unknown, file: string | undefined): InputError {
  const code = String((e as { code?: unknown }).code);
  const text = code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' ? TEXT.full : TEXT.refused;
  const data = { code, during: file ? `（正在读取 ${file}）` : '', duringEn: file ? ` (while reading ${file})` : '' };
  return new InputError({ zh: formatMessage(text.zh, data), en: formatMessage(text.en, data) }, file);
}
