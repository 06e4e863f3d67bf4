/** The ESRI .prj writer lives in @nyt2539/schema beside cgcs2000Epsg (the checker's reader and the generator use it too). */
export { esriPrj, zoneForLongitude, type EsriPrjOptions } from '@nyt2539/schema';
