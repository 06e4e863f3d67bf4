import type { CommandLoaders } from '../command.js';

/**
 * Every subcommand of `nyt2539`, by name: one line each, loaded only when that name is on the command line (the
 * heavy readers, rules and writers a command imports cost start-up time every other command would pay). The
 * compiled build lists names and descriptions for `--help` from metadata collected at build time.
 */
export const commands: CommandLoaders = {
  demo: () => import('./demo.js').then((m) => m.demoCommand),
  check: () => import('./check.js').then((m) => m.checkCommand),
  gen: () => import('./gen.js').then((m) => m.genCommand),
  mdb: () => import('./mdb.js').then((m) => m.mdbCommand),
  schema: () => import('./schema.js').then((m) => m.schemaCommand),
  pack: () => import('./pack.js').then((m) => m.packCommand),
  verify: () => import('./verify.js').then((m) => m.verifyCommand),
  diff: () => import('./diff.js').then((m) => m.diffCommand),
  fix: () => import('./fix.js').then((m) => m.fixCommand),
  ledger: () => import('./ledger.js').then((m) => m.ledgerCommand),
  build: () => import('./build.js').then((m) => m.buildCommand),
  sketch: () => import('./sketch.js').then((m) => m.sketchCommand),
  report: () => import('./report.js').then((m) => m.reportCommand),
  batch: () => import('./batch.js').then((m) => m.batchCommand),
  sample: () => import('./sample.js').then((m) => m.sampleCommand),
  serve: () => import('./queue.js').then((m) => m.serveCommand),
  worker: () => import('./queue.js').then((m) => m.workerCommand),
};
