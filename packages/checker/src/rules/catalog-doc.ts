import { ruleGroupOrder, ruleGroups } from '../engine/groups.js';
import { defaultMaxFindingsPerRule } from '../engine/profile.js';
import type { Rule } from '../engine/types.js';

function cell(s: string): string {
  return s.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/**
 * Where a rule's module lives, relative to `rules/`: the first folder is always the rule's group, so a rule is found
 * by its category. Ids stay stable (profiles, ledgers and fingerprints key on them): an id whose first segment is its
 * group is the path itself (`area/plot-area` → `area/plot-area.ts`), any other id sits under its group
 * (`persons/sex-id` in group `logic` → `logic/persons/sex-id.ts`).
 */
export function ruleModulePath(meta: { id: string; group: string }): string {
  return meta.id.split('/')[0] === meta.group ? `${meta.id}.ts` : `${meta.group}/${meta.id}.ts`;
}

/** RULES.md: the rule catalog and the default profile, generated from the rule metas. */
const basisKindText = { standard: '标准条款 standard', 'official-qc': '官方质检规则 official QC', inference: '推断 inference' } as const;

export function renderRulesMarkdown(rules: readonly Rule[]): string {
  const out: string[] = [
    '# NY/T 2539 checker rules',
    '',
    '<!-- Generated from the rule metas (packages/checker/src/rules/**) by rules/catalog.test.ts. Do not edit by hand:',
    '     NYT2539_UPDATE_DOCS=1 pnpm exec vitest run packages/checker/src/rules/catalog.test.ts -->',
    '',
    'Each rule reports findings with a default severity: **错误 (error)** fails the package, **警告 (warning)** does not',
    '(official-rules.md §5: the 汇交 platform passes a package with zero errors). Some rules lower single findings to',
    'warnings where the standard tolerates a variant; the message says so. A profile (`nyt2539 check --profile p.json`,',
    'schema `packages/checker/schema/profile.schema.json`) can set any rule to `error`, `warning` or `off` and change',
    `its options, and a reader-issue rule's severity per code (\`codes\`). At most ${defaultMaxFindingsPerRule} findings per rule are listed (\`limits.maxFindingsPerRule\`); counts stay exact.`,
    '',
    'The **Basis** column says where each default comes from (qc-rules.md / official-rules.md / published-vs-draft.md ids);',
    'its kind is 标准条款 (a clause of NY/T 2539/2538 or a standard they cite), 官方质检规则 (the official QC rules) or 推断',
    '(reasoned from the data model, no clause requires it). A rule whose basis is an inference defaults to 警告 warning.',
    '',
  ];
  for (const group of ruleGroupOrder) {
    const inGroup = rules.filter((r) => r.meta.group === group).sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
    if (inGroup.length === 0) continue;
    out.push(`## ${ruleGroups[group].zh} (${ruleGroups[group].en})`, '');
    out.push('| Rule | 名称 / Title | Default | Fixed by | Spec | Basis | Basis kind | Options |', '|---|---|---|---|---|---|---|---|');
    for (const r of inGroup) {
      const m = r.meta;
      const options = m.options ? `\`${JSON.stringify(m.options)}\`` : '';
      out.push(`| \`${m.id}\` | ${cell(m.title.zh)} / ${cell(m.title.en)} | ${m.severity === 'error' ? '错误 error' : '警告 warning'} | ${m.fixedBy} | ${cell(m.spec)} | ${cell(m.basis)} | ${basisKindText[m.basisKind]} | ${cell(options)} |`);
    }
    out.push('');
    for (const r of inGroup) {
      out.push(`### \`${r.meta.id}\``, '', `Source: \`src/rules/${ruleModulePath(r.meta)}\``, '');
      const codes = r.meta.readerCodes;
      if (codes) out.push('Reader-issue codes with their default severity (a profile sets each under `codes`):', '');
      for (const [id, text] of Object.entries(r.meta.messages)) {
        const dflt = codes?.[id];
        const tag = dflt === undefined ? '' : ` (${dflt === 'error' ? '错误 error' : dflt === 'warning' ? '警告 warning' : '关闭 off'})`;
        out.push(`- \`${id}\`${tag}: ${text.zh} — ${text.en}`);
      }
      out.push('');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}
