import { describe, expect, it } from 'vitest';
import { provinceOf, provinces } from './provinces.js';

describe('provinces', () => {
  it('lists the 31 provincial-level divisions of the mainland once each, west of east, inside China', () => {
    expect(provinces).toHaveLength(31);
    expect(new Set(provinces.map((p) => p.code)).size).toBe(31);
    for (const p of provinces) {
      expect(p.code).toMatch(/^[1-6]\d$/);
      expect(p.west).toBeLessThan(p.east);
      expect(p.west).toBeGreaterThanOrEqual(73);
      expect(p.east).toBeLessThanOrEqual(136);
    }
  });
  it('finds the province of a county code, and places known counties inside it', () => {
    expect(provinceOf('340711')?.name).toBe('安徽省');
    expect(provinceOf('220581')?.name).toBe('吉林省');
    expect(provinceOf('990000')).toBeUndefined();
    // 铜陵市郊区 ~117.8°E, 梅河口市 ~125.7°E, 喀什市 ~76.0°E, 三亚市 ~109.5°E
    const at = (code: string, lon: number) => {
      const p = provinceOf(code)!;
      return lon >= p.west && lon <= p.east;
    };
    expect([at('340711', 117.8), at('220581', 125.7), at('653101', 76.0), at('460200', 109.5)]).toEqual([true, true, true, true]);
  });
});
