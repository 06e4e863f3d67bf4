import { join } from 'node:path';
import { standardMetadataLayers, vectorMetadataFileName } from '@nyt2539/schema';
import { writeVectorMetadata, type VectorMetadataInput } from '../metadata/vectorMetadata.js';
import type { PackageData } from '@nyt2539/schema';

/** Annex D values a package's own data fixes: county, CRS (CGCS2000 3° GK), language, status, class. */
export function vectorMetadataInput(data: PackageData): VectorMetadataInput {
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
    refSysInfo: { coorRSID: '001', centralMer: data.crs.zone * data.crs.zoneWidth, eastFAL: falseEastingKm, northFAL: 0, coorFDKD: '002' },
    layers: standardMetadataLayers(),
    dqInfo: { dqStatement: m.dqStatement, dqLineage: m.dqLineage },
  };
}

/** Write `SL<county6><year4>.xml` into the package's 矢量数据 folder. */
export function writePackageMetadata(vectorDir: string, data: PackageData): void {
  writeVectorMetadata(join(vectorDir, vectorMetadataFileName(data.county.code, data.year)), vectorMetadataInput(data));
}
