import { describe, expect, it } from 'vitest';
import { checkMetadataValue, metadataSection, metadataSections, metadataStructure, standardMetadataLayers } from './metadata.js';

describe('Annex D metadata elements', () => {
  it('four sections D.1–D.4 with elements numbered in order and unique element names', () => {
    expect(metadataSections.map((s) => [s.table, s.code])).toEqual([
      ['D.1', 'dataIdInfo'],
      ['D.2', 'refSysInfo'],
      ['D.3', 'contInfo'],
      ['D.4', 'dqInfo'],
    ]);
    expect(metadataSections.map((s) => s.elements.length)).toEqual([16, 5, 4, 2]);
    for (const s of metadataSections) {
      expect(s.elements.map((e) => e.seq)).toEqual(s.elements.map((_, i) => i + 1));
      expect(new Set(s.elements.map((e) => e.element)).size).toBe(s.elements.length);
    }
    const lay = metadataSection('contInfo').elements[0];
    expect([lay.code, lay.element, lay.aliases]).toEqual(['layName', 'layerName', ['layName']]);
  });

  it('checks values against type and domain', () => {
    const el = (section: 'dataIdInfo' | 'refSysInfo', code: string) => metadataSection(section).elements.find((e) => e.code === code)!;
    expect(checkMetadataValue(el('dataIdInfo', 'date'), '20161020')).toBeUndefined();
    expect(checkMetadataValue(el('dataIdInfo', 'date'), '20160230')?.problem).toBe('notDate');
    expect(checkMetadataValue(el('dataIdInfo', 'date'), '2016-10-20')?.problem).toBe('notDate');
    expect(checkMetadataValue(el('dataIdInfo', 'status'), '001')).toBeUndefined();
    expect(checkMetadataValue(el('dataIdInfo', 'status'), '1')).toMatchObject({ problem: 'notInDomain' });
    expect(checkMetadataValue(el('dataIdInfo', 'classCode'), '007')?.domain).toContain('006 无限制');
    expect(checkMetadataValue(el('dataIdInfo', 'geoID'), '22058')?.problem).toBe('pattern');
    expect(checkMetadataValue(el('dataIdInfo', 'dataLang'), 'ZH')?.problem).toBe('pattern');
    expect(checkMetadataValue(el('dataIdInfo', 'faxNum'), '')).toBeUndefined();
    expect(checkMetadataValue(el('dataIdInfo', 'title'), ' ')?.problem).toBe('missing');
    expect(checkMetadataValue(el('refSysInfo', 'eastFAL'), '44500.0')).toBeUndefined();
    expect(checkMetadataValue(el('refSysInfo', 'eastFAL'), '44,500')?.problem).toBe('notNumber');
  });

  it('standard layers: the 14 vector layers with Annex A names', () => {
    const layers = standardMetadataLayers();
    expect(layers.map((l) => l.layerName)).toEqual(['KZD', 'XJXZQ', 'XJQY', 'CJQY', 'ZJQY', 'QYJX', 'DZDW', 'XZDW', 'MZDW', 'DK', 'JZD', 'JZX', 'JBNTBHQ', 'ZJ']);
    const dk = layers.find((l) => l.layerName === 'DK')!;
    expect(dk.catFetTyps).toBe('地块');
    expect(dk.fields.slice(0, 3)).toEqual(['标识码', '要素代码', '地块代码']);
    expect(layers.find((l) => l.layerName === 'JZD')!.fields).toContain('X坐标值');
  });

  it('structure lists element paths in document order', () => {
    const paths = metadataStructure([{ fields: 2 }], { voiceNum: 2 });
    expect(paths.slice(0, 3)).toEqual(['Metadata', 'Metadata/dataIdInfo', 'Metadata/dataIdInfo/title']);
    expect(paths.filter((p) => p === 'Metadata/dataIdInfo/voiceNum')).toHaveLength(2);
    expect(paths.filter((p) => p.endsWith('/fieldID'))).toHaveLength(2);
    expect(paths.at(-1)).toBe('Metadata/dqInfo/dqLineage');
  });
});
