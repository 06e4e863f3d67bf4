/**
 * Provincial-level divisions of GB/T 2260 (the first two digits of a county code) with the longitude range of
 * their territory, for checking that a package's projection zone agrees with where the county is. The ranges
 * are the commonly published extreme longitudes, rounded outwards to 0.1°; 南海诸岛 are included in 海南 (三沙).
 * Coarse on purpose: a county lies inside its province, so a layer whose coordinates, taken back to longitude
 * with the declared central meridian, fall outside the province's range was projected in another zone.
 */
interface Province {
  /** the first two digits of GB/T 2260 codes */
  readonly code: string;
  readonly name: string;
  /** degrees east */
  readonly west: number;
  readonly east: number;
}

export const provinces: readonly Province[] = [
  { code: '11', name: '北京市', west: 115.4, east: 117.6 },
  { code: '12', name: '天津市', west: 116.7, east: 118.1 },
  { code: '13', name: '河北省', west: 113.4, east: 119.9 },
  { code: '14', name: '山西省', west: 110.2, east: 114.6 },
  { code: '15', name: '内蒙古自治区', west: 97.1, east: 126.1 },
  { code: '21', name: '辽宁省', west: 118.8, east: 125.8 },
  { code: '22', name: '吉林省', west: 121.6, east: 131.4 },
  { code: '23', name: '黑龙江省', west: 121.1, east: 135.1 },
  { code: '31', name: '上海市', west: 120.8, east: 122.3 },
  { code: '32', name: '江苏省', west: 116.3, east: 121.9 },
  { code: '33', name: '浙江省', west: 118.0, east: 123.2 },
  { code: '34', name: '安徽省', west: 114.8, east: 119.7 },
  { code: '35', name: '福建省', west: 115.8, east: 120.8 },
  { code: '36', name: '江西省', west: 113.5, east: 118.5 },
  { code: '37', name: '山东省', west: 114.7, east: 122.8 },
  { code: '41', name: '河南省', west: 110.3, east: 116.7 },
  { code: '42', name: '湖北省', west: 108.3, east: 116.2 },
  { code: '43', name: '湖南省', west: 108.7, east: 114.3 },
  { code: '44', name: '广东省', west: 109.6, east: 117.4 },
  { code: '45', name: '广西壮族自治区', west: 104.4, east: 112.1 },
  { code: '46', name: '海南省', west: 108.6, east: 117.9 },
  { code: '50', name: '重庆市', west: 105.2, east: 110.2 },
  { code: '51', name: '四川省', west: 97.3, east: 108.6 },
  { code: '52', name: '贵州省', west: 103.6, east: 109.6 },
  { code: '53', name: '云南省', west: 97.5, east: 106.2 },
  { code: '54', name: '西藏自治区', west: 78.3, east: 99.2 },
  { code: '61', name: '陕西省', west: 105.4, east: 111.3 },
  { code: '62', name: '甘肃省', west: 92.1, east: 108.8 },
  { code: '63', name: '青海省', west: 89.4, east: 103.1 },
  { code: '64', name: '宁夏回族自治区', west: 104.2, east: 107.7 },
  { code: '65', name: '新疆维吾尔自治区', west: 73.4, east: 96.4 },
];

/** The province a county code (or any GB/T 2260 code) belongs to, or undefined. */
export function provinceOf(code: string): Province | undefined {
  const p = code.slice(0, 2);
  return provinces.find((x) => x.code === p);
}
