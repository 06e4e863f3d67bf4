/** Users are Chinese: every user-facing text exists in both languages, Chinese first. */
export type Lang = 'zh' | 'en';

export interface Localized {
  readonly zh: string;
  readonly en: string;
}

/** Replace `{name}` placeholders with values from `data`; unknown placeholders stay visible. */
export function formatMessage(template: string, data: Readonly<Record<string, unknown>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    Object.prototype.hasOwnProperty.call(data, key) ? String(data[key]) : whole,
  );
}

export function localize(text: Localized, lang: Lang, data?: Readonly<Record<string, unknown>>): string {
  return formatMessage(text[lang], data);
}

/** The language from `--lang`, then NYT2539_LANG, then Chinese. */
export function resolveLang(value: unknown): Lang {
  const v = String(value ?? process.env.NYT2539_LANG ?? 'zh').toLowerCase();
  return v.startsWith('en') ? 'en' : 'zh';
}
