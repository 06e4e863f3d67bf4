import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rules } from './index.js';

/** The checker package's version (what `--version` and every report name as the tool version). */
export const toolVersion: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

let cached: string | undefined;

/**
 * The rule set's version: a short hash of everything that decides findings by default (each rule's id, severity,
 * options, messages and spec). Two checks with the same rule-set version and input give the same findings, so
 * batch re-runs may skip an unchanged county and reports can name exactly which rule set judged a package.
 */
export function ruleSetVersion(): string {
  if (cached) return cached;
  const h = createHash('sha256');
  for (const r of rules) {
    const m = r.meta;
    h.update(JSON.stringify([m.id, m.severity, m.options ?? {}, m.messages, m.spec, m.basis]));
    h.update('\n');
  }
  cached = `${toolVersion}+${h.digest('hex').slice(0, 12)}`;
  return cached;
}
