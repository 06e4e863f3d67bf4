import type { Feature, Row } from '@nyt2539/schema';
import { physicalTables, vectorLayerTables } from '@nyt2539/schema';
import type { FileEntry, ModelSink } from './context.js';
import { RecordStore } from './store.js';

/**
 * The generated county before it is written: one record store per 权属 table and per layer, plus
 * the list of files. Defect injectors edit these stores (by record index) and record what they did.
 */
export class CountyModel implements ModelSink {
  readonly tables = new Map<string, RecordStore<Row>>();
  readonly layers = new Map<string, RecordStore<Feature>>();
  readonly files: RecordStore<FileEntry>;

  constructor(spillDir: string | undefined) {
    for (const t of physicalTables) this.tables.set(t.name, new RecordStore<Row>(spillDir, `table-${t.name}`));
    for (const l of vectorLayerTables) this.layers.set(l, new RecordStore<Feature>(spillDir, `layer-${l}`));
    this.files = new RecordStore<FileEntry>(spillDir, 'files');
  }

  row(table: string, row: Row): void {
    const s = this.tables.get(table);
    if (!s) throw new Error(`generator: unknown table ${table}`);
    s.push(row);
  }

  feature(layer: string, feature: Feature): void {
    const s = this.layers.get(layer);
    if (!s) throw new Error(`generator: unknown layer ${layer}`);
    s.push(feature);
  }

  file(entry: FileEntry): void {
    this.files.push(entry);
  }

  /** Record counts per table/layer and files, for stats and ground truth. */
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, s] of this.tables) out[k] = s.length;
    for (const [k, s] of this.layers) out[k] = s.length;
    out.files = this.files.length;
    return out;
  }

  close(): void {
    for (const s of this.tables.values()) s.close();
    for (const s of this.layers.values()) s.close();
    this.files.close();
  }

  dispose(): void {
    for (const s of this.tables.values()) s.dispose();
    for (const s of this.layers.values()) s.dispose();
    this.files.dispose();
  }
}
