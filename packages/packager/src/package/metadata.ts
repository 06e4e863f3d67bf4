import { join } from 'node:path';
import { metadataSection, standardMetadataLayers, vectorMetadataFileName, type MetadataLayer } from '@nyt2539/schema';
import { writeVectorMetadata, type MetadataValue, type VectorMetadataInput } from '../metadata/vectorMetadata.js';
import type { PackageData } from '@nyt2539/schema';

/** A Gauss-Krüger system as the .prj states it (metres), the source of D.2's values. */
interface MetadataCrs {
  readonly datum: 'CGCS2000' | 'Xian80' | string;
  readonly zoneWidth: number | null;
  readonly centralMeridian: number | null;
  readonly falseEasting: number | null;
  readonly falseNorthing: number | null;
}

const DATUM_CODE_NAME: Readonly<Record<string, string>> = { CGCS2000: '2000 国家大地坐标系', Xian80: '1980 西安坐标系' };

function codeNamed(element: 'coorRSID' | 'coorFDKD', name: string | undefined): string | undefined {
  const domain = metadataSection('refSysInfo').elements.find((e) => e.code === element)?.domain;
  return domain?.kind === 'codes' ? domain.codes.find((c) => c.code && c.name === name)?.code : undefined;
}

/**
 * D.2 (refSysInfo) from the coordinate system: datum code, central meridian (°), false easting/northing in km
 * (Annex D's unit), zone-width code. The one derivation the package writer and `fix` share; an element the
 * system does not determine is left out (the writer then names it as missing).
 */
export function refSysInfoOf(crs: MetadataCrs): Record<string, MetadataValue> {
  return {
    coorRSID: codeNamed('coorRSID', DATUM_CODE_NAME[crs.datum]),
    centralMer: crs.centralMeridian ?? undefined,
    eastFAL: crs.falseEasting === null ? undefined : crs.falseEasting / 1000,
    northFAL: crs.falseNorthing === null ? undefined : crs.falseNorthing / 1000,
    coorFDKD: crs.zoneWidth === null ? undefined : codeNamed('coorFDKD', `${crs.zoneWidth}°`),
  };
}

/** D.3 (contInfo): the vector layers, as the writer lists them (all 14, as the sample does). */
export function metadataLayers(): MetadataLayer[] {
  return standardMetadataLayers();
}

/** Annex D values a package's own data fixes: county, CRS (CGCS2000 3° GK), language, status, class. */
function vectorMetadataInput(data: PackageData): VectorMetadataInput {
  const m = data.metadata;
  const falseEastingKm = data.crs.variant === 'zone' ? data.crs.zone * 1000 + 500 : 500;
  return {
    dataIdInfo: {
      title: m.title ?? `${data.county.name}农村土地承包经营权数据库`,
      date: m.date,
      geoID: data.county.code,
      dataEdition: m.dataEdition,
      dataLang: 'zh',
      idAbs: m.abstract,
      status: '001',
      ending: m.ending,
      rpOrgName: m.rpOrgName,
      rpCnt: m.rpCnt,
      voiceNum: m.voiceNum,
      cntAddress: m.cntAddress,
      cntCode: m.cntCode,
      classCode: '005',
    },
    refSysInfo: refSysInfoOf({
      datum: data.crs.datum,
      zoneWidth: data.crs.zoneWidth,
      centralMeridian: data.crs.zone * data.crs.zoneWidth,
      falseEasting: falseEastingKm * 1000,
      falseNorthing: 0,
    }),
    layers: metadataLayers(),
    dqInfo: { dqStatement: m.dqStatement, dqLineage: m.dqLineage },
  };
}

/** Write `SL<county6><year4>.xml` into the package's 矢量数据 folder. */
export function writePackageMetadata(vectorDir: string, data: PackageData): void {
  writeVectorMetadata(join(vectorDir, vectorMetadataFileName(data.county.code, data.year)), vectorMetadataInput(data));
}
