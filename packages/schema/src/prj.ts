/**
 * ESRI .prj text for CGCS2000 Gauss-Krüger systems, byte-identical to the ESRI/ArcGIS files in fixtures/real/prj
 * (single line, no trailing newline, with the root AUTHORITY). EPSG numbering: `cgcs2000Epsg`.
 */

export interface EsriPrjOptions {
  readonly datum: 'CGCS2000';
  readonly zoneWidth: 3;
  /** 3° zone number (25…45); or give centralMeridian */
  readonly zone?: number;
  /** central meridian in degrees east, a multiple of 3 */
  readonly centralMeridian?: number;
  /** 'zone': False_Easting = zone·1 000 000 + 500 000 and name …_Zone_<n>; 'cm': 500 000 and …_CM_<cm>E */
  readonly variant: 'zone' | 'cm';
}

/** 3° zone of a longitude: zone n is centred on 3n°E, so n = round(lon / 3) (117.8°E → zone 39, CM 117°). */
export function zoneForLongitude(lon: number): number {
  if (!Number.isFinite(lon)) throw new Error(`经度 ${lon} 无效 / invalid longitude ${lon}`);
  return Math.round(lon / 3);
}

export function esriPrj(options: EsriPrjOptions): string {
  if (options.datum !== 'CGCS2000' || options.zoneWidth !== 3) {
    throw new Error('仅支持 CGCS2000 3° 分带 / only CGCS2000 3-degree zones are supported');
  }
  const zone = options.zone ?? (options.centralMeridian !== undefined ? options.centralMeridian / 3 : undefined);
  if (zone === undefined || !Number.isInteger(zone) || zone < 1 || zone > 120) {
    throw new Error(`带号或中央经线无效：zone=${options.zone} centralMeridian=${options.centralMeridian} / invalid zone or central meridian`);
  }
  if (options.zone !== undefined && options.centralMeridian !== undefined && options.centralMeridian !== zone * 3) {
    throw new Error(`带号 ${options.zone} 与中央经线 ${options.centralMeridian} 不一致 / zone and central meridian disagree`);
  }
  const cm = zone * 3;
  const name = options.variant === 'zone' ? `CGCS2000_3_Degree_GK_Zone_${zone}` : `CGCS2000_3_Degree_GK_CM_${cm}E`;
  const falseEasting = options.variant === 'zone' ? zone * 1_000_000 + 500_000 : 500_000;
  const epsg = cgcs2000Epsg(true, 3, zone, options.variant);
  return (
    `PROJCS["${name}",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],` +
    `PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],` +
    `PARAMETER["False_Easting",${esriNumber(falseEasting)}],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${esriNumber(cm)}],` +
    `PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]` +
    (epsg !== null ? `,AUTHORITY["EPSG",${epsg}]]` : ']')
  );
}

/** ESRI writes whole numbers with one decimal: 39500000.0, 117.0. */
function esriNumber(n: number): string {
  return Number.isInteger(n) ? `${n}.0` : String(n);
}

/** EPSG code of a CGCS2000 geographic or Gauss-Krüger system, or null outside the defined ranges. */
export function cgcs2000Epsg(projected: boolean, zoneWidth: 3 | 6 | 1.5 | null, zone: number | null, variant: 'zone' | 'cm' | null): number | null {
  if (!projected) return 4490;
  if (zone === null || variant === null) return null;
  if (zoneWidth === 3 && zone >= 25 && zone <= 45) return (variant === 'zone' ? 4513 : 4534) + zone - 25;
  if (zoneWidth === 6 && zone >= 13 && zone <= 23) return (variant === 'zone' ? 4491 : 4502) + zone - 13;
  return null;
}

/** The zone parameters an EPSG code of a CGCS2000 Gauss-Krüger system stands for (the inverse of cgcs2000Epsg), or null. */
export function cgcs2000Parameters(epsg: number): { zoneWidth: 3 | 6; zone: number; centralMeridian: number; falseEasting: number } | null {
  const zoned = (zoneWidth: 3 | 6, zone: number, variant: 'zone' | 'cm') => ({
    zoneWidth,
    zone,
    centralMeridian: zoneWidth === 3 ? zone * 3 : zone * 6 - 3,
    falseEasting: variant === 'zone' ? zone * 1_000_000 + 500_000 : 500_000,
  });
  if (epsg >= 4513 && epsg <= 4533) return zoned(3, epsg - 4513 + 25, 'zone');
  if (epsg >= 4534 && epsg <= 4554) return zoned(3, epsg - 4534 + 25, 'cm');
  if (epsg >= 4491 && epsg <= 4501) return zoned(6, epsg - 4491 + 13, 'zone');
  if (epsg >= 4502 && epsg <= 4512) return zoned(6, epsg - 4502 + 13, 'cm');
  return null;
}
