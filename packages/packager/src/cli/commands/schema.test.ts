import { describe, expect, it } from 'vitest';
import { runCli } from '../test-support.js';


function run(...args: string[]) {
  return runCli(['schema', ...args]);
}

interface Doc {
  standard: string;
  features: { code: string; name: string; parent: string }[];
  layers: { table: string; name: string; geometry: string; featureCodes: string[]; constraint: string }[];
  tables: { name: string; title: string; kind: string; constraint: string; fields: { code: string; name: string; type: string; length?: number; decimals?: number; domain?: unknown; constraint: string }[] }[];
  codeTables: { id: string; name: string; codes: { code: string; name: string; parent?: string }[] }[];
  physical: { name: string }[];
  decisions: { id: string }[];
  jsonSchemas: Record<string, { $schema: string }>;
}

describe('nyt2539 schema', () => {
  it('--format json prints the whole standard as one JSON document', () => {
    const r = run('--format', 'json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.standard).toBe('NY/T 2539-2016');
    expect(doc.features).toHaveLength(35);
    expect(doc.features[0]).toEqual({ code: '100000', name: '基础地理信息要素', parent: '' });
    expect(doc.layers).toHaveLength(24);
    expect(doc.layers.find((l) => l.table === 'DK')).toMatchObject({ name: '地块', geometry: 'Polygon', featureCodes: ['211011'], constraint: 'M' });
    expect(doc.tables).toHaveLength(27);
    expect(doc.tables.filter((t) => t.kind === 'layer')).toHaveLength(15);
    expect(doc.tables.filter((t) => t.kind === 'attribute')).toHaveLength(12);
    const dk = doc.tables.find((t) => t.name === 'DK')!;
    expect(dk).toMatchObject({ title: '地块', constraint: 'M' });
    expect(dk.fields.find((f) => f.code === 'SCMJ')).toMatchObject({ name: '实测面积', type: 'Float', length: 15, decimals: 2, constraint: 'M' });
    expect(doc.tables.find((t) => t.name === 'CBF_JTCY')).toMatchObject({ constraint: 'C' });
    const c10 = doc.codeTables.find((c) => c.id === 'C.10')!;
    expect(c10.codes.find((c) => c.code === '110')).toMatchObject({ name: '家庭承包', parent: '100' });
    expect(doc.physical).toHaveLength(12);
    expect(doc.decisions.map((d) => d.id)).toContain('cbjyqzdjb-column-order');
    expect(Object.keys(doc.jsonSchemas)).toHaveLength(27);
  });

  it('--table DK narrows the document to one table and what it refers to', () => {
    const doc = JSON.parse(run('--format', 'json', '--table', 'DK').stdout) as Doc;
    expect(doc.tables.map((t) => t.name)).toEqual(['DK']);
    expect(doc.layers.map((l) => l.table)).toEqual(['DK']);
    expect(doc.features.map((f) => f.code)).toEqual(['211011']);
    expect(doc.codeTables.map((c) => c.id)).toEqual(['C.6', 'C.7', 'C.8', 'C.9', 'C.19', 'GB/T 21010']);
    expect(doc.physical).toEqual([]);
    expect(Object.keys(doc.jsonSchemas)).toEqual(['DK']);
  });

  it('--format md prints Chinese markdown tables, English headings with --lang en', () => {
    const zh = run('--format', 'md', '--table', 'CBF_JTCY');
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('## 表B.4 家庭成员（表名：CBF_JTCY）');
    expect(zh.stdout).toContain('| 序号 | 字段代码 | 字段名称 | 字段类型 | 字段长度 | 小数位数 | 值域 | 约束条件 | 单位 |');
    expect(zh.stdout).toContain('| 6 | YHZGX | 与户主关系 | Char | 2 |  | 见表 GB/T 4761 | M |  |');
    const en = run('--format', 'md', '--table', 'CBF_JTCY', '--lang', 'en');
    expect(en.stdout).toContain('## Table B.4 家庭成员 (table: CBF_JTCY)');
    expect(en.stdout).toContain('| No. | Code | Name | Type | Length | Decimals | Domain | Constraint | Unit |');
    const all = run();
    expect(all.code).toBe(0);
    expect(all.stdout.match(/^## 表[AB]\.\d+ /gm)).toHaveLength(27);
  });

  it('an unknown table is one clear line and exit code 2', () => {
    const r = run('--table', 'NOPE');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--table NOPE');
    expect(r.stderr).toContain('CBF_JTCY');
    expect(run('--table', 'NOPE', '--lang', 'en').stderr).toContain('no such table');
  });
});
