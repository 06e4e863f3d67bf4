/**
 * Areas: m² ↔ 亩 and the tolerances the checker applies. NY/T 2539 stores every area twice, in m²
 * (SCMJ, HTMJ, YHTMJ, HTZMJ, LZMJ, JBNTMJ, MJ: Float(15,2)) and in 亩 (…M: Float(15,2)).
 * 1 亩 = 10000/15 m², so 亩 = m² × 0.0015 exactly (coding-rules.md §6).
 */

/** m² per 亩 (= 666.666…). */
export const SQM_PER_MU = 10000 / 15;

/** Decimal places of every area field (Float(15,2)). */
const AREA_DECIMALS = 2;

/**
 * Largest |stored 亩 − toMu(stored m²)| that is only a rounding difference: tools round half-even (.NET
 * Math.Round), half-up (Excel, SQL) or on float artefacts, so one unit in the last place must pass.
 * Source: coding-rules.md §6 [INFERRED there: no official figure found].
 */
export const MU_ROUNDING_TOLERANCE = 0.01;

/**
 * Up to this difference the 亩 value was probably computed with a non-standard factor (÷666.6, ÷666.67:
 * 100000 m² → 150.02): a warning. Beyond it, an error. Source: coding-rules.md §6 [INFERRED].
 */
export const MU_FACTOR_TOLERANCE = 0.05;

/**
 * SCMJ against the polygon's planar area when SCMJ was taken from the geometry: within
 * max(GEOMETRY_AREA_ABS_TOLERANCE m², GEOMETRY_AREA_REL_TOLERANCE × area). Source: coding-rules.md §6 [INFERRED].
 */
const GEOMETRY_AREA_ABS_TOLERANCE = 0.01;
const GEOMETRY_AREA_REL_TOLERANCE = 0.0001;

/**
 * When the project declares SCMJ a surveyed value (not the geometry's area), warn only beyond
 * max(SURVEYED_AREA_ABS_TOLERANCE m², SURVEYED_AREA_REL_TOLERANCE × area). Source: coding-rules.md §6 [INFERRED].
 */
const SURVEYED_AREA_ABS_TOLERANCE = 1;
const SURVEYED_AREA_REL_TOLERANCE = 0.01;

/** Parcels smaller than this (m²) are slivers (碎面). Source: YLT DataCheckProgress (coding-rules.md §6) [IMPL]. */
export const SLIVER_AREA_M2 = 1;

/** Allowed |SCMJ − polygon area| when SCMJ comes from the geometry. */
export function geometryAreaTolerance(areaM2: number): number {
  return Math.max(GEOMETRY_AREA_ABS_TOLERANCE, GEOMETRY_AREA_REL_TOLERANCE * Math.abs(areaM2));
}

/** Allowed |SCMJ − polygon area| when SCMJ is a surveyed value. */
export function surveyedAreaTolerance(areaM2: number): number {
  return Math.max(SURVEYED_AREA_ABS_TOLERANCE, SURVEYED_AREA_REL_TOLERANCE * Math.abs(areaM2));
}

/** An exact decimal: value = sign × digits × 10^-scale. */
interface Decimal {
  readonly negative: boolean;
  readonly digits: bigint;
  readonly scale: number;
}

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/**
 * The decimal a number means: its shortest round-trip text (what a DBF, the mdb or a user wrote), not
 * its binary expansion — so 0.015 is 15/1000, not 0.01499999….
 */
function parseDecimal(value: number | string): Decimal {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const m = DECIMAL_TEXT.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '') || (typeof value === 'number' && !Number.isFinite(value))) {
    throw new RangeError(`not a decimal number: ${JSON.stringify(text)}`);
  }
  const fraction = m[3] ?? '';
  const exponent = Number(m[4] ?? 0);
  return { negative: m[1] === '-', digits: BigInt((m[2] || '0') + fraction), scale: fraction.length - exponent };
}

/** digits × 10^-scale rounded half away from zero to `decimals` places, as an integer count of 10^-decimals. */
function roundToUnits(d: Decimal, decimals: number): bigint {
  const shift = d.scale - decimals;
  if (shift <= 0) return d.digits * 10n ** BigInt(-shift);
  const divisor = 10n ** BigInt(shift);
  const q = d.digits / divisor;
  return (d.digits % divisor) * 2n >= divisor ? q + 1n : q;
}

function unitsToNumber(units: bigint, decimals: number, negative: boolean): number {
  // One correctly rounded division gives the double nearest to the decimal result.
  const v = Number(units) / 10 ** decimals;
  return negative && v !== 0 ? -v : v;
}

/**
 * Round a decimal value half away from zero (what Excel's ROUND and the Ministry's examples do) to `decimals`
 * places, on its decimal value: roundDecimal(1.005, 2) = 1.01 (float arithmetic gives 1.00).
 */
export function roundDecimal(value: number | string, decimals: number = AREA_DECIMALS): number {
  const d = parseDecimal(value);
  return unitsToNumber(roundToUnits(d, decimals), decimals, d.negative);
}

/** Plain decimal text, no exponent: what smallToMu computes on doubles when it has at most SMALL_DIGITS digits. */
const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d*))?$/;
const SMALL_DIGITS = 14;

/**
 * toMu of a decimal of at most 14 digits (every Float(15,2) area and its double), on doubles: digits × 15 stays
 * below 2^53, so each step is exact integer arithmetic and the result is the BigInt path's, at a fraction of its
 * cost (a county's summaries convert ~2M areas). Undefined for other text, which the BigInt path takes.
 */
function smallToMu(m2: number | string): number | undefined {
  const text = typeof m2 === 'number' ? String(m2) : m2.trim();
  const m = PLAIN_DECIMAL.exec(text);
  if (!m) return undefined;
  const fraction = m[3] ?? '';
  if (m[2].length + fraction.length > SMALL_DIGITS) return undefined;
  // digits × 15 × 10^-(scale + 4), in units of 10^-AREA_DECIMALS rounded half away from zero (as roundToUnits)
  const product = Number(m[2] + fraction) * 15;
  const divisor = 10 ** (fraction.length + 4 - AREA_DECIMALS);
  const q = Math.floor(product / divisor);
  const units = (product - q * divisor) * 2 >= divisor ? q + 1 : q;
  const v = units / 10 ** AREA_DECIMALS;
  return m[1] === '-' && v !== 0 ? -v : v;
}

/** 亩 from m²: round(m² × 0.0015, 2), computed exactly on the decimal value (toMu(10) = 0.02, not 0.01). */
export function toMu(m2: number | string): number {
  const small = smallToMu(m2);
  if (small !== undefined) return small;
  const d = parseDecimal(m2);
  // × 0.0015 = × 15 × 10^-4, exact in integers.
  return unitsToNumber(roundToUnits({ ...d, digits: d.digits * 15n, scale: d.scale + 4 }, AREA_DECIMALS), AREA_DECIMALS, d.negative);
}

/** m² from 亩, rounded to 2 decimals: round(亩 ÷ 0.0015, 2) = round(亩 × 2000 / 3, 2). */
export function toSquareMetres(mu: number | string): number {
  const d = parseDecimal(mu);
  // mu × 2000 / 3 at 2 decimals: units = round(digits × 2000 × 100 / (3 × 10^scale)), half away from zero.
  let numerator = d.digits * 200000n;
  let denominator = 3n;
  if (d.scale >= 0) denominator *= 10n ** BigInt(d.scale);
  else numerator *= 10n ** BigInt(-d.scale);
  const q = numerator / denominator;
  const units = (numerator % denominator) * 2n >= denominator ? q + 1n : q;
  return unitsToNumber(units, AREA_DECIMALS, d.negative);
}
