import type { Feature, Row } from '@nyt2539/schema';
import type { CountyDef } from './counties.js';
import type { Lattice } from './geometry/lattice.js';
import { slotPlots, type SlotPlots } from './geometry/plots.js';
import type { CountyLayout, Slot } from './layout.js';
import { wayName } from './names.js';
import type { IdFactory } from './people.js';
import { Rng } from './random.js';
import type { ScaleDef } from './scales.js';

/** A file the package will hold; its bytes are made when written (tiny PDF/JPEG). */
export interface FileEntry {
  /** relative path as stored in the data (`\`-separated) */
  readonly path: string;
  readonly kind: 'pdf' | 'jpg';
  /** text shown in a PDF */
  readonly text: string;
}

export interface ModelSink {
  row(table: string, row: Row): void;
  feature(layer: string, feature: Feature): void;
  file(entry: FileEntry): void;
}

/** Everything one slot's generation may consult; shared across the county pass. */
export class GenContext {
  private readonly plotCache = new Map<number, SlotPlots>();
  /** 承包经营权证流水号 sequence (county-wide, in issue order) */
  lsh = 0;
  private readonly bsm = new Map<string, number>();

  constructor(
    readonly seed: number,
    readonly county: CountyDef,
    readonly scale: ScaleDef,
    readonly layout: CountyLayout,
    readonly lattice: Lattice,
    readonly year: number,
    readonly ids: IdFactory,
    readonly out: ModelSink,
  ) {}

  /** Plot layout of any slot (neighbours' too); a small cache since slots are visited in order. */
  plots(slot: Slot): SlotPlots {
    let p = this.plotCache.get(slot.index);
    if (!p) {
      p = slotPlots(this.seed, slot);
      if (this.plotCache.size > 64) this.plotCache.delete(this.plotCache.keys().next().value as number);
      this.plotCache.set(slot.index, p);
    }
    return p;
  }

  /** Next 标识码 of a layer (per-layer counter from 1). */
  nextBsm(layer: string): number {
    const n = (this.bsm.get(layer) ?? 0) + 1;
    this.bsm.set(layer, n);
    return n;
  }

  /** Name of the road or ditch along the boundary between two slots (or a slot and the county edge). */
  wayBetween(a: Slot, b: Slot | undefined, side: string): string {
    const key = b ? (a.index < b.index ? `${a.index}|${b.index}` : `${b.index}|${a.index}`) : `${a.index}|${side}`;
    let name = this.wayCache.get(key);
    if (name === undefined) {
      name = wayName(Rng.derive(this.seed, 'way', key));
      if (this.wayCache.size > 4096) this.wayCache.clear();
      this.wayCache.set(key, name);
    }
    return name;
  }

  private readonly wayCache = new Map<string, string>();
}

export function dkbmOf(slot: Slot, plotIndex: number): string {
  return slot.fbfbm + String(plotIndex + 1).padStart(5, '0');
}
