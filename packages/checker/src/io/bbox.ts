/** An axis-aligned extent in layer coordinates: the one bounding-box type of readers, store and spatial code. */
export interface Bbox {
  readonly minx: number;
  readonly miny: number;
  readonly maxx: number;
  readonly maxy: number;
}
