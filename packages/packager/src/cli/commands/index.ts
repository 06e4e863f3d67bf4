import type { CliCommand } from '../command.js';
import { demoCommand } from './demo.js';
import { checkCommand } from './check.js';
import { mdbCommand } from './mdb.js';
import { genCommand } from './gen.js';
import { schemaCommand } from './schema.js';
import { packCommand } from './pack.js';
import { verifyCommand } from './verify.js';
import { diffCommand } from './diff.js';
import { fixCommand } from './fix.js';
import { ledgerCommand } from './ledger.js';
import { buildCommand } from './build.js';
import { sketchCommand } from './sketch.js';
import { reportCommand } from './report.js';
import { batchCommand } from './batch.js';

/** Every subcommand of `nyt2539`; each lives in its own module. */
export const commands: CliCommand<any>[] = [
  demoCommand,
  checkCommand,
  genCommand,
  mdbCommand,
  schemaCommand,
  packCommand,
  verifyCommand,
  diffCommand,
  fixCommand,
  ledgerCommand,
  buildCommand,
  sketchCommand,
  reportCommand,
  batchCommand,
];
