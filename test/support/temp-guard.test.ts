import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import setup from './temp-guard.js';

describe('the test run keeps its temp files in one folder of its own (issue 12 item 10)', () => {
  afterEach(() => {
    process.exitCode = 0;
    vi.restoreAllMocks();
  });

  it('this worker and the processes it starts write temp files into the run folder, not /tmp itself', () => {
    expect(tmpdir()).toMatch(/[\\/]nyt2539-vitest-[^\\/]+$/);
    expect(execFileSync(process.execPath, ['-p', 'require("node:os").tmpdir()'], { encoding: 'utf8' }).trim()).toBe(tmpdir());
  });

  it('the end of a run removes the folder, names what a test left there and fails the run', () => {
    const outer = tmpdir();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const teardown = setup();
    const folder = tmpdir();
    expect(folder.startsWith(join(outer, 'nyt2539-vitest-'))).toBe(true);
    mkdtempSync(join(folder, 'nyt2539-forgotten-'));
    writeFileSync(join(folder, 'stray.txt'), 'x');
    teardown();
    expect(tmpdir()).toBe(outer);
    expect(existsSync(folder)).toBe(false);
    expect(process.exitCode).toBe(1);
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/left 2 temp entries behind .*: nyt2539-forgotten-\w+, stray\.txt$/));
  });

  it('a clean run passes', () => {
    const teardown = setup();
    const folder = tmpdir();
    teardown();
    expect(existsSync(folder)).toBe(false);
    expect(process.exitCode ?? 0).toBe(0);
  });
});
