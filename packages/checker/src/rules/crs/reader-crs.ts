import { readerIssueRule } from '../support/reader-issues.js';

/** What the readers found wrong in a layer's coordinate system definition (reader issues of the 空间参考 category). */
export const rule = readerIssueRule({
  id: 'crs/reader-crs',
  group: 'crs',
  severity: 'warning',
  title: { zh: '坐标系文件自相矛盾', en: 'Projection file contradicts itself' },
  spec: 'NY/T 2539-2016 §6, 附录D 表D.2 (坐标系与分带); EPSG 4491–4554',
  basis: 'an inference: no clause names the .prj text, and the coordinates may still be right, so a warning',
  basisKind: 'inference',
  fixedBy: '测绘单位',
  codes: {
    // a .prj whose name or EPSG code says one zone and whose numbers say another
    'prj-contradiction': 'warning',
  },
});
