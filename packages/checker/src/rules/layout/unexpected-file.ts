import { classifyPath } from '@nyt2539/schema';
import type { Rule } from '../../engine/types.js';
import { packageFiles } from '../store-files.js';
import { dataExtensions, namedFolders, parentFolder } from './named-folders.js';

/**
 * Files and folders the layout has no place for (a stray `说明.txt` at the root, a `新建文件夹`, an ArcGIS
 * `.lock`). They do not harm the data, so this is a warning; known names in the wrong place are
 * layout/misnamed-file's.
 */
export const rule: Rule = {
  meta: {
    id: 'layout/unexpected-file',
    group: 'layout',
    severity: 'warning',
    title: { zh: '多余的文件或目录', en: 'Unexpected file or folder' },
    messages: {
      file: { zh: '文件 {file} 不属于汇交成果的任何规定位置', en: 'File {file} has no place in the package layout' },
      folder: { zh: '目录 {file} 不属于汇交成果的规定目录', en: 'Folder {file} is not part of the package layout' },
      symlink: { zh: '{file} 是符号链接，汇交成果中不应包含', en: '{file} is a symbolic link, which a package should not contain' },
    },
    spec: 'NY/T 2539-2016 §7',
    basis: 'qc-rules.md A-02 (folder model of the QC tool); warning: extra files do not affect the data',
    basisKind: 'standard',
    fixedBy: '县确权办',
  },
  run(ctx) {
    // the scanner stored classifyPath's kind: only what it could not place needs a second look
    const files = packageFiles(ctx.db, ['unknown', 'symlink']);
    const unknownDirs = new Set<string>();
    for (const f of files) {
      if (f.kind === 'symlink') {
        ctx.report({ messageId: 'symlink', file: f.path });
        continue;
      }
      const parent = parentFolder(f.path);
      // inside an unexpected folder, the folder is the one finding
      if ([...unknownDirs].some((d) => parent === d || parent.startsWith(`${d}/`))) continue;
      const c = classifyPath(f.path, { isDir: f.isDir });
      if (c.kind !== 'unknown' || c.caseMismatch) continue;
      if (f.isDir) {
        unknownDirs.add(f.path);
        ctx.report({ messageId: 'folder', file: f.path });
        continue;
      }
      if (c.looksLike) continue;
      if (namedFolders.includes(parent) && dataExtensions.has(c.extension)) continue;
      ctx.report({ messageId: 'file', file: f.path });
    }
  },
};
