import path, { type PlatformPath } from 'node:path';

/**
 * File names that Windows (NTFS, Explorer, the built-in zip tool) accepts, for every output whose name comes
 * from the data (a county name, a code, a report title): packages are made and opened on Windows laptops, so a
 * name that is fine on Linux (`a:b`, `x?`, `名称. `) must not reach a user's disk or a bundle.
 */

/** Characters NTFS refuses in a name component: `<>:"/\|?*` and the control characters U+0000–U+001F. */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f]/g;

/** Device names Windows reserves with any extension (`CON`, `nul.txt`, `COM1.pdf`, …). */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/** Longest name component NTFS stores (UTF-16 code units). */
export const NTFS_MAX_NAME = 255;

/** Longest path the Win32 API takes without the `\\?\` prefix (MAX_PATH, including the drive and the final NUL). */
export const WINDOWS_MAX_PATH = 260;

/** Why `name` is not a valid Windows file name, or undefined when it is. */
export function windowsNameProblem(name: string): 'empty' | 'forbidden-character' | 'trailing-dot-or-space' | 'reserved' | 'too-long' | undefined {
  if (name === '' || name === '.' || name === '..') return 'empty';
  if (new RegExp(FORBIDDEN.source).test(name)) return 'forbidden-character';
  if (/[. ]$/.test(name)) return 'trailing-dot-or-space';
  if (RESERVED.test(name)) return 'reserved';
  if (name.length > NTFS_MAX_NAME) return 'too-long';
  return undefined;
}

/**
 * `name` made valid on Windows: forbidden characters become `_`, trailing dots and spaces are dropped, a reserved
 * device name gets a leading `_`, and an over-long name is shortened before its extension. Valid names come back
 * unchanged, so applying it to every data-derived name costs nothing for the usual ones.
 */
export function safeFileName(name: string): string {
  let out = name.replace(FORBIDDEN, '_').replace(/[. ]+$/, '');
  if (out === '') out = '_';
  if (RESERVED.test(out)) out = `_${out}`;
  if (out.length > NTFS_MAX_NAME) {
    const dot = out.lastIndexOf('.');
    const ext = dot > 0 && out.length - dot <= 16 ? out.slice(dot) : '';
    out = out.slice(0, NTFS_MAX_NAME - ext.length).replace(/[. ]+$/, '') + ext;
  }
  return out;
}

/**
 * Whether `child` is `parent` or lies inside it, compared by the path module of the OS (separators, drive letters,
 * Windows' case-insensitivity); tests pass `path.win32`.
 */
export function isInsideFolder(parent: string, child: string, p: PlatformPath = path): boolean {
  const rel = p.relative(p.resolve(parent), p.resolve(child));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${p.sep}`) && !p.isAbsolute(rel));
}
