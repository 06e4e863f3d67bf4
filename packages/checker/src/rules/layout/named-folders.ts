import { FOLDER } from '@nyt2539/schema';

/** Folders whose files have fixed name patterns (NY/T 2539 §7.2–7.3, 汇交办法). */
export const namedFolders: readonly string[] = [FOLDER.vector, FOLDER.ownership, FOLDER.summary];

/** Extensions of the data files those folders hold: a file with one of them but no valid name is misnamed. */
export const dataExtensions: ReadonlySet<string> = new Set(['shp', 'shx', 'dbf', 'prj', 'mdb', 'accdb', 'xls', 'xlsx', 'xml']);

export function parentFolder(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}
