import type { SqliteDatabase } from '@nyt2539/checker';

export interface SketchOptions {
  readonly producer: string;
  readonly date: string;
  readonly mask: boolean;
  readonly only?: readonly string[];
}

export async function renderSketches(_db: SqliteDatabase, _packageDir: string, _options: SketchOptions): Promise<{ written: number }> {
  return { written: 0 };
}
