import type { IssueCodes } from '../readers/issues.js';

/** Every code package discovery (the folder walk, after a zip is unpacked) emits, with its message template. */
export const packageIssueCodes = {
  'path-unreadable': { zh: '无法读取 {file}：{reason}', en: 'cannot read {file}: {reason}' },
  'symlink-skipped': { zh: '{file} 是符号链接，未读取', en: '{file} is a symbolic link; not read' },
} as const satisfies IssueCodes;
