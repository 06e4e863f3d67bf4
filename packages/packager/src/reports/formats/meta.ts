import type { ReportFormatter } from '../types.js';

type FormatMeta = Pick<ReportFormatter, 'id' | 'describe' | 'files'>;

/**
 * What the registry, `--help`, pack, build and batch know of each report format without loading its renderer (the
 * DOCX, XLSX and map writers bring docx, exceljs, archiver and the shapefile writer, which a command pays for only
 * when it writes that format). Each formatter module spreads its entry; the order is the order files are written.
 */
export const reportFormatMeta = {
  json: { id: 'json', describe: { zh: '问题清单（JSON，机器可读）', en: 'findings (JSON, machine-readable)' }, files: { zh: ['findings.json'], en: ['findings.json'] } },
  text: { id: 'text', describe: { zh: '文本报告', en: 'text report' }, files: { zh: ['report.txt'], en: ['report.txt'] } },
  html: {
    id: 'html',
    describe: { zh: '网页版质检报告（单个文件，离线打开，含地图与可筛选清单）', en: 'HTML report (one file, opens offline, with map and filterable list)' },
    files: { zh: ['质检报告.html'], en: ['inspection-report.html'] },
  },
  docx: {
    id: 'docx',
    describe: { zh: '质检报告（Word/WPS 可编辑，签字盖章）', en: 'inspection report (editable in Word/WPS for signing)' },
    files: { zh: ['质检报告.docx'], en: ['inspection-report.docx'] },
  },
  xlsx: { id: 'xlsx', describe: { zh: 'Excel 问题清单（逐条整改）', en: 'Excel findings list (row-by-row fixing)' }, files: { zh: ['问题清单.xlsx'], en: ['findings.xlsx'] } },
  geojson: {
    id: 'geojson',
    describe: { zh: '问题图层 GeoJSON（成果坐标系，另附 EPSG:4490 经纬度版）', en: 'findings map layer, GeoJSON (package CRS, plus an EPSG:4490 lon/lat copy)' },
    files: { zh: ['问题图层.geojson', '问题图层_4490.geojson'], en: ['findings.geojson', 'findings-4490.geojson'] },
  },
  shp: {
    id: 'shp',
    describe: { zh: '问题图层 Shapefile（GBK；点，仅有范围的为面）', en: 'findings map layer, shapefile (GBK; points, box-only findings as polygons)' },
    files: { zh: ['问题点.shp', '问题范围.shp'], en: ['findings_pt.shp', 'findings_box.shp'] },
  },
} as const satisfies Record<string, FormatMeta>;

export type ReportFormatId = keyof typeof reportFormatMeta;
