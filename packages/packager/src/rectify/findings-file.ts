import { readFileSync } from 'node:fs';
import { validateFindingsDocument, type FindingsDocument } from '@nyt2539/checker';
import { LocalizedError } from '@nyt2539/schema';

/**
 * Read a findings.json of format 2 (written by `check --out`, `diff`); anything else is one clear error naming
 * the file: a version-1 file has no fingerprints to compare by, a foreign JSON file is not a check.
 */
export function readFindingsFile(path: string): FindingsDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? String(err);
    throw new LocalizedError({ zh: `无法读取问题清单 ${path}：${code}`, en: `cannot read findings file ${path}: ${code}` }, { code: 'findings-unreadable', file: path });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new LocalizedError(
      { zh: `问题清单 ${path} 不是有效的 JSON：${(err as Error).message}`, en: `findings file ${path} is not valid JSON: ${(err as Error).message}` },
      { code: 'findings-corrupt', file: path },
    );
  }
  const head = doc as { format?: unknown; formatVersion?: unknown };
  if (typeof doc !== 'object' || doc === null || head.format !== 'nyt2539-findings') {
    throw new LocalizedError(
      { zh: `${path} 不是 nyt2539 质检问题清单（findings.json）`, en: `${path} is not an nyt2539 findings file (findings.json)` },
      { code: 'findings-foreign', file: path },
    );
  }
  if (head.formatVersion !== 2) {
    throw new LocalizedError(
      {
        zh: `问题清单 ${path} 的格式版本为 ${String(head.formatVersion)}，没有问题标识（fingerprint），无法比对；请用本版本重新质检`,
        en: `findings file ${path} is format ${String(head.formatVersion)} and carries no fingerprints to compare; re-run check with this version`,
      },
      { code: 'findings-version', file: path },
    );
  }
  const errors = validateFindingsDocument(doc);
  if (errors.length > 0) {
    const e = errors[0];
    throw new LocalizedError(
      { zh: `问题清单 ${path} 不符合格式：${e.instancePath || '/'} ${e.message ?? ''}`, en: `findings file ${path} does not match its schema: ${e.instancePath || '/'} ${e.message ?? ''}` },
      { code: 'findings-invalid', file: path },
    );
  }
  return doc as FindingsDocument;
}
