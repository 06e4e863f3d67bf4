// Preloaded (`--import`) by startup.bench.ts into a `nyt2539` run. With NYT2539_FIRST_READ_DIR: the first time the
// process touches that package folder (stat, list, open or read), write { at: Date.now(), cpuMs } to
// NYT2539_FIRST_READ_OUT and exit (the bench measures launch → first file read, not the check). With
// NYT2539_EXIT_OUT: the same record when the process exits. cpuMs = user + system CPU of the process so far, which a
// loaded machine distorts less than wall time.
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { resolve } from 'node:path';

const record = () => {
  const { user, system } = process.cpuUsage();
  return JSON.stringify({ at: Date.now(), cpuMs: (user + system) / 1000 });
};
const exitOut = process.env.NYT2539_EXIT_OUT;
if (exitOut) process.on('exit', () => fs.writeFileSync(exitOut, record()));

const dir = process.env.NYT2539_FIRST_READ_DIR;
const out = process.env.NYT2539_FIRST_READ_OUT;
if (dir && out) {
  const root = resolve(dir);
  const { writeFileSync } = fs;
  const hit = (p) => {
    if (typeof p !== 'string' && !(p instanceof URL)) return;
    const abs = resolve(p instanceof URL ? p.pathname : p);
    if (abs === root || abs.startsWith(`${root}/`)) {
      writeFileSync(out, record());
      process.exit(0);
    }
  };
  const wrap = (obj, name) => {
    const orig = obj[name];
    if (typeof orig !== 'function') return;
    obj[name] = function (p, ...rest) {
      hit(p);
      return orig.call(this, p, ...rest);
    };
  };
  for (const name of ['statSync', 'lstatSync', 'readdirSync', 'openSync', 'readFileSync', 'existsSync', 'createReadStream', 'stat', 'lstat', 'readdir', 'open', 'readFile', 'opendirSync', 'opendir']) wrap(fs, name);
  for (const name of ['stat', 'lstat', 'readdir', 'open', 'readFile', 'opendir']) wrap(fs.promises, name);
  syncBuiltinESMExports();
}
