import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import type { ErrorObject } from 'ajv/dist/2020.js';
import { ajv2020, formatMessage, LocalizedError, type Lang, type Localized } from '@nyt2539/schema';
import type { OptionValue, Rule, Severity } from './types.js';

type SeveritySetting = Severity | 'off';

interface RuleSetting {
  readonly severity?: SeveritySetting;
  readonly options?: Readonly<Record<string, OptionValue>>;
  /** severity per reader-issue code, for a rule with `meta.readerCodes` */
  readonly codes?: Readonly<Record<string, SeveritySetting>>;
}

/** The `--profile` file (schema: packages/checker/schema/profile.schema.json). */
export interface Profile {
  readonly description?: string;
  readonly rules?: Readonly<Record<string, SeveritySetting | RuleSetting>>;
  readonly limits?: { readonly maxFindingsPerRule?: number };
}

/** What the runner needs for one rule after the profile is applied. */
export interface ResolvedRule {
  readonly rule: Rule;
  readonly enabled: boolean;
  /** set only when the profile overrides the rule's severity */
  readonly severityOverride?: Severity;
  readonly options: Readonly<Record<string, OptionValue>>;
  /** severity of each reader-issue code the rule owns, after the profile */
  readonly codes: Readonly<Record<string, SeveritySetting>>;
}

/**
 * Findings kept per rule; counts stay exact beyond it. A county with every DK row missing one field would
 * otherwise hold 500k near-identical findings in memory and in the report.
 */
export const defaultMaxFindingsPerRule = 5000;

const profileSchemaUrl = new URL('../../schema/profile.schema.json', import.meta.url);

let validator: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null } | undefined;

function profileValidator() {
  if (!validator) {
    const schema = JSON.parse(readFileSync(profileSchemaUrl, 'utf8')) as object;
    validator = new (ajv2020())({ allErrors: true, strict: true }).compile(schema);
  }
  return validator;
}

/** A profile the checker refuses, located by file (and rule/option); `message` is in the caller's language. */
export class ProfileError extends LocalizedError {
  constructor(text: Localized, lang: Lang = 'zh') {
    super(text, { code: 'profile-invalid' });
    this.name = 'ProfileError';
    this.message = text[lang];
  }
}

function profileError(key: keyof typeof profileText, data: Record<string, unknown>, lang: Lang): ProfileError {
  const t = profileText[key];
  return new ProfileError({ zh: formatMessage(t.zh, data), en: formatMessage(t.en, data) }, lang);
}

const profileText = {
  unreadable: { zh: '无法读取质检方案文件 {file}：{reason}', en: 'cannot read profile {file}: {reason}' },
  badJson: { zh: '质检方案文件 {file} 不是合法的 JSON：{reason}', en: 'profile {file} is not valid JSON: {reason}' },
  invalid: { zh: '质检方案文件 {file} 不符合格式：{path} {reason}', en: 'profile {file} is invalid: {path} {reason}' },
  unknownRule: { zh: '质检方案文件 {file}：未知规则 {rule}', en: 'profile {file}: unknown rule {rule}' },
  unknownCode: { zh: '质检方案文件 {file}：规则 {rule} 不负责问题代码 {code}', en: 'profile {file}: rule {rule} owns no issue code {code}' },
  unknownOption: { zh: '质检方案文件 {file}：规则 {rule} 没有选项 {option}', en: 'profile {file}: rule {rule} has no option {option}' },
  optionType: { zh: '质检方案文件 {file}：规则 {rule} 的选项 {option} 应为{type}', en: 'profile {file}: option {option} of rule {rule} must be {typeEn}' },
};

/** Validate a parsed profile against the schema and the rule catalog; throws ProfileError with one clear line. */
export function validateProfile(value: unknown, rules: readonly Rule[], file: string, lang: Lang = 'zh'): Profile {
  const validate = profileValidator();
  if (!validate(value)) {
    const e = validate.errors?.[0];
    throw profileError('invalid', { file, path: e?.instancePath || '/', reason: e?.message ?? '' }, lang);
  }
  const profile = value as Profile;
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  for (const [id, setting] of Object.entries(profile.rules ?? {})) {
    const rule = byId.get(id);
    if (!rule) throw profileError('unknownRule', { file, rule: id }, lang);
    if (typeof setting === 'object') {
      for (const code of Object.keys(setting.codes ?? {})) {
        if (!Object.hasOwn(rule.meta.readerCodes ?? {}, code)) throw profileError('unknownCode', { file, rule: id, code }, lang);
      }
      for (const [option, value] of Object.entries(setting.options ?? {})) {
        if (!Object.hasOwn(rule.meta.options ?? {}, option)) {
          throw profileError('unknownOption', { file, rule: id, option }, lang);
        }
        const expected = jsonKind(rule.meta.options?.[option] as OptionValue);
        if (expected !== 'null' && jsonKind(value as OptionValue) !== expected) {
          const names = { array: ['数组', 'an array'], object: ['对象', 'an object'], number: ['数值', 'a number'], string: ['文本', 'a string'], boolean: ['true 或 false', 'true or false'] }[expected];
          throw profileError('optionType', { file, rule: id, option, type: names[0], typeEn: names[1] }, lang);
        }
      }
    }
  }
  return profile;
}

/** The JSON kind of an option value: a profile option must have the kind of its default. */
function jsonKind(v: OptionValue): 'array' | 'object' | 'number' | 'string' | 'boolean' | 'null' {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v as 'object' | 'number' | 'string' | 'boolean';
}

export function loadProfile(file: string, rules: readonly Rule[], lang: Lang = 'zh'): Profile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw profileError('unreadable', { file, reason: (err as NodeJS.ErrnoException).code ?? String(err) }, lang);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw profileError('badJson', { file, reason: (err as Error).message }, lang);
  }
  return validateProfile(value, rules, file, lang);
}

/** Apply a profile to the catalog; rules keep catalog order. */
export function resolveRules(rules: readonly Rule[], profile: Profile = {}): ResolvedRule[] {
  return rules.map((rule) => {
    const raw = profile.rules?.[rule.meta.id];
    const setting: RuleSetting = typeof raw === 'string' ? { severity: raw } : (raw ?? {});
    const severity = setting.severity;
    const severityOverride = severity === 'off' ? undefined : severity;
    // a code's own setting wins; a rule-wide severity moves every code that is on
    const codes = Object.fromEntries(
      Object.entries(rule.meta.readerCodes ?? {}).map(([code, dflt]) => [code, setting.codes?.[code] ?? (dflt === 'off' ? 'off' : (severityOverride ?? dflt))]),
    );
    return {
      rule,
      enabled: severity !== 'off',
      severityOverride,
      options: { ...(rule.meta.options ?? {}), ...(setting.options ?? {}) },
      codes,
    };
  });
}

/** The default profile written out: every rule with its default severity and options (for `--profile` editing). */
export function defaultProfile(rules: readonly Rule[]): Profile {
  const entries = rules.map(
    (r) =>
      [
        r.meta.id,
        {
          severity: r.meta.severity,
          ...(r.meta.options ? { options: r.meta.options } : {}),
          ...(r.meta.readerCodes ? { codes: r.meta.readerCodes } : {}),
        },
      ] as const,
  );
  return { rules: Object.fromEntries(entries), limits: { maxFindingsPerRule: defaultMaxFindingsPerRule } };
}

/** One way a profile departs from the catalog's defaults. */
export type ProfileDeviation =
  | { readonly ruleId: string; readonly kind: 'off'; readonly from: Severity }
  | { readonly ruleId: string; readonly kind: 'severity'; readonly from: Severity; readonly to: Severity }
  | { readonly ruleId: string; readonly kind: 'option'; readonly option: string; readonly from: OptionValue; readonly to: OptionValue }
  | { readonly kind: 'limit'; readonly option: 'maxFindingsPerRule'; readonly from: number; readonly to: number };

/**
 * What a findings document and a manifest record about the profile a check ran with: `default` is true when
 * nothing differs from the catalog (settings equal to the defaults are not deviations); `hash` identifies the
 * effective settings (equal for profiles that mean the same), `deviations` lists every difference, catalog order.
 */
export interface ProfileRecord {
  readonly hash: string;
  readonly default: boolean;
  readonly description?: string;
  readonly deviations: readonly ProfileDeviation[];
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

function profileDeviations(rules: readonly Rule[], profile: Profile = {}): ProfileDeviation[] {
  const out: ProfileDeviation[] = [];
  for (const r of resolveRules(rules, profile)) {
    const m = r.rule.meta;
    if (!r.enabled) {
      out.push({ ruleId: m.id, kind: 'off', from: m.severity });
      continue;
    }
    if (r.severityOverride !== undefined && r.severityOverride !== m.severity) out.push({ ruleId: m.id, kind: 'severity', from: m.severity, to: r.severityOverride });
    for (const [option, from] of Object.entries(m.options ?? {})) {
      const to = r.options[option];
      if (canonicalJson(to) !== canonicalJson(from)) out.push({ ruleId: m.id, kind: 'option', option, from, to });
    }
  }
  const limit = profile.limits?.maxFindingsPerRule;
  if (limit !== undefined && limit !== defaultMaxFindingsPerRule) out.push({ kind: 'limit', option: 'maxFindingsPerRule', from: defaultMaxFindingsPerRule, to: limit });
  return out;
}

export function profileRecord(rules: readonly Rule[], profile: Profile = {}): ProfileRecord {
  const deviations = profileDeviations(rules, profile);
  const hash = createHash('sha256').update(canonicalJson(deviations)).digest('hex').slice(0, 16);
  return { hash, default: deviations.length === 0, ...(profile.description ? { description: profile.description } : {}), deviations };
}

/** One line per deviation, for the text report and the pack/verify output. */
export function describeDeviation(d: ProfileDeviation, lang: Lang): string {
  const sev = (s: Severity) => (lang === 'zh' ? (s === 'error' ? '错误' : '警告') : s);
  const val = (v: OptionValue) => JSON.stringify(v);
  switch (d.kind) {
    case 'off':
      return lang === 'zh' ? `${d.ruleId} 已关闭（默认${sev(d.from)}）` : `${d.ruleId} switched off (default ${sev(d.from)})`;
    case 'severity':
      return lang === 'zh' ? `${d.ruleId} 级别由${sev(d.from)}改为${sev(d.to)}` : `${d.ruleId} severity ${sev(d.from)} → ${sev(d.to)}`;
    case 'option':
      return lang === 'zh' ? `${d.ruleId} 选项 ${d.option} 由 ${val(d.from)} 改为 ${val(d.to)}` : `${d.ruleId} option ${d.option} ${val(d.from)} → ${val(d.to)}`;
    case 'limit':
      return lang === 'zh' ? `每条规则列出问题上限由 ${d.from} 改为 ${d.to}` : `findings listed per rule ${d.from} → ${d.to}`;
  }
}
