import { join } from 'node:path';
import { getRule, ruleGroupOrder } from '@nyt2539/checker';
import { writeChunksAtomic } from '@nyt2539/schema';
import { coverFacts, deviationText, groupTitle, keysText, valueText, type CountRow, type ReportModel } from '../model.js';
import { L, label } from '../text.js';
import type { ReportFormatter } from '../types.js';
import { CLIENT_CSS, CLIENT_JS } from './html-client.js';
import { reportFormatMeta } from './meta.js';

/** One colour per check category (map points, bars). */
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#393b79'];

function esc(s: unknown): string {
  return String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}

function countTable(model: ReportModel, head: string, rows: readonly CountRow[]): string {
  const { lang } = model;
  const e = rows.reduce((n, r) => n + r.errors, 0);
  const w = rows.reduce((n, r) => n + r.warnings, 0);
  const body = rows.map((r) => `<tr><td>${esc(r.label)}</td><td class="n">${r.errors}</td><td class="n">${r.warnings}</td></tr>`).join('');
  return `<table><thead><tr><th>${esc(head)}</th><th>${L.errors[lang]}</th><th>${L.warnings[lang]}</th></tr></thead><tbody>${body}<tr><th>${L.total[lang]}</th><th class="n">${e}</th><th class="n">${w}</th></tr></tbody></table>`;
}

/** Horizontal stacked bars (errors red, warnings amber), the longest `limit` rows. */
function barChart(title: string, rows: readonly CountRow[], limit = 20): string {
  const shown = [...rows].sort((a, b) => b.errors + b.warnings - (a.errors + a.warnings)).slice(0, limit);
  const max = Math.max(1, ...shown.map((r) => r.errors + r.warnings));
  const rowH = 20;
  const labelW = 170;
  const barW = 330;
  const h = shown.length * rowH + 10;
  const bars = shown
    .map((r, i) => {
      const y = i * rowH + 4;
      const we = (r.errors / max) * barW;
      const ww = (r.warnings / max) * barW;
      const name = r.label.length > 14 ? `${r.label.slice(0, 13)}…` : r.label;
      return `<g><title>${esc(r.label)}: ${r.errors} / ${r.warnings}</title><text x="${labelW - 4}" y="${y + 13}" text-anchor="end">${esc(name)}</text><rect x="${labelW}" y="${y}" width="${we.toFixed(1)}" height="14" fill="#d62728"/><rect x="${(labelW + we).toFixed(1)}" y="${y}" width="${ww.toFixed(1)}" height="14" fill="#ff9f1a"/><text x="${(labelW + we + ww + 4).toFixed(1)}" y="${y + 12}">${r.errors + r.warnings}</text></g>`;
    })
    .join('');
  return `<div><h3>${esc(title)}</h3><svg class="bar" width="100%" viewBox="0 0 ${labelW + barW + 60} ${h}" role="img" aria-label="${esc(title)}">${bars}</svg></div>`;
}

interface MapData {
  readonly ox: number;
  readonly oy: number;
  readonly viewBox: [number, number, number, number];
  readonly svg: string;
}

const r1 = (v: number) => Math.round(v * 10) / 10;

/** The county map: region outlines and one path of dots per category, in metres from the north-west corner (y down). */
function mapSvg(model: ReportModel, xs: (number | null)[], ys: (number | null)[]): MapData | null {
  const outlines = model.doc.context?.outlines ?? [];
  let minx = Infinity, miny = Infinity, maxx = -Infinity, maxy = -Infinity;
  const grow = (x: number, y: number) => {
    if (x < minx) minx = x;
    if (x > maxx) maxx = x;
    if (y < miny) miny = y;
    if (y > maxy) maxy = y;
  };
  for (const o of outlines) for (const ring of o.rings) for (let k = 0; k < ring.length; k += 2) grow(ring[k], ring[k + 1]);
  const points: [number, number, string][] = [];
  model.doc.findings.forEach((f, i) => {
    const { point, bbox } = f.location;
    const p = point ?? (bbox ? [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2] : undefined);
    if (!p || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) return;
    points.push([p[0], p[1], f.group]);
    grow(p[0], p[1]);
    xs[i] = p[0];
    ys[i] = p[1];
  });
  if (!Number.isFinite(minx)) return null;
  const ox = minx;
  const oy = maxy;
  const tx = (x: number) => r1(x - ox);
  const ty = (y: number) => r1(oy - y);
  for (let i = 0; i < xs.length; i++) {
    if (xs[i] !== null) {
      xs[i] = tx(xs[i] as number);
      ys[i] = ty(ys[i] as number);
    }
  }
  const parts: string[] = [];
  for (const level of ['CJQY', 'XJQY', 'XJXZQ'] as const) {
    const d = outlines
      .filter((o) => o.level === level)
      .flatMap((o) => o.rings.map((ring) => {
        const out: string[] = [];
        for (let k = 0; k < ring.length; k += 2) out.push(`${k === 0 ? 'M' : 'L'}${tx(ring[k])} ${ty(ring[k + 1])}`);
        return `${out.join('')}Z`;
      }))
      .join('');
    if (d) parts.push(`<path class="o ${level}" d="${d}"/>`);
  }
  const groups = ruleGroupOrder.filter((g) => points.some((p) => p[2] === g));
  for (const g of groups) {
    const d = points.filter((p) => p[2] === g).map((p) => `M${tx(p[0])} ${ty(p[1])}h0`).join('');
    parts.push(`<path class="pts" stroke="${PALETTE[ruleGroupOrder.indexOf(g) % PALETTE.length]}" d="${d}"><title>${esc(groupTitle(g, model.lang))}</title></path>`);
  }
  parts.push('<path id="sel" d=""/>');
  const w = Math.max(1, maxx - minx);
  const h = Math.max(1, maxy - miny);
  const pad = Math.max(w, h) * 0.03;
  const viewBox: [number, number, number, number] = [r1(-pad), r1(-pad), r1(w + 2 * pad), r1(h + 2 * pad)];
  return { ox, oy, viewBox, svg: parts.join('') };
}

function dictionary<T>(): { list: T[]; index: (v: T, key?: string) => number } {
  const list: T[] = [];
  const at = new Map<string, number>();
  return {
    list,
    index(v, key = String(v)) {
      let i = at.get(key);
      if (i === undefined) {
        i = list.length;
        list.push(v);
        at.set(key, i);
      }
      return i;
    },
  };
}

/**
 * The findings as columns with dictionary-coded repeats: a 100k-finding page stays well under 50 MB and filters by
 * integer compares. The JSON comes out a slice of a column at a time (the same text as one JSON.stringify).
 */
function* pageData(model: ReportModel, xs: (number | null)[], ys: (number | null)[], map: MapData | null): Generator<string> {
  const { lang, doc } = model;
  const groups = ruleGroupOrder.map((g) => groupTitle(g, lang));
  const rules = dictionary<string>();
  const files = dictionary<string>();
  const tables = dictionary<string>();
  const fields = dictionary<string>();
  const towns = dictionary<[string, string]>();
  const villages = dictionary<[string, string]>();
  const fbfs = dictionary<[string, string]>();
  const fixers = dictionary<string>();
  const statuses = ['new', 'persisting', 'fixed'] as const;
  const n = doc.findings.length;
  const col = <T>(fill: T) => new Array<T>(n).fill(fill);
  const F = {
    sev: col(0), g: col(0), r: col(0), msg: col(''), file: col(0), tbl: col(0), rec: col<number | null>(null), keys: col(''), fld: col(0), act: col(''), exp: col(''),
    town: col(0), vil: col(0), fbf: col(0), fix: col(0), st: col(-1), x: xs, y: ys, req: col(''), aff: col(''), root: col(''),
  };
  files.index('');
  tables.index('');
  fields.index('');
  doc.findings.forEach((f, i) => {
    const p = model.place(f);
    F.sev[i] = f.severity === 'error' ? 0 : 1;
    F.g[i] = ruleGroupOrder.indexOf(f.group);
    F.r[i] = rules.index(f.ruleId);
    F.msg[i] = f.message[lang];
    F.file[i] = files.index(f.location.file ?? '');
    F.tbl[i] = tables.index(f.location.table ?? '');
    F.rec[i] = f.location.record ?? null;
    F.keys[i] = keysText(f);
    F.fld[i] = fields.index(f.location.field ?? '');
    F.act[i] = valueText(f.actual);
    F.exp[i] = valueText(f.expected);
    F.town[i] = towns.index([p.town, p.townName], p.town);
    F.vil[i] = villages.index([p.village, p.villageName], p.village);
    F.fbf[i] = fbfs.index([p.fbf, p.fbfName], p.fbf);
    F.fix[i] = fixers.index(model.fixedBy(f));
    const s = model.statusOf(f);
    F.st[i] = s ? statuses.indexOf(s) : -1;
    F.req[i] = model.requirement(f);
    F.aff[i] = f.affected ? label(L.affected, lang, { n: f.affected.count }) : '';
    F.root[i] = f.rootCause ?? '';
  });
  const labels = {
    all: L.all[lang], unplaced: L.unplaced[lang], error: L.error[lang], warning: L.warning[lang], shown: L.shown[lang], no: L.no[lang], severity: L.severity[lang],
    category: L.category[lang], rule: L.rule[lang], message: L.message[lang], location: L.location[lang], keys: L.keys[lang], actual: L.actual[lang],
    expected: L.expected[lang], town: L.town[lang], village: L.village[lang], fbf: L.fbf[lang], fixedBy: L.fixedByCol[lang], requirement: L.requirement[lang],
    status: L.statusCol[lang], rootCause: L.rootCause[lang],
  };
  const head = {
    labels,
    dict: {
      groups, rules: rules.list, files: files.list, tables: tables.list, fields: fields.list, towns: towns.list, villages: villages.list, fbfs: fbfs.list, fixers: fixers.list,
      statuses: model.hasStatus ? statuses.map((s) => L.status[s][lang]) : [],
    },
    map: map ? { ox: map.ox, oy: map.oy, viewBox: map.viewBox } : { ox: 0, oy: 0, viewBox: [0, 0, 1, 1] },
  };
  // inside <script>, "</script" or "<!--" would end or confuse the element
  const safe = (json: string) => (json.includes('<') ? json.replace(/</g, '\\u003c') : json);
  yield `${safe(JSON.stringify(head).slice(0, -1))},"f":{`;
  const slice = 10_000;
  let first = true;
  for (const [key, values] of Object.entries(F) as [string, unknown[]][]) {
    yield `${first ? '' : ','}${JSON.stringify(key)}:[`;
    first = false;
    for (let i = 0; i < values.length; i += slice) yield `${i === 0 ? '' : ','}${safe(JSON.stringify(values.slice(i, i + slice)).slice(1, -1))}`;
    yield ']';
  }
  yield '}}';
}

/** The page in pieces (the findings' data a column slice at a time), to be written as they come. */
function* renderHtml(model: ReportModel): Generator<string> {
  const { lang, doc } = model;
  const pkg = doc.package;
  const xs: (number | null)[] = new Array(doc.findings.length).fill(null);
  const ys: (number | null)[] = new Array(doc.findings.length).fill(null);
  const map = mapSvg(model, xs, ys);
  const located = xs.filter((x) => x !== null).length;
  const facts: [string, string][] = [[L.county[lang], `${model.countyName}（${pkg.county}）`], ...coverFacts(model)];
  const profile = doc.profile;
  const deviations = profile && profile.default === false ? `<p>${esc(label(L.profileCustom, lang, { hash: profile.hash ?? '' }))}</p><ul>${(profile.deviations ?? []).map((d) => `<li>${esc(deviationText(d, lang))}</li>`).join('')}</ul>` : `<p>${L.profileDefault[lang]}</p>`;
  const rulesByGroup = new Map<string, string[]>();
  for (const r of doc.summary.byRule) rulesByGroup.set(r.group, [...(rulesByGroup.get(r.group) ?? []), getRule(r.ruleId)?.meta.title[lang] ?? r.ruleId]);
  const records = doc.context?.records ?? [];
  const statusHead = model.hasStatus ? `<th>${L.statusCol[lang]}</th>` : '';
  const legend = ruleGroupOrder
    .filter((g) => doc.findings.some((f) => f.group === g))
    .map((g) => `<span><i style="background:${PALETTE[ruleGroupOrder.indexOf(g) % PALETTE.length]}"></i>${esc(groupTitle(g, lang))}</span>`)
    .join('');
  const conclusion = label(doc.passed ? L.conclusionPassed : L.conclusionFailed, lang, { county: model.countyName, code: pkg.county, year: pkg.year, errors: doc.summary.errors, warnings: doc.summary.warnings });
  yield `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(model.countyName)} ${esc(model.title)}</title><link rel="icon" href="data:,"><style>${CLIENT_CSS}</style></head>
<body><header><h1>${esc(model.title)}</h1><div class="sub">${esc(model.countyName)}（${esc(pkg.county)}）${esc(pkg.year)} · ${L.verdict[lang]}：<b id="verdict">${esc(model.verdict)}</b></div></header>
<main>
<section><table class="facts">${facts.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('')}<tr><td>${L.verdict[lang]}</td><td class="verdict ${doc.passed ? 'pass' : 'fail'}">${esc(model.verdict)}</td></tr></table>
<p class="${doc.masked ? '' : 'warn'}">${esc(doc.masked ? L.masked[lang] : L.unmasked[lang])}</p></section>
<section><h2>${L.basis[lang]}</h2><ul>${L.basisDocs[lang].map((d) => `<li>${esc(d)}</li>`).join('')}<li>${esc(label(L.ruleSet, lang, { version: model.ruleSetVersion, rules: doc.summary.rulesRun }))}</li></ul>${deviations}</section>
<section><h2>${L.content[lang]}</h2><div class="grid"><table><thead><tr><th>${L.category[lang]}</th><th>${L.rules[lang]}</th><th>${L.rule[lang]}</th></tr></thead><tbody>${doc.summary.byGroup.map((g) => `<tr><td>${esc(g.title[lang])}</td><td class="n">${g.rules}</td><td><small>${esc((rulesByGroup.get(g.group) ?? []).join(lang === 'zh' ? '、' : '; '))}</small></td></tr>`).join('')}</tbody></table>
<table><thead><tr><th>${L.table[lang]}</th><th>${L.origin[lang]}</th><th>${L.records[lang]}</th></tr></thead><tbody>${records.map((r) => `<tr><td>${esc(r.table)}</td><td>${esc(r.origin)}</td><td class="n">${r.count}</td></tr>`).join('')}</tbody></table></div></section>
<section><h2>${L.results[lang]}</h2><div class="grid"><div id="by-group">${countTable(model, L.category[lang], model.byGroup)}${doc.summary.dropped > 0 ? `<p><small>${esc(label(L.dropped, lang, { n: doc.summary.dropped, listed: doc.findings.length }))}</small></p>` : ''}</div>
<div>${model.hasStatus ? `<h3>${L.byStatus[lang]}</h3>${countTable(model, L.statusCol[lang], model.byStatus)}` : ''}<h3>${L.byFixedBy[lang]}</h3>${countTable(model, L.fixedByCol[lang], model.byFixedBy)}</div>
<div><h3>${L.byTown[lang]}</h3>${countTable(model, L.town[lang], model.byTown)}</div><div><h3>${L.byVillage[lang]}</h3>${countTable(model, L.village[lang], model.byVillage)}</div></div>
<h3>${L.charts[lang]}</h3><div class="grid">${barChart(L.category[lang], model.byGroup)}${barChart(L.byTown[lang], model.byTown)}${barChart(L.byVillage[lang], model.byVillage)}</div></section>
<section><h2>${L.map[lang]}</h2><p><small>${esc(label(L.located, lang, { n: located }))} · ${L.mapHint[lang]}</small> <button id="reset">${L.reset[lang]}</button></p><div id="legend">${legend}</div>
<svg id="map" xmlns="http://www.w3.org/2000/svg" viewBox="${(map?.viewBox ?? [0, 0, 1, 1]).join(' ')}" preserveAspectRatio="xMidYMid meet">${map?.svg ?? ''}</svg><div id="detail"></div></section>
<section><h2>${L.findingsList[lang]}</h2><div id="filters"><select id="f-group" title="${L.category[lang]}"></select><select id="f-rule" title="${L.rule[lang]}"></select><select id="f-sev" title="${L.severity[lang]}"></select><select id="f-town" title="${L.town[lang]}"></select><select id="f-village" title="${L.village[lang]}"></select><select id="f-fixer" title="${L.fixedByCol[lang]}"></select><select id="f-status" title="${L.statusCol[lang]}"></select><input id="f-text" type="search" placeholder="${L.search[lang]}"></div>
<table><thead><tr><th>${L.no[lang]}</th><th>${L.severity[lang]}</th>${statusHead}<th>${L.category[lang]}</th><th>${L.rule[lang]}</th><th>${L.message[lang]}</th><th>${L.location[lang]}</th><th>${L.keys[lang]}</th><th>${L.town[lang]}</th><th>${L.village[lang]}</th><th>${L.fixedByCol[lang]}</th></tr></thead><tbody id="rows"></tbody></table>
<div id="pager"><button id="prev">${L.prev[lang]}</button><span id="count"></span><button id="next">${L.next[lang]}</button></div></section>
<section><h2>${L.conclusion[lang]}</h2><p class="verdict ${doc.passed ? 'pass' : 'fail'}">${esc(conclusion)}</p></section>
</main>
<script type="application/json" id="data">`;
  yield* pageData(model, xs, ys, map);
  yield `</script>
<script>${CLIENT_JS}</script>
</body></html>
`;
}

export const htmlFormatter: ReportFormatter = {
  ...reportFormatMeta.html,
  async write(model, outDir) {
    const path = join(outDir, this.files[model.lang][0]);
    writeChunksAtomic(path, renderHtml(model));
    return [path];
  },
};
