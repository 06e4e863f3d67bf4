import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeGeometry, hasStoreTable, loadPackage } from '@nyt2539/checker';
import type { Ring } from '../sketch/job.js';
import { stratumSampleSizes, type SchemeOptions } from './scheme.js';

export type StratumLevel = '乡镇' | '村';

interface Member {
  readonly CYXM: string;
  readonly YHZGX: string;
  readonly CYZJHM: string;
}

interface Plot {
  readonly DKBM: string;
  readonly DKMC: string;
  readonly SCMJ: number | null;
  readonly SCMJM: number | null;
  readonly HTMJM: number | null;
  readonly DKDZ: string;
  readonly DKNZ: string;
  readonly DKXZ: string;
  readonly DKBZ: string;
  /** 地力等级 code and 是否基本农田 code, for the sketch map */
  readonly DLDJ: string;
  readonly SFJBNT: string;
}

export interface Household {
  readonly CBFBM: string;
  readonly CBFMC: string;
  readonly CBFZJHM: string;
  readonly CBFDZ: string;
  readonly LXDH: string;
  readonly CBJYQZBM: string;
  readonly CBHTBM: string;
  readonly members: readonly Member[];
  readonly plots: readonly Plot[];
}

interface Stratum {
  readonly code: string;
  readonly name: string;
  /** households in the stratum */
  readonly size: number;
  readonly sampled: readonly SampledHousehold[];
}

export interface SampledHousehold extends Household {
  readonly stratum: string;
  /** the plots to verify (a seeded choice of `plotsPerHousehold`, all when the household has fewer) */
  readonly sampledPlots: readonly Plot[];
}

export interface Sample {
  readonly rootName: string;
  readonly county: string;
  readonly countyName: string;
  readonly seed: number;
  readonly by: StratumLevel;
  readonly scheme: SchemeOptions;
  readonly plotsPerHousehold: number;
  readonly households: number;
  readonly strata: readonly Stratum[];
}

/** The key a unit is ordered by: SHA-256 of `<seed>:<key>`. Any input order gives the same sample. */
function drawKey(seed: number, key: string): string {
  return createHash('sha256').update(`${seed}:${key}`).digest('hex');
}

/** The first `n` of `items` by their draw key: a seeded simple random sample without replacement. */
function drawFirst<T>(items: readonly T[], n: number, seed: number, key: (t: T) => string): T[] {
  return items
    .map((t) => ({ t, k: drawKey(seed, key(t)) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .slice(0, n)
    .map((x) => x.t);
}

function stratumCode(CBFBM: string, by: StratumLevel): string {
  return CBFBM.slice(0, by === '乡镇' ? 9 : 12);
}

/**
 * The stratified sample: households grouped by 乡镇 (CBFBM digits 1–9) or 村 (1–12), each stratum's size from the
 * scheme, households drawn by `drawFirst` within the stratum, then `plotsPerHousehold` of each household's plots
 * drawn the same way (key `<CBFBM>:<DKBM>`). Strata in code order, households in draw order.
 */
export function drawSample(
  households: readonly Household[],
  names: ReadonlyMap<string, string>,
  options: { seed: number; by: StratumLevel; scheme: SchemeOptions; plotsPerHousehold: number },
): Pick<Sample, 'strata' | 'households'> {
  const groups = new Map<string, Household[]>();
  for (const h of households) {
    const code = stratumCode(h.CBFBM, options.by);
    let g = groups.get(code);
    if (!g) groups.set(code, (g = []));
    g.push(h);
  }
  const codes = [...groups.keys()].sort();
  const sizes = stratumSampleSizes(
    codes.map((c) => groups.get(c)!.length),
    options.scheme,
  );
  const strata = codes.map((code, i) => {
    const chosen = drawFirst(groups.get(code)!, sizes[i]!, options.seed, (h) => h.CBFBM);
    return {
      code,
      name: names.get(code) ?? code,
      size: groups.get(code)!.length,
      sampled: chosen.map((h) => ({
        ...h,
        stratum: code,
        sampledPlots: drawFirst(h.plots, options.plotsPerHousehold, options.seed, (p) => `${h.CBFBM}:${p.DKBM}`).sort((a, b) => (a.DKBM < b.DKBM ? -1 : 1)),
      })),
    };
  });
  return { strata, households: households.length };
}

type Row = Record<string, unknown>;
const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());
const num = (v: unknown): number | null => (v === null || v === undefined || v === '' ? null : Number(v));

/**
 * Reads what a spot check needs from a package (folder or zip) through the checker's loader: CBF with members,
 * certificate and contract numbers, their plots (CBDKXX → DK attributes), and 乡镇/村 names (XJQY/CJQY).
 */
export async function readHouseholds(
  input: string,
  /** after the households are read: the plots (DKBM) whose outlines to read too (the sample's, for sketch maps) */
  outlinesOf: (households: readonly Household[], names: ReadonlyMap<string, string>) => Iterable<string> = () => [],
): Promise<{ households: Household[]; names: Map<string, string>; outlines: Map<string, Ring[]>; rootName: string; county: string; countyName: string }> {
  const workDir = mkdtempSync(join(tmpdir(), 'nyt2539-sample-'));
  try {
    const loaded = await loadPackage(input, { workDir });
    try {
      const db = loaded.db;
      const all = (sql: string): Row[] => db.prepare(sql).all() as Row[];
      const has = (t: string): boolean => hasStoreTable(db, t);
      const names = new Map<string, string>();
      if (has('XJQY')) for (const r of all(`SELECT XJQYDM AS c, XJQYMC AS n FROM XJQY WHERE _deleted = 0`)) names.set(str(r.c), str(r.n));
      if (has('CJQY')) for (const r of all(`SELECT CJQYDM AS c, CJQYMC AS n FROM CJQY WHERE _deleted = 0`)) names.set(str(r.c), str(r.n));
      const members = new Map<string, Member[]>();
      if (has('CBF_JTCY'))
        for (const r of all(`SELECT CBFBM, CYXM, YHZGX, CYZJHM FROM CBF_JTCY WHERE _deleted = 0 ORDER BY _rid`)) {
          const k = str(r.CBFBM);
          if (!members.has(k)) members.set(k, []);
          members.get(k)!.push({ CYXM: str(r.CYXM), YHZGX: str(r.YHZGX), CYZJHM: str(r.CYZJHM) });
        }
      const plotsByDkbm = new Map<string, Row>();
      if (has('DK')) for (const r of all(`SELECT DKBM, DKMC, SCMJ, SCMJM, DKDZ, DKNZ, DKXZ, DKBZ, DLDJ, SFJBNT FROM DK WHERE _deleted = 0`)) plotsByDkbm.set(str(r.DKBM), r);
      const plots = new Map<string, Plot[]>();
      const contract = new Map<string, { CBHTBM: string; CBJYQZBM: string }>();
      if (has('CBDKXX'))
        for (const r of all(`SELECT CBFBM, DKBM, HTMJM, CBHTBM, CBJYQZBM FROM CBDKXX WHERE _deleted = 0 ORDER BY _rid`)) {
          const k = str(r.CBFBM);
          const dk = plotsByDkbm.get(str(r.DKBM));
          if (!plots.has(k)) plots.set(k, []);
          plots.get(k)!.push({
            DKBM: str(r.DKBM),
            DKMC: str(dk?.DKMC),
            SCMJ: num(dk?.SCMJ),
            SCMJM: num(dk?.SCMJM),
            HTMJM: num(r.HTMJM),
            DKDZ: str(dk?.DKDZ),
            DKNZ: str(dk?.DKNZ),
            DKXZ: str(dk?.DKXZ),
            DKBZ: str(dk?.DKBZ),
            DLDJ: str(dk?.DLDJ),
            SFJBNT: str(dk?.SFJBNT),
          });
          if (!contract.has(k)) contract.set(k, { CBHTBM: str(r.CBHTBM), CBJYQZBM: str(r.CBJYQZBM) });
        }
      const households: Household[] = has('CBF')
        ? all(`SELECT CBFBM, CBFMC, CBFZJHM, CBFDZ, LXDH FROM CBF WHERE _deleted = 0 ORDER BY CBFBM`).map((r) => {
            const k = str(r.CBFBM);
            return {
              CBFBM: k,
              CBFMC: str(r.CBFMC),
              CBFZJHM: str(r.CBFZJHM),
              CBFDZ: str(r.CBFDZ),
              LXDH: str(r.LXDH),
              CBJYQZBM: contract.get(k)?.CBJYQZBM ?? '',
              CBHTBM: contract.get(k)?.CBHTBM ?? '',
              members: members.get(k) ?? [],
              plots: plots.get(k) ?? [],
            };
          })
        : [];
      const outlines = new Map<string, Ring[]>();
      if (has('DK')) {
        const geom = db.prepare(`SELECT _geom FROM DK WHERE DKBM = ? AND _deleted = 0 AND _geom IS NOT NULL LIMIT 1`).pluck();
        for (const dkbm of outlinesOf(households, names)) {
          const blob = geom.get(dkbm) as Uint8Array | undefined;
          if (!blob) continue;
          const g = decodeGeometry(blob);
          outlines.set(
            dkbm,
            g.parts.map((xy) => Array.from({ length: xy.length / 2 }, (_, i) => [xy[2 * i]!, xy[2 * i + 1]!] as const)),
          );
        }
      }
      return { households, names, outlines, rootName: loaded.info.rootName, county: loaded.info.county, countyName: loaded.info.countyName };
    } finally {
      loaded.close();
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
