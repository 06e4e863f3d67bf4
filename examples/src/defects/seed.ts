import type { Feature, Row } from '@nyt2539/schema';
import { sample, howMany } from './edit.js';
import type { DefectInjector, DefectRecord, InjectContext } from './types.js';

/**
 * The `seed` defect set: the reasons a real county database failed QC (qc-rules.md §4.4 and §4.1),
 * each injected into a few records of an otherwise clean county and recorded in ground truth.
 * Every record is touched by at most one injector.
 */

type TableInjector = (ctx: InjectContext) => DefectRecord[];

/** Replace one field of sampled rows of a 权属 table. */
function editTableField(
  id: string,
  family: string,
  table: string,
  field: string,
  keysOf: (r: Row) => Record<string, string>,
  accept: (r: Row) => boolean,
  change: (r: Row) => Row[string],
  description: string,
): TableInjector {
  return (ctx) => {
    const store = ctx.model.tables.get(table)!;
    return sample(store, ctx.rng, howMany(store.length), accept).map(({ index, record }) => {
      const after = change(record);
      store.edits.set(index, { ...record, [field]: after });
      return { id, family, kind: after === '' || after === null ? 'cleared' : 'value', file: ctx.fileOf(table), table, index, keys: keysOf(record), field, before: record[field], after, description } as DefectRecord;
    });
  };
}

/** Replace one attribute of sampled features of a layer. */
function editLayerField(id: string, family: string, layer: string, fields: string[], accept: (a: Row) => boolean, description: string): TableInjector {
  return (ctx) => {
    const store = ctx.model.layers.get(layer)!;
    return sample(store, ctx.rng, howMany(store.length), (f) => accept(f.attributes)).flatMap(({ index, record }) => {
      const attributes: Record<string, Row[string]> = { ...record.attributes };
      for (const f of fields) attributes[f] = '';
      store.edits.set(index, { ...record, attributes } as Feature);
      return fields.map(
        (field) =>
          ({ id, family, kind: 'cleared', file: ctx.fileOf(layer), layer, index, keys: { DKBM: String(record.attributes.DKBM) }, field, before: record.attributes[field], after: '', description }) as DefectRecord,
      );
    });
  };
}

const cbfKeys = (r: Row) => ({ CBFBM: String(r.CBFBM) });

const incompleteMembers: DefectInjector = {
  id: 'member-missing',
  family: 'family-members-incomplete',
  title: { zh: '家庭成员信息不全（缺少成员记录）', en: 'family members incomplete (member record missing)' },
  inject(ctx) {
    const store = ctx.model.tables.get('CBF_JTCY')!;
    // a non-head member, so CBFCYSL no longer equals the member rows
    return sample(store, ctx.rng, howMany(store.length), (r) => r.YHZGX !== '02' && r.YHZGX !== '01').map(({ index, record }) => {
      store.edits.set(index, null);
      return { id: this.id, family: this.family, kind: 'record-removed', file: ctx.fileOf('CBF_JTCY'), table: 'CBF_JTCY', index, keys: { CBFBM: String(record.CBFBM), CYZJHM: String(record.CYZJHM) }, before: record.CYXM, description: '家庭成员记录缺失，CBFCYSL 与成员数不符' } as DefectRecord;
    });
  },
};

const missingIdNumber: DefectInjector = {
  id: 'member-id-missing',
  family: 'id-documents-missing',
  title: { zh: '成员证件号码缺失', en: 'member ID number missing' },
  inject: (ctx) =>
    editTableField('member-id-missing', 'id-documents-missing', 'CBF_JTCY', 'CYZJHM', (r) => ({ CBFBM: String(r.CBFBM), CYXM: String(r.CYXM) }), (r) => r.YHZGX !== '02', () => '', '成员证件号码为空')(ctx),
};

const missingIdAttachment: DefectInjector = {
  id: 'id-attachment-missing',
  family: 'id-documents-missing',
  title: { zh: '户口簿/身份证复印件未归档（附件记录与文件均缺失）', en: 'household-register / ID copy not filed (record and file missing)' },
  inject(ctx) {
    const store = ctx.model.tables.get('QSLYZLFJ')!;
    const files = ctx.model.files;
    const picked = sample(store, ctx.rng, howMany(store.length / 2), (r) => String(r.FJ).endsWith('.jpg'));
    const paths = new Set(picked.map((p) => String(p.record.FJ)));
    let fi = 0;
    for (const f of files.raw()) {
      if (paths.has(f.path)) files.edits.set(fi, null);
      fi++;
    }
    return picked.map(({ index, record }) => {
      store.edits.set(index, null);
      return { id: this.id, family: this.family, kind: 'record-removed', file: ctx.fileOf('QSLYZLFJ'), table: 'QSLYZLFJ', index, keys: { CBJYQZBM: String(record.CBJYQZBM), ZLFJBH: String(record.ZLFJBH) }, before: record.FJ, description: `${record.ZLFJMC}未归档：附件记录与文件 ${String(record.FJ)} 均缺失` } as DefectRecord;
    });
  },
};

const plotWithoutName: DefectInjector = {
  id: 'plot-name-missing',
  family: 'plot-name-missing',
  title: { zh: '地块名称为空', en: 'plot name empty' },
  inject: (ctx) => editLayerField('plot-name-missing', 'plot-name-missing', 'DK', ['DKMC'], () => true, '地块名称 DKMC 为空')(ctx),
};

/** 四至 must have 3 of 4 only for 承包地块 (DKLB 10; 表A.10 note d), so only those plots can carry this defect. */
const incompleteBoundaries: DefectInjector = {
  id: 'four-boundaries-incomplete',
  family: 'four-boundaries-incomplete',
  title: { zh: '四至不全（只填两至）', en: 'four boundaries incomplete (only two filled)' },
  inject: (ctx) => editLayerField('four-boundaries-incomplete', 'four-boundaries-incomplete', 'DK', ['DKXZ', 'DKBZ'], (a) => a.DKLB === '10', '地块西至、北至为空，四至少于三项')(ctx),
};

const unsignedForms: DefectInjector = {
  id: 'form-unsigned',
  family: 'forms-unsigned',
  title: { zh: '调查表未签字（指界人、公示记事人、登簿人为空）', en: 'forms unsigned (empty boundary witness, publicity recorder, registrar)' },
  inject(ctx) {
    const id = this.id;
    const family = this.family;
    return [
      ...editLayerField(id, family, 'DK', ['ZJRXM'], (a) => a.DKLB === '10', '指界人姓名 ZJRXM 为空')(ctx),
      ...editTableField(id, family, 'CBF', 'GSJSR', cbfKeys, () => true, () => '', '公示记事人 GSJSR 为空')(ctx),
      ...editTableField(id, family, 'CBJYQZDJB', 'DBR', (r) => ({ CBJYQZBM: String(r.CBJYQZBM) }), () => true, () => '', '登簿人 DBR 为空')(ctx),
    ];
  },
};

const wrongFbfCode: DefectInjector = {
  id: 'fbf-code-wrong',
  family: 'fbf-code-wrong',
  title: { zh: '发包方编码错误（合同指向不存在的发包方）', en: 'wrong 发包方编码 (contract points to a non-existent 发包方)' },
  inject: (ctx) =>
    editTableField(
      'fbf-code-wrong',
      'fbf-code-wrong',
      'CBHT',
      'FBFBM',
      (r) => ({ CBHTBM: String(r.CBHTBM) }),
      () => true,
      (r) => String(r.FBFBM).slice(0, 12) + '98',
      '合同的发包方编码改为不存在的组 98',
    )(ctx),
};

const attachmentNotFiled: DefectInjector = {
  id: 'sketch-map-not-filed',
  family: 'attachments-not-filed',
  title: { zh: '地块示意图未归档（路径有、文件无）', en: 'sketch map not filed (path stored, file missing)' },
  inject(ctx) {
    const files = ctx.model.files;
    return sample(files, ctx.rng, howMany(files.length / 2), (f) => f.kind === 'pdf' && f.path.startsWith('图件')).map(({ index, record }) => {
      files.edits.set(index, null);
      return { id: this.id, family: this.family, kind: 'file-missing', file: record.path.split('\\').join('/'), keys: { CBJYQZBM: record.text.replace(/^DKSYT /, '') }, description: `CBJYQZDJB.DKSYT 指向的 ${record.path} 不存在` } as DefectRecord;
    });
  },
};

const wrongArea: DefectInjector = {
  id: 'contract-area-wrong',
  family: 'areas-wrong',
  title: { zh: '合同总面积与地块面积之和不符', en: 'contract total area differs from the sum of its plots' },
  inject: (ctx) =>
    editTableField(
      'contract-area-wrong',
      'areas-wrong',
      'CBHT',
      'HTZMJ',
      (r) => ({ CBHTBM: String(r.CBHTBM) }),
      () => true,
      (r) => Math.round((Number(r.HTZMJ) + 123.45) * 100) / 100,
      'HTZMJ 比各地块 HTMJ 之和多 123.45 m²',
    )(ctx),
};

export const seedInjectors: readonly DefectInjector[] = [
  incompleteMembers,
  missingIdNumber,
  missingIdAttachment,
  plotWithoutName,
  incompleteBoundaries,
  unsignedForms,
  wrongFbfCode,
  attachmentNotFiled,
  wrongArea,
];
