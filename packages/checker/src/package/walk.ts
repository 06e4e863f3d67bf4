import { type Dirent, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

interface FoundPath {
  /** relative to the walked root, '/' separators, as on disk */
  readonly path: string;
  readonly isDir: boolean;
  /** -1 when the walk did not stat the file (options.stat) */
  readonly size: number;
  /** symbolic links are listed, never followed */
  readonly isSymlink: boolean;
}

/** One name in a folder of a package tree. */
export interface TreeEntry {
  readonly name: string;
  readonly isDir: boolean;
  readonly size: number;
  readonly isSymlink: boolean;
}

/**
 * Where a package's files are listed from: the disk, or a zip's central directory (zip-tree.ts) whose entries are
 * read in place. `list` names the children of an absolute folder path (unsorted) and throws when it cannot.
 */
export interface PackageTree {
  list(dir: string): TreeEntry[];
  isDir(path: string): boolean;
}

/**
 * Every file and folder under `root` (not the root itself), depth-first in code-point order of names so the
 * listing is the same on every machine (and the same for a folder and a zip of it); yielded one at a time, so a
 * county with hundreds of thousands of attachment files is never held as one list. `onUnreadable` receives
 * folders that cannot be listed (or entries that cannot be stat'ed). `stat` says which entries are lstat'ed:
 * 'all' (the default: sizes and types as the file system gives them); 'folders' leaves out what the folder listing
 * types a regular file: those are yielded with size -1, for the caller to size when it needs to — the attachment
 * check learns a scan's size from the read that checks it, which saves an lstat on each of a county's ~450k
 * files; 'none' takes every entry's type from its folder listing and stats only what the listing leaves untyped.
 */
export function* walkFolder(
  root: string,
  onUnreadable: (path: string, error: unknown) => void = () => {},
  tree?: PackageTree,
  options: {
    readonly stat?: 'all' | 'folders' | 'none';
    /** folders (relative paths) listed but not entered */
    readonly skipFolder?: (rel: string) => boolean;
  } = {},
): Generator<FoundPath> {
  const stat = options.stat ?? 'all';
  const enter = (rel: string): boolean => !options.skipFolder?.(rel);
  function* visitTree(t: PackageTree, abs: string, rel: string): Generator<FoundPath> {
    let children: TreeEntry[];
    try {
      children = t.list(abs);
    } catch (e) {
      onUnreadable(rel, e);
      return;
    }
    children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const c of children) {
      const childRel = rel === '' ? c.name : `${rel}/${c.name}`;
      if (c.isSymlink) yield { path: childRel, isDir: false, size: 0, isSymlink: true };
      else if (c.isDir) {
        yield { path: childRel, isDir: true, size: 0, isSymlink: false };
        if (enter(childRel)) yield* visitTree(t, join(abs, c.name), childRel);
      } else yield { path: childRel, isDir: false, size: c.size, isSymlink: false };
    }
  }
  function* visit(abs: string, rel: string): Generator<FoundPath> {
    let entries: Dirent[];
    try {
      entries = readdirSync(abs, { withFileTypes: true });
    } catch (e) {
      onUnreadable(rel, e);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const name = entry.name;
      const childRel = rel === '' ? name : `${rel}/${name}`;
      if (stat === 'folders' && entry.isFile()) {
        yield { path: childRel, isDir: false, size: -1, isSymlink: false };
        continue;
      }
      if (stat === 'none' && (entry.isSymbolicLink() || entry.isDirectory() || entry.isFile())) {
        if (entry.isSymbolicLink()) yield { path: childRel, isDir: false, size: 0, isSymlink: true };
        else if (entry.isDirectory()) {
          yield { path: childRel, isDir: true, size: 0, isSymlink: false };
          if (enter(childRel)) yield* visit(join(abs, name), childRel);
        } else yield { path: childRel, isDir: false, size: -1, isSymlink: false };
        continue;
      }
      const childAbs = join(abs, name);
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
        if (enter(childRel)) yield* visit(childAbs, childRel);
      } else {
        yield { path: childRel, isDir: false, size: st.size, isSymlink: false };
      }
    }
  }
  yield* tree ? visitTree(tree, root, '') : visit(root, '');
}
