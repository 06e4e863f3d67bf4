import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface FoundPath {
  /** relative to the walked root, '/' separators, as on disk */
  readonly path: string;
  readonly isDir: boolean;
  readonly size: number;
  /** symbolic links are listed, never followed */
  readonly isSymlink: boolean;
}

/**
 * Every file and folder under `root` (not the root itself), depth-first in code-point order of names so the
 * listing is the same on every machine; yielded one at a time, so a county with hundreds of thousands of
 * attachment files is never held as one list. Uses lstat: a symlink is reported, not followed.
 * `onUnreadable` receives folders that cannot be listed.
 */
export function* walkFolder(root: string, onUnreadable: (path: string, error: unknown) => void = () => {}): Generator<FoundPath> {
  function* visit(abs: string, rel: string): Generator<FoundPath> {
    let names: string[];
    try {
      names = readdirSync(abs);
    } catch (e) {
      onUnreadable(rel, e);
      return;
    }
    names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const name of names) {
      const childAbs = join(abs, name);
      const childRel = rel === '' ? name : `${rel}/${name}`;
      let st;
      try {
        st = lstatSync(childAbs);
      } catch (e) {
        onUnreadable(childRel, e);
        continue;
      }
      if (st.isSymbolicLink()) {
        yield { path: childRel, isDir: false, size: 0, isSymlink: true };
      } else if (st.isDirectory()) {
        yield { path: childRel, isDir: true, size: 0, isSymlink: false };
        yield* visit(childAbs, childRel);
      } else {
        yield { path: childRel, isDir: false, size: st.size, isSymlink: false };
      }
    }
  }
  yield* visit(root, '');
}
