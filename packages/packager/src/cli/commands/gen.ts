import type { Argv } from 'yargs';
import { localize, type Lang } from '@nyt2539/schema';
import { UserError, type CliCommand } from '../command.js';

interface GenArgs {
  scale: string;
  seed: number;
  defects: string;
  county: string;
  out: string;
  year: number;
  edgeVertices?: number;
  defectDensity?: number;
}

const text = {
  describe: { zh: '生成确定性的合成县级汇交数据包（虚构人员与地名）及 ground-truth.json', en: 'generate a deterministic synthetic county package (fictional people and places) and ground-truth.json' },
  scale: { zh: '规模：tiny（1个村，约300地块）、example（1个乡镇，约8千地块）、county（约50万地块）', en: 'size: tiny (1 village, ~300 plots), example (1 township, ~8k plots), county (~500k plots)' },
  seed: { zh: '随机种子（相同种子生成逐字节相同的文件）', en: 'random seed (same seed ⇒ byte-identical files)' },
  defects: { zh: '注入缺陷：none、seed、all 或以逗号分隔的缺陷编号', en: 'defects to inject: none, seed, all, or comma-separated ids' },
  county: { zh: '县级行政区划代码', en: 'county code (GB/T 2260)' },
  out: { zh: '输出目录（数据包写入 <目录>/<县代码><县名>/）', en: 'output directory (the package goes to <dir>/<county6><name>/)' },
  year: { zh: '文件名与数据中的年份', en: 'year used in file names and dates' },
  edgeVertices: { zh: '带额外界址点的格网边比例（0–1，默认 0.3；1 约使界址点数增至 1.9 倍，用于基准测试）', en: 'share of lattice edges with an extra boundary point (0–1, default 0.3; 1 gives ~1.9× the boundary points, for benchmarks)' },
  badEdgeVertices: { zh: '--edge-vertices 应为 0–1 之间的数，得到“{value}”', en: '--edge-vertices must be a number from 0 to 1, got "{value}"' },
  badSeed: { zh: '--seed 应为 0–4294967295 的整数，得到“{value}”', en: '--seed must be an integer 0–4294967295, got "{value}"' },
  badCounty: { zh: '--county {value}：生成器不认识该县（可用：{known}）', en: '--county {value}: not a county the generator knows (known: {known})' },
  defectDensity: {
    zh: '缺陷密度 0–1：另给这一比例的地块注入土地用途代码错误（每处一条问题，记入真值），用于生成十万级问题的基准数据',
    en: 'defect density 0–1: also give this share of plots a bad land-use code (one finding each, in ground truth), for 100k-finding benchmark data',
  },
  badDensity: { zh: '--defect-density 应在 0 到 1 之间：{value}', en: '--defect-density must be between 0 and 1: {value}' },
  badDefects: { zh: '--defects：未知的缺陷编号 {value}（可用：{known}）', en: '--defects: unknown defect ids {value} (known: {known})' },
  done: { zh: '已生成 {dir}\n  {plots} 个地块，{households} 户，{points} 个界址点，{defects} 个注入缺陷\n  真值文件 {truth}', en: 'wrote {dir}\n  {plots} plots, {households} households, {points} boundary points, {defects} injected defects\n  ground truth {truth}' },
} as const;

export const genCommand: CliCommand<GenArgs> = {
  command: 'gen',
  describe: text.describe,
  builder(y: Argv, lang: Lang): Argv {
    return y
      .option('scale', { type: 'string', choices: ['tiny', 'example', 'county'], default: 'example', describe: text.scale[lang] })
      .option('seed', { type: 'number', default: 1, describe: text.seed[lang] })
      .option('defects', { type: 'string', default: 'none', describe: text.defects[lang] })
      .option('county', { type: 'string', default: '340711', describe: text.county[lang] })
      .option('year', { type: 'number', default: 2016, describe: text.year[lang] })
      .option('out', { type: 'string', demandOption: true, describe: text.out[lang] })
      .option('edge-vertices', { type: 'number', describe: text.edgeVertices[lang] })
      .option('defect-density', { type: 'number', describe: text.defectDensity[lang] });
  },
  async handler(args) {
    const { lang } = args;
    // loaded lazily: the generator is only needed by this command
    const { countyDef, counties, selectInjectors, injectors, isScale } = await import('@nyt2539/examples');
    const { generatePackage } = await import('../../package/generate.js');
    if (!Number.isInteger(args.seed) || args.seed < 0 || args.seed > 0xffffffff) throw new UserError(localize(text.badSeed, lang, { value: args.seed }));
    if (!countyDef(String(args.county))) {
      throw new UserError(localize(text.badCounty, lang, { value: args.county, known: counties.map((c) => c.code).join(', ') }));
    }
    const { unknown } = selectInjectors(args.defects);
    if (unknown.length) throw new UserError(localize(text.badDefects, lang, { value: unknown.join(','), known: ['none', 'seed', 'all', ...injectors.map((i) => i.id)].join(', ') }));
    if (!isScale(args.scale)) throw new UserError(`--scale ${args.scale}`);
    const share = args.edgeVertices;
    if (share !== undefined && !(share >= 0 && share <= 1)) throw new UserError(localize(text.badEdgeVertices, lang, { value: share }));
    const density = args.defectDensity;
    if (density !== undefined && !(density >= 0 && density <= 1)) throw new UserError(localize(text.badDensity, lang, { value: density }));
    const r = await generatePackage({
      scale: args.scale,
      seed: args.seed,
      county: String(args.county),
      defects: args.defects,
      outDir: args.out,
      year: args.year,
      ...(share !== undefined ? { edgeVertexShare: share } : {}),
      ...(density !== undefined ? { defectDensity: density } : {}),
    });
    process.stdout.write(
      localize(text.done, lang, {
        dir: r.packageDir,
        plots: r.stats.plots,
        households: r.stats.households,
        points: r.stats.boundaryPoints,
        defects: r.stats.defects,
        truth: r.groundTruthPath,
      }) + '\n',
    );
    return 0;
  },
};
