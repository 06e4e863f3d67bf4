import { getCodeTable } from '@nyt2539/schema';

/** 证件类型 code of 居民身份证 (表C.15), read from the schema so the code is never re-typed. */
export const RESIDENT_ID_TYPE: string = getCodeTable('C.15')?.codes.find((c) => c.name === '居民身份证')?.code ?? '1';

/** 与户主关系 codes that mark the household head (GB/T 4761: 本人, 户主). */
export const HEAD_RELATIONS: readonly string[] = (getCodeTable('GB/T 4761')?.codes ?? []).filter((c) => c.name === '本人' || c.name === '户主').map((c) => c.code);

/** 承包方类型 农户 (表C.16): the only type with family members. */
export const HOUSEHOLD_TYPE: string = getCodeTable('C.16')?.codes.find((c) => c.name === '农户')?.code ?? '1';

/** Every (证件类型, 证件号码) pair of the standard's tables. */
export const ID_FIELDS: readonly { table: string; type: string; number: string }[] = [
  { table: 'FBF', type: 'FZRZJLX', number: 'FZRZJHM' },
  { table: 'CBF', type: 'CBFZJLX', number: 'CBFZJHM' },
  { table: 'CBF_JTCY', type: 'CYZJLX', number: 'CYZJHM' },
  { table: 'CBJYQZ', type: 'QZLQRZJLX', number: 'QZLQRZJHM' },
  { table: 'CBJYQZ_QZBF', type: 'BFLQRZJLX', number: 'BFLQRZJHM' },
  { table: 'CBJYQZ_QZHF', type: 'HFLQRZJLX', number: 'HFLQRZJHM' },
];

export function sqlList(values: readonly string[]): string {
  return values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ');
}
