import type { Rule } from '../engine/types.js';

/**
 * Coverage of the peer catalog (`peer-catalog.md`: the 130 de-duplicated checks of the 鱼鳞图 and sii-data-goven
 * code bases, U-*, and the 28 checks NY/T 2539 implies that neither implements, S-01…S-28) by our rules.
 * Each entry names the rules that make the check, or says why it does not apply to a delivered 汇交 package.
 * Every rule named must be in the catalog (coverage.test.ts). COVERAGE.md is generated from this list and the
 * rule metas (coverage.test.ts), never edited by hand.
 */
interface CoverageEntry {
  /** peer-catalog id: U-F01 … U-K03, S-01 … S-28 */
  readonly peer: string;
  /** the check in a few words */
  readonly check: string;
  /** our rules that make it (all must be in the catalog) */
  readonly rules: readonly string[];
  /** why it does not apply, or what part is left out */
  readonly note?: string;
}

const NA_SURVEY = 'not a package check: survey-input (Excel/survey shapefile) import validation';
const NA_UI = 'not a package check: an edit-form guard of a vendor application';

export const coverage: readonly CoverageEntry[] = [
  // Files / naming
  { peer: 'U-F01', check: 'root folder = county code + name', rules: ['layout/root-name'] },
  { peer: 'U-F02', check: 'required sub-folders', rules: ['layout/required-files', 'layout/unexpected-file'] },
  { peer: 'U-F03', check: 'required layers present', rules: ['layout/required-files', 'structure/table-missing'] },
  { peer: 'U-F04', check: 'ownership mdb present and named', rules: ['layout/required-files', 'layout/misnamed-file'] },
  { peer: 'U-F05', check: '权属单位代码表.xls present', rules: ['layout/required-files'] },
  { peer: 'U-F06', check: '.shx/.dbf/.prj beside each .shp', rules: ['layout/shapefile-parts'] },
  { peer: 'U-F07', check: 'shapefile readable, no Z/M', rules: ['layout/file-unreadable', 'structure/reader-structure'] },
  { peer: 'U-F08', check: 'vector file naming', rules: ['layout/misnamed-file', 'layout/inconsistent-code'] },
  { peer: 'U-F09', check: 'no duplicate layer, layer-name form', rules: ['layout/misnamed-file'] },
  { peer: 'U-F10', check: 'exchange-XML envelope', rules: [], note: 'not a package check: the SII XML 报文 exchange format, not part of a 汇交 package' },
  // Structure
  { peer: 'U-S01', check: 'table presence (7 required, 5 optional)', rules: ['structure/table-missing'] },
  { peer: 'U-S02', check: 'field name, type, length, precision, extra fields', rules: ['structure/field-missing', 'structure/field-type', 'structure/field-length', 'structure/field-decimals', 'structure/field-extra'] },
  { peer: 'U-S03', check: 'DK.dbf has DKBM', rules: ['structure/field-missing'], note: 'CBFBM/QQDKBM in DK are YuLinTu-internal fields, not NY/T 2539 表A.10' },
  { peer: 'U-S04', check: 'survey-plot schema', rules: [], note: NA_SURVEY },
  { peer: 'U-S05', check: 'string length ≤ field length', rules: ['values/length'] },
  { peer: 'U-S06', check: 'DK shapefile not empty', rules: ['structure/table-missing'] },
  { peer: 'U-S07', check: 'mdb table unreadable', rules: ['layout/file-unreadable', 'values/reader-value'] },
  { peer: 'U-S08', check: 'chosen DKBM field matches plots', rules: [], note: NA_SURVEY },
  // Values / domains
  { peer: 'U-V01', check: 'phone numeric', rules: ['persons/phone'] },
  { peer: 'U-V02', check: 'postcode 6 digits', rules: ['values/format'] },
  { peer: 'U-V03', check: 'CYXB known', rules: ['values/code-domain'] },
  { peer: 'U-V04', check: 'YHZGX in the relation list', rules: ['values/code-domain'], note: 'as the GB/T 4761 2-digit code the standard prescribes, not the 84 names' },
  { peer: 'U-V05', check: 'TDLYLX second-level code', rules: ['values/code-domain'] },
  { peer: 'U-V06', check: 'DKLB domain', rules: ['values/code-domain'] },
  { peer: 'U-V07', check: 'DLDJ domain', rules: ['values/code-domain'] },
  { peer: 'U-V08', check: 'TDYT domain', rules: ['values/code-domain'] },
  { peer: 'U-V09', check: 'SFJBNT domain', rules: ['values/code-domain'] },
  { peer: 'U-V10', check: 'SYQXZ domain', rules: ['values/code-domain'] },
  { peer: 'U-V11', check: '证件类型, 承包方类型, 是否共有人 domains', rules: ['values/code-domain'] },
  { peer: 'U-V12', check: 'other land enums', rules: ['values/code-domain'], note: '种植类型/经营方式/耕保类型 are not NY/T 2539 fields; CBFS/CBJYQQDFS/LZFS/LZ…DYT are checked' },
  { peer: 'U-V13', check: 'JZD/JZX domains, coordinates non-zero', rules: ['values/code-domain', 'topology/jzd-coordinates'] },
  { peer: 'U-V14', check: 'BGLX domain', rules: [], note: 'not a package check: BGLX belongs to change packages, not NY/T 2539' },
  { peer: 'U-V15', check: 'no spaces in text', rules: ['values/whitespace'] },
  { peer: 'U-V16', check: 'SFQQQG = 1 rejected', rules: [], note: 'deliberately not enforced: C.19 allows 1 (确权确股) and the QC’s reason is unknown (qc-rules.md C-04); rejecting it would flag valid data' },
  // Required fields
  { peer: 'U-R01', check: 'FBF mandatory fields', rules: ['values/required', 'signatures/placeholder'] },
  { peer: 'U-R02', check: 'CBF mandatory fields', rules: ['values/required', 'signatures/placeholder'] },
  { peer: 'U-R03', check: 'CBF_JTCY CYZJHM, YHZGX', rules: ['values/required'] },
  { peer: 'U-R04', check: 'DK DKMC, DLDJ, SFJBNT', rules: ['values/required'] },
  { peer: 'U-R05', check: 'DK 四至', rules: ['values/required'], note: 'as the standard says: at least 3 of 4 for a 承包地块 (YuLinTu demands all 4)' },
  { peer: 'U-R06', check: 'DK ZJRXM', rules: ['values/required'], note: 'required for 承包地块 (DKLB 10) as the standard says' },
  { peer: 'U-R07', check: 'survey-plot required fields', rules: [], note: NA_SURVEY },
  { peer: 'U-R08', check: 'key codes non-null', rules: ['values/required'] },
  { peer: 'U-R09', check: 'BGYY/DKBM required by BGLX', rules: [], note: 'not a package check: change packages' },
  { peer: 'U-R10', check: 'DK YSDM=211011, DKMC, ZJRXM, KJZB', rules: ['values/required', 'values/code-domain'] },
  { peer: 'U-R11', check: 'no NULL in M fields', rules: ['values/required'] },
  { peer: 'U-R12', check: 'survey/UI required inputs', rules: [], note: NA_UI },
  // Coding
  { peer: 'U-C01', check: 'DKBM 19 characters', rules: ['coding/dkbm'] },
  { peer: 'U-C02', check: 'DKBM sequence ≠ 00000', rules: ['coding/dkbm'] },
  { peer: 'U-C03', check: 'CBFBM sequence range by CBFLX', rules: ['coding/cbfbm'] },
  { peer: 'U-C04', check: 'CBFBM 18 characters', rules: ['coding/cbfbm'] },
  { peer: 'U-C05', check: 'FBFBM 14 digits', rules: ['coding/fbfbm'] },
  { peer: 'U-C06', check: 'FBFBM exists; DKBM prefix resolves to an FBF', rules: ['coding/fbf-unit', 'references/foreign-key', 'references/prefix'] },
  { peer: 'U-C07', check: 'DKBM prefix resolves to a region', rules: ['coding/dkbm', 'references/prefix'] },
  { peer: 'U-C08', check: 'region code structure and parents', rules: ['summary/unit-code-table', 'coding/fbf-unit'] },
  { peer: 'U-C09', check: 'certificate serial digits', rules: ['coding/lsh'], note: 'the package stores the full 流水号 text (B.8 note c); its 6-digit number is checked' },
  { peer: 'U-C10', check: 'certificate serial unique', rules: ['coding/unique'] },
  { peer: 'U-C11', check: 'serial inside a configured range', rules: [], note: NA_UI },
  { peer: 'U-C12', check: 'no duplicate codes', rules: ['coding/unique'] },
  { peer: 'U-C13', check: '承包方编号 numeric', rules: ['coding/cbfbm'] },
  { peer: 'U-C14', check: 'LZHTBM ≤ 18 characters', rules: ['coding/lzhtbm', 'values/length'] },
  { peer: 'U-C15', check: 'BSM unique and > 0', rules: ['coding/bsm'], note: 'unique per layer by default; across all layers with the option acrossLayers' },
  // References
  { peer: 'U-X01', check: 'every plot has a DK record and geometry', rules: ['references/foreign-key', 'topology/geometry-shape'] },
  { peer: 'U-X02', check: 'every CBF has a contract', rules: ['references/orphans'] },
  { peer: 'U-X03', check: 'every contract has a register and a certificate', rules: ['references/orphans', 'values/required'] },
  { peer: 'U-X04', check: 'CBJYQZ → CBJYQZDJB', rules: ['references/foreign-key'] },
  { peer: 'U-X05', check: 'CBJYQZDJB.CBFBM → contract', rules: ['references/foreign-key', 'contracts/register-agrees'] },
  { peer: 'U-X06', check: 'CBFBM → CBF', rules: ['references/foreign-key'] },
  { peer: 'U-X07', check: 'each FBF has contracts and plots', rules: ['references/orphans'] },
  { peer: 'U-X08', check: 'zone has an FBF, data, JZD/JZX', rules: ['coding/fbf-unit', 'references/orphans', 'structure/table-missing'] },
  { peer: 'U-X09', check: 'region hierarchy complete', rules: ['summary/unit-code-table', 'coding/fbf-unit'] },
  { peer: 'U-X10', check: 'JZD/JZX rows reference existing plots', rules: ['topology/jzd-dkbm', 'topology/jzx-dkbm'] },
  { peer: 'U-X11', check: 'zone codes of the FBF sheet exist', rules: ['coding/fbf-unit'], note: 'on the package: every FBFBM is a listed 权属单位 / region' },
  { peer: 'U-X12', check: 'CBF number same across survey tables', rules: [], note: NA_SURVEY },
  { peer: 'U-X13', check: 'change type vs plot existence', rules: [], note: 'not a package check: change packages' },
  { peer: 'U-X14', check: 'business-state guards', rules: [], note: 'not a package check: state of a vendor registration system' },
  { peer: 'U-X15', check: 'XML business-data counts', rules: [], note: 'not a package check: XML exchange' },
  { peer: 'U-X16', check: 'a CBF has at most 2 contracts', rules: [], note: 'not a standard constraint: a 承包方 may hold several contracts; YuLinTu local-database warning' },
  // Logic
  { peer: 'U-L01', check: 'the CBF appears among its members', rules: ['persons/household-head'] },
  { peer: 'U-L02', check: 'CBFCYSL = member count', rules: ['persons/member-count'] },
  { peer: 'U-L03', check: 'no duplicate person or household', rules: ['coding/unique', 'persons/duplicate-id'] },
  { peer: 'U-L04', check: 'exactly one 户主', rules: ['persons/household-head'] },
  { peer: 'U-L05', check: 'age plausible for the relation', rules: [], note: 'not implemented: a YuLinTu heuristic (warning) with no basis in the standard' },
  { peer: 'U-L06', check: 'CBJYQQDFS = CBHT.CBFS', rules: ['contracts/acquisition-way'] },
  { peer: 'U-L07', check: 'CYXB agrees with the ID number', rules: ['persons/sex-id'] },
  { peer: 'U-L08', check: 'head CYXM = CBFMC', rules: ['persons/household-head'] },
  // ID numbers
  { peer: 'U-I01', check: 'ID number valid', rules: ['persons/id-number'] },
  { peer: 'U-I02', check: 'no duplicate ID numbers', rules: ['persons/duplicate-id', 'coding/unique'] },
  // Dates
  { peer: 'U-D01', check: '调查日期 ≤ 审核日期', rules: ['contracts/date-chain'] },
  { peer: 'U-D02', check: '审核日期 ≤ 公示日期', rules: [], note: 'the package has no 公示日期 field (only GSSHRQ)' },
  { peer: 'U-D03', check: 'term start < end', rules: ['contracts/term'] },
  { peer: 'U-D04', check: '颁证日期 ≥ 填证日期', rules: [], note: 'the package has no 填证日期 field' },
  { peer: 'U-D05', check: 'contract publicity date order', rules: [], note: 'the package has no contract publicity dates' },
  { peer: 'U-D06', check: '公示表 date order', rules: [], note: 'the 公示表 is not part of the package' },
  { peer: 'U-D07', check: 'contract start not null', rules: ['values/required'] },
  { peer: 'U-D08', check: 'CBFDCRQ < GSSHRQ < QDSJ', rules: ['contracts/date-chain'] },
  { peer: 'U-D09', check: 'QDSJ < DJSJ', rules: ['contracts/date-chain'] },
  { peer: 'U-D10', check: 'FZRQ ≥ DJSJ', rules: ['contracts/date-chain'] },
  { peer: 'U-D11', check: 'QZLQRQ ≥ FZRQ', rules: ['contracts/date-chain'] },
  { peer: 'U-D12', check: 'CBHT.CBQXQ = CBJYQZDJB.CBQXQ', rules: ['contracts/register-agrees'] },
  { peer: 'U-D13', check: 'CBQX text agrees with the dates', rules: ['contracts/term'] },
  { peer: 'U-D14', check: 'dates without time of day', rules: ['values/format'] },
  { peer: 'U-D15', check: 'date cells parse', rules: ['values/format'] },
  // Areas
  { peer: 'U-A01', check: 'SCMJ > 0', rules: ['values/range'] },
  { peer: 'U-A02', check: '确权面积 ≤ 实测面积', rules: [], note: 'no 确权面积 field in the package; HTMJ may legitimately differ from SCMJ' },
  { peer: 'U-A03', check: 'areas not negative', rules: ['values/range'] },
  { peer: 'U-A04', check: 'household totals = Σ plots', rules: ['contracts/total-area'] },
  { peer: 'U-A05', check: 'area decimals', rules: ['values/precision'] },
  { peer: 'U-A06', check: '亩 = m² × 0.0015', rules: ['contracts/mu-conversion'] },
  { peer: 'U-A07', check: 'HTZMJ ≠ 0 and = Σ plots', rules: ['values/range', 'contracts/total-area'] },
  { peer: 'U-A08', check: 'polygon ≥ 0.00015 亩', rules: ['topology/sliver'] },
  // Attachments
  { peer: 'U-T01', check: 'DKSYT non-empty, fits, right path', rules: ['attachments/path-missing', 'values/required', 'values/length'] },
  // Geometry
  { peer: 'U-G01', check: 'geometry valid', rules: ['topology/polygon-valid'] },
  { peer: 'U-G02', check: 'geometry present', rules: ['topology/geometry-shape'] },
  { peer: 'U-G03', check: 'polygon type', rules: ['topology/geometry-shape'] },
  { peer: 'U-G04', check: 'single-part plot', rules: ['topology/ring-structure'] },
  { peer: 'U-G05', check: 'sliver < 1 m²', rules: ['topology/sliver'] },
  { peer: 'U-G06', check: 'repeated/too-close vertices', rules: ['topology/vertex-spacing'] },
  { peer: 'U-G07', check: 'spike / narrow angle', rules: ['topology/sharp-angle'] },
  { peer: 'U-G08', check: 'boundary overlaps itself', rules: ['topology/polygon-valid'] },
  { peer: 'U-G09', check: 'extent ≤ 25 km²', rules: [], note: 'not a package check: upload limit of a vendor web service' },
  { peer: 'U-G10', check: 'exterior rings clockwise', rules: ['topology/ring-orientation'] },
  { peer: 'U-G11', check: 'unclosed lines, topology faults', rules: ['topology/ring-structure', 'topology/polygon-valid'] },
  // Topology
  { peer: 'U-P01', check: 'plots overlap', rules: ['topology/plot-overlap'] },
  { peer: 'U-P02', check: 'neighbour vertices not snapped', rules: ['topology/plot-snapping'] },
  { peer: 'U-P03', check: 'vertex on a neighbour’s edge', rules: ['topology/plot-snapping'] },
  { peer: 'U-P04', check: 'duplicate JZD/JZX', rules: ['topology/point-duplicate', 'topology/jzd-number'] },
  { peer: 'U-P05', check: 'merge geometry matches', rules: [], note: 'not a package check: change packages' },
  // CRS
  { peer: 'U-K01', check: '.prj present, projected CRS', rules: ['layout/shapefile-parts', 'crs/projection'] },
  { peer: 'U-K02', check: 'CRS equals the target CRS', rules: ['crs/consistent'] },
  { peer: 'U-K03', check: 'SRID maps to an ESRI SRS on export', rules: [], note: 'not a package check: an exporter concern' },
  // Implied by NY/T 2539, implemented by neither peer (peer-catalog §4)
  { peer: 'S-01', check: 'YSDM is the layer’s feature code', rules: ['values/code-domain'] },
  { peer: 'S-02', check: 'BSM > 0 and unique', rules: ['coding/bsm'] },
  { peer: 'S-03', check: 'code structure across tables', rules: ['coding/fbfbm', 'coding/cbfbm', 'coding/dkbm', 'coding/contract-code', 'coding/lzhtbm', 'coding/srfbm', 'coding/fbf-unit', 'references/prefix'] },
  { peer: 'S-04', check: 'key uniqueness', rules: ['coding/unique'] },
  { peer: 'S-05', check: 'foreign keys on the mdb', rules: ['references/foreign-key'] },
  { peer: 'S-06', check: 'reverse coverage', rules: ['references/orphans', 'plots/contracted-type'] },
  { peer: 'S-07', check: 'cross-table field agreement', rules: ['contracts/register-agrees', 'references/prefix', 'contracts/acquisition-way'] },
  { peer: 'S-08', check: 'counts and sums', rules: ['contracts/plot-count', 'contracts/total-area', 'persons/member-count'], note: 'LZHT.LZMJ is not compared: a transfer may cover part of a plot' },
  { peer: 'S-09', check: 'code-list domains on the mdb', rules: ['values/code-domain'] },
  { peer: 'S-10', check: 'DK attribute domains', rules: ['values/code-domain'] },
  { peer: 'S-11', check: 'DK 四至 (3 of 4), ZJRXM for 承包地块', rules: ['values/required'] },
  { peer: 'S-12', check: 'KJZB lists existing JZDH of the plot', rules: ['plots/kjzb', 'topology/kjzb-location'] },
  { peer: 'S-13', check: 'JZD attributes', rules: ['values/code-domain', 'topology/jzd-number', 'topology/jzd-dkbm', 'topology/jzd-coordinates'] },
  { peer: 'S-14', check: 'JZX attributes and geometry', rules: ['values/code-domain', 'topology/jzx-ends', 'topology/jzx-dkbm', 'topology/jzx-coverage'], note: 'the PLDWQLR/PLDWZJR part count is not compared' },
  { peer: 'S-15', check: 'JZD/JZX vs DK geometry, point overlap, line fragments', rules: ['topology/jzd-plot-vertex', 'topology/point-duplicate', 'topology/line-fragment'] },
  { peer: 'S-16', check: 'region layers nest', rules: ['topology/region-nesting'] },
  { peer: 'S-17', check: 'SFJBNT vs JBNTBHQ', rules: ['topology/sfjbnt'] },
  { peer: 'S-18', check: 'SCMJ vs polygon area; 亩 fields', rules: ['area/plot-area', 'contracts/mu-conversion'] },
  { peer: 'S-19', check: 'conditional fields', rules: ['values/required', 'contracts/original-contract', 'references/foreign-key'] },
  { peer: 'S-20', check: 'remaining date rules', rules: ['values/format', 'contracts/date-chain'], note: '“not in the future” is not checked: results must not depend on the day the check runs' },
  { peer: 'S-21', check: 'CBJYQZLSH format and uniqueness', rules: ['coding/lsh', 'coding/unique'] },
  { peer: 'S-22', check: 'attachments exist; no orphan scans', rules: ['attachments/path-missing', 'attachments/unreferenced', 'attachments/identity-document'], note: 'image resolution (≥ 300 dpi) is not read' },
  { peer: 'S-23', check: 'summary tables recomputed', rules: ['summary/tables', 'summary/unit-code-table'] },
  { peer: 'S-24', check: 'metadata SL…xml', rules: ['layout/required-files', 'metadata/values', 'metadata/layers', 'metadata/crs'] },
  { peer: 'S-25', check: 'one CGCS2000 GK .prj for every layer', rules: ['crs/consistent', 'crs/projection', 'crs/coordinates'] },
  { peer: 'S-26', check: 'layer geometry types per 表2', rules: ['topology/geometry-shape'] },
  { peer: 'S-27', check: 'shapefile encoding', rules: ['values/reader-value'] },
  { peer: 'S-28', check: 'raster TIFF with georeference', rules: [], note: 'not implemented: raster content is outside the vector/attribute checker (folders are checked by layout/*)' },
];

type CoverageStatus = 'covered' | 'not applicable';

/** Status of an entry: made by our rules, or none by design (the note says why). */
export function coverageStatus(entry: CoverageEntry): CoverageStatus {
  return entry.rules.length === 0 ? 'not applicable' : 'covered';
}

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** COVERAGE.md: one row per peer check, then the counts. */
export function renderCoverageMarkdown(catalog: readonly Rule[]): string {
  const ids = new Set(catalog.map((r) => r.meta.id));
  const unknown = coverage.flatMap((e) => e.rules.filter((id) => !ids.has(id)));
  if (unknown.length > 0) throw new Error(`coverage names rules the catalog lacks: ${unknown.join(', ')}`);
  const lines = [
    '# Coverage of the peer rule catalog',
    '',
    'Generated from `src/rules/coverage.ts` and the rule metas by `src/rules/coverage.test.ts` (`NYT2539_UPDATE_DOCS=1` rewrites it). Do not edit.',
    '',
    'Peer ids: `U-*` are the 130 de-duplicated checks of the 鱼鳞图 and sii-data-goven code bases, `S-*` the 28 checks NY/T 2539 implies that neither implements (peer-catalog.md §3, §4).',
    '',
    '| Peer | Check | Status | Our rules | Note |',
    '|---|---|---|---|---|',
  ];
  const counts: Record<CoverageStatus, number> = { covered: 0, 'not applicable': 0 };
  for (const e of coverage) {
    const status = coverageStatus(e);
    counts[status]++;
    const rules = e.rules.map((id) => `\`${id}\``).join(', ');
    lines.push(`| ${e.peer} | ${cell(e.check)} | ${status} | ${rules} | ${cell(e.note ?? '')} |`);
  }
  lines.push('', `Total ${coverage.length}: ${counts.covered} covered, ${counts['not applicable']} not applicable.`, '');
  return lines.join('\n');
}
