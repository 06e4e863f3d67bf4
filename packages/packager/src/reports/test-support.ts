import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findingsDocument, runCheck, type FindingsDocument } from '@nyt2539/checker';
import { chromium, type Browser } from 'playwright-core';
import { generatePackage } from '../package/generate.js';

/**
 * A real findings document with context: a tiny synthetic county with every injectable defect, checked. Tests
 * render reports from it and read them back with tools we did not write.
 */
export async function tinyFindings(prefix: string, options: { mask?: boolean } = {}): Promise<{ tmp: string; doc: FindingsDocument; packageDir: string }> {
  const tmp = mkdtempSync(join(tmpdir(), `nyt2539-${prefix}-`));
  const { packageDir } = await generatePackage({ scale: 'tiny', seed: 3, defects: 'all', outDir: join(tmp, 'gen') });
  const r = await runCheck(packageDir);
  const doc = findingsDocument(r.info, r.summary, r.findings, { mask: options.mask ?? true, context: r.context });
  return { tmp, doc, packageDir };
}

/** `ogrinfo -al` of a layer file, as text (GDAL reads the output, not our code). */
export function ogrinfo(path: string, ...args: string[]): string {
  return execFileSync('ogrinfo', ['-ro', '-al', ...args, path], { encoding: 'utf8', maxBuffer: 256 << 20 });
}

/**
 * How every browser test starts Debian's chromium (never a downloaded browser): as root and offline it needs no
 * sandbox, no GPU and none of the background connections this machine's closed network refuses.
 */
export const chromiumLaunchOptions = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
};

/** Debian's chromium, headless, with a fresh profile. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions);
}
