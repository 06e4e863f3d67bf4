import { ident, layerPartsDiffer } from '../../store/facts.js';
import type { Rule } from '../../engine/types.js';
import type { FieldDef } from '@nyt2539/schema';
import { isBoundedNumeric } from '../structure/declared-types.js';
import { checkedTables, isTextSource, presentFields, sourceColumn, type CheckedTable } from '../support/tables.js';
import { asValue, at, scanTable, type FieldCheck } from './scan.js';

/**
 * A numeric column with a declared width (DBF N, mdb Decimal) cannot hold more than it declares, and its width
 * is structure/field-length's business: real packages widen N fields to hold zone-prefixed Y coordinates
 * (JZD.YZBZ 39574597.718 in Float(10,3)), which is no finding.
 */
function boundedBySource(t: CheckedTable, f: FieldDef): boolean {
  // DBF N/F and mdb Decimal declare their digits; Double and Float do not
  const col = sourceColumn(t, f.code);
  return col !== undefined && isBoundedNumeric(t.source.origin, col);
}

/**
 * A DBF C field holds at most its width in bytes, and the readers' decoders (TextDecoder, any encoding) make at
 * most one character of a byte: a field no wider than the standard's length holds no value too long, so the
 * layer's 1M rows need no scan for it. A split layer's declared widths are its first part's, so only when no
 * part declares its fields differently.
 */
function boundedByWidth(t: CheckedTable, f: FieldDef, partsDiffer: boolean): boolean {
  const col = sourceColumn(t, f.code);
  return t.source.origin === 'shp' && !partsDiffer && col?.srcType === 'C' && col.size !== null && f.length !== undefined && col.size <= f.length;
}

/**
 * Each value within the field's length: text in characters (not bytes: 承包方名称 50 means 50 汉字), numbers
 * in digits where the column does not bound them (Double, Float); those are warnings only, the value being intact.
 */
export const rule: Rule = {
  meta: {
    id: 'values/length',
    group: 'values',
    severity: 'error',
    title: { zh: '字段值超长', en: 'Value too long' },
    messages: {
      text: { zh: '{table}.{field} 的值长 {length} 个字符，超过标准长度 {max}', en: '{table}.{field} is {length} characters long, more than the standard {max}' },
      digits: { zh: '{table}.{field} 的值 {actual} 超过标准的 {max} 位数字', en: '{table}.{field} value {actual} has more than the standard {max} digits' },
    },
    spec: 'NY/T 2539-2016 §5.3 字段长度, 附录A, 附录B',
    basis: 'qc-rules.md B-04 (exporter truncates LZHTBM and DKSYT to pass QC)',
    basisKind: 'standard',
    fixedBy: '测绘单位',
    cost: 4,
  },
  run(ctx) {
    for (const t of checkedTables(ctx.db)) {
      const checks: FieldCheck<'text' | 'digits'>[] = [];
      const partsDiffer = t.source.origin === 'shp' && layerPartsDiffer(ctx.db, t.name);
      for (const f of presentFields(t)) {
        if (f.length === undefined) continue;
        const c = ident(f.code);
        if (f.type === 'Char' && isTextSource(sourceColumn(t, f.code))) {
          if (boundedByWidth(t, f, partsDiffer)) continue;
          // octet_length() is the stored size, read without a pass over the text, and never below length(): most
          // values are settled by it before length() counts characters
          checks.push({ field: f, predicate: `octet_length(${c}) > ${f.length} AND typeof(${c}) = 'text' AND length(${c}) > ${f.length}`, tag: 'text' });
        } else if ((f.type === 'Int' || f.type === 'Float') && !boundedBySource(t, f)) {
          const intDigits = f.length - (f.decimals ?? 0);
          checks.push({ field: f, predicate: `typeof(${c}) IN ('integer', 'real') AND abs(${c}) >= 1e${intDigits}`, tag: 'digits' });
        }
      }
      scanTable(ctx, t, checks, (ref, check, value) => {
        const length = typeof value === 'string' ? [...value].length : String(value).length;
        ctx.report({
          messageId: check.tag ?? 'text',
          ...at(ref, check.field),
          actual: asValue(value),
          data: { length, max: check.field.length },
          ...(check.tag === 'digits' ? { severity: 'warning' as const } : {}),
        });
      });
    }
  },
};
