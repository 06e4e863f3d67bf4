import type { DefectFamily } from './catalog.js';
import { defectFamilies } from './catalog.js';
import { catalogInjectors, seedKinds } from './kinds.js';
import { seedInjectors } from './seed.js';

/** What each QC rule family covers, as the issue text names it. */
const familyTitles: Readonly<Record<DefectFamily, { zh: string; en: string }>> = {
  layout: { zh: '目录与文件命名', en: 'Package layout and naming' },
  structure: { zh: '表与字段结构', en: 'Table and field structure' },
  'code-domains': { zh: '代码值域', en: 'Code domains' },
  'required-fields': { zh: '必填与条件必填字段', en: 'Required and conditional fields' },
  whitespace: { zh: '文本中的空格', en: 'Spaces in text' },
  coding: { zh: '编码规则（FBFBM/CBFBM/DKBM/CBHTBM）', en: 'Coding rules (FBFBM/CBFBM/DKBM/CBHTBM)' },
  references: { zh: '表间关联', en: 'References between tables' },
  logic: { zh: '逻辑（成员数、户主、身份证与性别、日期顺序、取得方式、承包期限）', en: 'Logic (member counts, 户主, ID/sex, date chain, 取得方式 = 承包方式, contract term)' },
  areas: { zh: '面积与合计', en: 'Areas and sums' },
  geometry: { zh: '图形有效性', en: 'Geometry validity' },
  overlaps: { zh: '重叠', en: 'Overlaps' },
  snapping: { zh: '节点未捕捉', en: 'Unsnapped vertices' },
  boundary: { zh: '界址点/界址线与地块', en: 'JZD/JZX vs DK' },
  crs: { zh: '坐标系与 .prj', en: 'CRS and .prj' },
  summary: { zh: '汇总表与数据', en: 'Summary tables vs data' },
  metadata: { zh: '元数据', en: 'Metadata' },
  attachments: { zh: '附件文件', en: 'Attachment files' },
};

const code = (xs: readonly string[] | undefined): string => (xs && xs.length ? xs.map((x) => `\`${x}\``).join(', ') : '');

/** The catalog page (examples/DEFECTS.md), generated from the injectors' own metadata. */
export function renderDefectCatalog(): string {
  const seedIds = new Set(seedInjectors.map((i) => i.id));
  const rows = [
    ...seedInjectors.map((i) => ({ id: i.id, title: i.title, family: seedKinds[i.id].family, rules: seedKinds[i.id].rules, also: seedKinds[i.id].alsoReportedBy, stage: 'model' })),
    ...catalogInjectors.map((i) => ({ id: i.id, title: i.title, family: i.family, rules: i.rules, also: i.alsoReportedBy, stage: i.afterWrite ? 'written files' : 'model' })),
  ];
  const out: string[] = [
    '# Defect catalog',
    '',
    '<!-- Generated from the injectors (examples/src/defects/**) by examples/src/defects/doc.test.ts. Do not edit by hand:',
    '     NYT2539_UPDATE_DOCS=1 pnpm exec vitest run examples/src/defects/doc.test.ts -->',
    '',
    'Each kind breaks a clean generated county in a few records (one for spatial and whole-file kinds) and records',
    'every change in `ground-truth.json`: `id`, `family`, `kind` (value, cleared, record-removed, file-missing,',
    'geometry), `file`, `table` or `layer`, 1-based `record`, `keys` (the record\'s codes), `field`, `before`, `after`',
    'and a description. No record is touched by two kinds, so each finding of the checker is explained by exactly one',
    'defect. **Caught by**: at least one of these rules must report every injected record; **also reported by**: rules',
    'that legitimately see the same defect from another side.',
    '',
    '`--defects seed` runs the kinds marked *seed* (why real counties failed QC: incomplete family members, missing ID',
    'numbers and ID/户口 attachments, plots without names, incomplete 四至, unsigned forms, wrong 发包方编码,',
    'attachments not filed, wrong areas); `--defects all` runs every kind; a comma-separated list runs those ids.',
    '*Stage* says whether the kind edits the generated model before writing or the written files afterwards.',
    '',
  ];
  for (const f of defectFamilies) {
    const kinds = rows.filter((r) => r.family === f);
    out.push(`## ${familyTitles[f].zh} (${familyTitles[f].en})`, '');
    out.push('| Kind | 说明 / Description | Caught by | Also reported by | Stage |', '|---|---|---|---|---|');
    for (const k of kinds) out.push(`| \`${k.id}\`${seedIds.has(k.id) ? ' *seed*' : ''} | ${k.title.zh} / ${k.title.en} | ${code(k.rules)} | ${code(k.also)} | ${k.stage} |`);
    out.push('');
  }
  return out.join('\n');
}
