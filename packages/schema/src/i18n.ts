/** Users are Chinese: every user-facing text exists in both languages, Chinese first. */
export type Lang = 'zh' | 'en';

export interface Localized {
  readonly zh: string;
  readonly en: string;
}

/** Replace `{name}` placeholders with values from `data`; unknown placeholders stay visible. */
/**
 * Fills `{name}` from `data`. A value that is itself bilingual ({zh, en}: a reader's reason, a located error's text)
 * gives the side of `lang`, so one message never carries both languages or "[object Object]".
 */
export function formatMessage(template: string, data: Readonly<Record<string, unknown>> = {}, lang: Lang = 'zh'): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    if (!Object.prototype.hasOwnProperty.call(data, key)) return whole;
    const v = data[key];
    if (typeof v === 'object' && v !== null && typeof (v as Localized).zh === 'string' && typeof (v as Localized).en === 'string') return (v as Localized)[lang];
    return String(v);
  });
}

export function localize(text: Localized, lang: Lang, data?: Readonly<Record<string, unknown>>): string {
  return formatMessage(text[lang], data, lang);
}

/** The language from `--lang`, then NYT2539_LANG, then Chinese. */
export function resolveLang(value: unknown): Lang {
  const v = String(value ?? process.env.NYT2539_LANG ?? 'zh').toLowerCase();
  return v.startsWith('en') ? 'en' : 'zh';
}
