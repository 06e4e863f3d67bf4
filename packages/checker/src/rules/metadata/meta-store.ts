import type Database from 'better-sqlite3';
import { hasStoreTable } from '../../store/facts.js';

/** The loaded SL…xml: values by `section/element` (document order), or undefined when none was loaded. */
export function metadataValues(db: Database.Database): { file: string; values: Map<string, string[]> } | undefined {
  if (!hasStoreTable(db, 'meta_xml')) return undefined;
  const values = new Map<string, string[]>();
  for (const r of db.prepare(`SELECT key, value FROM meta_xml ORDER BY rowid`).iterate() as IterableIterator<{ key: string; value: string | null }>) {
    values.set(r.key, [...(values.get(r.key) ?? []), r.value ?? '']);
  }
  const file = values.get('@file')?.[0];
  return file ? { file, values } : undefined;
}
