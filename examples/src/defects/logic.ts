import { editCell, type CatalogInjector } from './catalog.js';

/** Logic between fields and tables: 户主, ID/sex, the date chain, 取得方式 = 承包方式, contract term. */

const DAY = 86_400_000;
const cbf = (r: Record<string, unknown>) => ({ CBFBM: String(r.CBFBM) });

const headMissing: CatalogInjector = {
  id: 'household-head-missing',
  family: 'logic',
  rules: ['persons/household-head'],
  title: { zh: '农户没有户主（户主的与户主关系改为子）', en: 'household without a head (the head’s relation changed to son)' },
  inject(ctx) {
    return editCell(this, ctx, {
      table: 'CBF_JTCY',
      field: 'YHZGX',
      accept: (r) => r.YHZGX === '02',
      change: () => '20',
      keys: (r) => ({ CBFBM: String(r.CBFBM), CYZJHM: String(r.CYZJHM) }),
      describe: () => '户主的与户主关系由 02 改为 20，该户没有户主',
    });
  },
};

const sexContradictsId: CatalogInjector = {
  id: 'sex-contradicts-id',
  family: 'logic',
  rules: ['persons/sex-id'],
  title: { zh: '成员性别与身份证号码不符', en: 'member sex contradicts the ID number' },
  inject(ctx) {
    return editCell(this, ctx, {
      table: 'CBF_JTCY',
      field: 'CYXB',
      accept: (r) => r.CYZJLX === '1' && r.YHZGX !== '02' && (r.CYXB === '1' || r.CYXB === '2'),
      change: (r) => (r.CYXB === '1' ? '2' : '1'),
      keys: (r) => ({ CBFBM: String(r.CBFBM), CYZJHM: String(r.CYZJHM) }),
      describe: (r) => `成员性别由 ${String(r.CYXB)} 改为相反值，与身份证号码第 17 位不符`,
    });
  },
};

const dateChainBroken: CatalogInjector = {
  id: 'date-chain-broken',
  family: 'logic',
  rules: ['contracts/date-chain'],
  title: { zh: '公示审核日期早于承包方调查日期', en: 'publicity review date before the contractor survey date' },
  inject(ctx) {
    return editCell(this, ctx, {
      table: 'CBF',
      field: 'GSSHRQ',
      accept: (r) => r.CBFDCRQ instanceof Date && r.GSSHRQ instanceof Date,
      change: (r) => new Date((r.CBFDCRQ as Date).getTime() - 10 * DAY),
      keys: cbf,
      describe: () => '公示审核日期 GSSHRQ 改为承包方调查日期 CBFDCRQ 之前 10 天',
    });
  },
};

const acquisitionWayDiffers: CatalogInjector = {
  id: 'acquisition-way-differs',
  family: 'logic',
  rules: ['contracts/acquisition-way'],
  title: { zh: '地块承包经营权取得方式与合同承包方式不一致', en: 'plot acquisition way differs from the contract’s way' },
  inject(ctx) {
    return editCell(this, ctx, {
      table: 'CBDKXX',
      field: 'CBJYQQDFS',
      accept: (r) => r.CBJYQQDFS === '110',
      change: () => '121',
      keys: (r) => ({ DKBM: String(r.DKBM), CBHTBM: String(r.CBHTBM) }),
      describe: () => '地块取得方式由家庭承包 110 改为招标 121，合同仍为 110',
    });
  },
};

const termReversed: CatalogInjector = {
  id: 'contract-term-reversed',
  family: 'logic',
  rules: ['contracts/term'],
  alsoReportedBy: ['contracts/register-agrees', 'contracts/date-chain'],
  title: { zh: '承包期限起日晚于止日', en: 'contract term starts after it ends' },
  inject(ctx) {
    return editCell(this, ctx, {
      table: 'CBHT',
      field: 'CBQXQ',
      accept: (r) => r.CBQXZ instanceof Date,
      change: (r) => new Date((r.CBQXZ as Date).getTime() + 365 * DAY),
      keys: (r) => ({ CBHTBM: String(r.CBHTBM), CBFBM: String(r.CBFBM) }),
      describe: () => '合同承包期限起 CBQXQ 改为止日 CBQXZ 之后一年',
    });
  },
};

export const logicInjectors: readonly CatalogInjector[] = [headMissing, sexContradictsId, dateChainBroken, acquisitionWayDiffers, termReversed];
