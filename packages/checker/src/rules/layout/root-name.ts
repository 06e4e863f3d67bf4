import { parseRootFolderName } from '@nyt2539/schema';
import type { Rule } from '../../engine/types.js';

/** The county folder is named `<6-digit county code><county name>`, e.g. `220581梅河口市`. */
export const rule: Rule = {
  meta: {
    id: 'layout/root-name',
    group: 'layout',
    severity: 'error',
    title: { zh: '根目录命名不规范', en: 'Root folder misnamed' },
    messages: {
      misnamed: {
        zh: '汇交资料根目录“{actual}”必须以 6 位县级区划代码开头、后接县级行政区名称（如 220581梅河口市）',
        en: 'The package root folder "{actual}" must be the 6-digit county code followed by the county name (e.g. 220581梅河口市)',
      },
    },
    spec: 'NY/T 2539-2016 §7.1',
    basis: 'qc-rules.md A-01 (QC tool HJDataRootPath: "汇交资料文件根目录必须以6位县级区划代码开头")',
    basisKind: 'standard',
    fixedBy: '县确权办',
  },
  run(ctx) {
    const name = ctx.info.rootName;
    if (!parseRootFolderName(name)) ctx.report({ messageId: 'misnamed', file: name, actual: name });
  },
};
