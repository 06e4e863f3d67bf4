import { readerIssueRule } from '../support/reader-issues.js';

/**
 * What the metadata reader met in SL…xml that the value rules cannot see on the parsed elements: an unreadable or
 * malformed file, a wrong root, a missing section, unknown elements, the `layName` spelling.
 */
export const rule = readerIssueRule({
  id: 'metadata/reader-metadata',
  group: 'metadata',
  severity: 'error',
  title: { zh: '元数据文件无法读取或结构不符', en: 'Metadata file unreadable or malformed' },
  spec: 'NY/T 2539-2016 §7.4, 附录D',
  basis: 'qc-rules.md J-01; unknown elements and the layName spelling are warnings, element order only a note',
  basisKind: 'official-qc',
  fixedBy: '测绘单位',
  codes: {
    'metadata-unreadable': 'error',
    'metadata-open-missing': 'error',
    'metadata-open-denied': 'error',
    'metadata-open-not-file': 'error',
    'metadata-too-large': 'error',
    'metadata-encoding': 'error',
    'metadata-malformed': 'error',
    'metadata-root': 'error',
    'metadata-section-missing': 'error',
    'metadata-element-unknown': 'warning',
    'metadata-layname': 'warning',
    // the store keeps one value per layer element and one entry per layer: nothing else can see these
    'metadata-layer-element-repeated': 'error',
    'metadata-layer-duplicate': 'error',
    // Annex D's order is not checked by the 汇交 platform
    'metadata-element-order': 'off',
    // metadata/values and metadata/layers check these on the parsed metadata themselves
    'metadata-value': 'off',
    'metadata-element-missing': 'off',
    'metadata-element-repeated': 'off',
    'metadata-no-layers': 'off',
    'metadata-eastfal-metres': 'off',
  },
});
