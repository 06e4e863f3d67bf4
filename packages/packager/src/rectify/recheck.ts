import { statSync } from 'node:fs';
import { findingsDocument, runCheck, type CheckOptions, type FindingsDocument } from '@nyt2539/checker';
import { readFindingsFile } from './findings-file.js';

/** A findings.json given where a package could be: a file whose name ends in .json. */
export function isFindingsFile(path: string): boolean {
  try {
    return /\.json$/i.test(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The findings document of `input`: read when it is a findings.json, else checked now (folder or .zip). */
export async function findingsOf(input: string, options: { mask: boolean; checkedAt: string; check?: CheckOptions }): Promise<FindingsDocument> {
  if (isFindingsFile(input)) return readFindingsFile(input);
  const result = await runCheck(input, options.check ?? {});
  return findingsDocument(result.info, result.summary, result.findings, { mask: options.mask, checkedAt: options.checkedAt, context: result.context });
}
