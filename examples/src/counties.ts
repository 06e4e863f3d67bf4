/**
 * Counties the generator can lay a synthetic package under. Only the county itself is real (its
 * GB/T 2260 code, name and rough position); every town, village, group and person is fictional.
 * `anchor` is the south-west corner of the synthetic lattice in CGCS2000 3° Gauss-Krüger metres
 * without the zone prefix, placed a few km inside the county (computed once with proj4 from the
 * county's approximate lon/lat).
 */
export interface CountyDef {
  /** GB/T 2260 code */
  readonly code: string;
  /** GB/T 2260 name of the county-level unit */
  readonly name: string;
  readonly province: string;
  readonly city: string;
  /** one-character province abbreviation used in 承包经营权证流水号 */
  readonly provinceAbbr: string;
  readonly postcode: string;
  /** 3° Gauss-Krüger zone number (central meridian 3·zone °E) */
  readonly zone: number;
  readonly anchor: { readonly easting: number; readonly northing: number };
}

export const counties: readonly CountyDef[] = [
  // anchor at 117.78°E 30.86°N
  { code: '340711', name: '郊区', province: '安徽省', city: '铜陵市', provinceAbbr: '皖', postcode: '244000', zone: 39, anchor: { easting: 574_600, northing: 3_415_700 } },
  // anchor at 125.65°E 42.50°N
  { code: '220581', name: '梅河口市', province: '吉林省', city: '通化市', provinceAbbr: '吉', postcode: '135000', zone: 42, anchor: { easting: 471_200, northing: 4_707_200 } },
  // anchor at 119.24°E 33.76°N
  { code: '320826', name: '涟水县', province: '江苏省', city: '淮安市', provinceAbbr: '苏', postcode: '223400', zone: 40, anchor: { easting: 429_600, northing: 3_737_300 } },
];

export const DEFAULT_COUNTY = '340711';

export function countyDef(code: string): CountyDef | undefined {
  return counties.find((c) => c.code === code);
}

/** Full name from the province down, as the 权属单位代码表 and summary tables print it. */
export function countyFullName(c: CountyDef): string {
  return `${c.province}${c.city}${c.name}`;
}

/** False easting of the "Zone" Gauss-Krüger variant: the zone number prefixes the easting. */
export function zoneFalseEasting(zone: number): number {
  return zone * 1_000_000 + 500_000;
}
