import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { localize, type Lang, type Localized } from '@nyt2539/schema';
import { UserError } from './command.js';

const TEXT = {
  notDir: { zh: '输出目录 {dir} 已存在但不是文件夹', en: 'the output folder {dir} exists but is not a folder' },
  cannotCreate: { zh: '无法创建输出目录 {dir}（{reason}）', en: 'cannot create the output folder {dir} ({reason})' },
  notWritable: { zh: '输出目录 {dir} 不可写（无写入权限）', en: 'the output folder {dir} is not writable (no permission)' },
  exists: {
    zh: '输出目录 {dir} 中已有上次的结果（{files}）；加 --force 覆盖，或换一个目录',
    en: 'the output folder {dir} already holds a previous result ({files}); add --force to replace it, or choose another folder',
  },
} satisfies Record<string, Localized>;

const reasons: Record<string, Localized> = {
  EACCES: { zh: '无写入权限', en: 'permission denied' },
  EPERM: { zh: '无写入权限', en: 'permission denied' },
  EEXIST: { zh: '同名文件已存在', en: 'a file of that name exists' },
  ENOTDIR: { zh: '路径中有一段不是文件夹', en: 'a part of the path is not a folder' },
  EROFS: { zh: '只读文件系统', en: 'read-only file system' },
  ENOSPC: { zh: '磁盘已满', en: 'no space left on the disk' },
};

/** An errno code in words (never the raw code alone). */
export function errnoText(err: unknown, lang: Lang): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  const r = code ? reasons[code] : undefined;
  return r ? `${r[lang]}, ${code}` : code ?? String(err);
}

/**
 * `--out <dir>` is checked BEFORE the long check: created if missing, writable, and not holding a previous
 * result (any of `names`) unless `force`. Returns the absolute folder. A problem is one located line (exit 2).
 */
export function prepareOutDir(out: string, names: readonly string[], force: boolean, lang: Lang): string {
  const dir = resolve(out);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UserError(localize(TEXT.notDir, lang, { dir }));
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new UserError(localize(TEXT.cannotCreate, lang, { dir, reason: errnoText(err, lang) }));
  }
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch {
    throw new UserError(localize(TEXT.notWritable, lang, { dir }));
  }
  const previous = names.filter((n) => existsSync(join(dir, n)));
  if (previous.length > 0 && !force) throw new UserError(localize(TEXT.exists, lang, { dir, files: previous.join(lang === 'zh' ? '、' : ', ') }));
  return dir;
}
