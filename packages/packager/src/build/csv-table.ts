import { closeSync, openSync, readSync } from 'node:fs';
import { localize, type Localized } from '@nyt2539/schema';
import { CsvError, csvMessages, ENCODING_NAME, readCsv, type CsvEncoding } from './csv.js';
import type { BuildIssue } from './ingest.js';

/** A source file's text encoding as stated to the user (`CBF.csv: GBK (not UTF-8; read as GBK)`). */
export interface EncodingFact {
  readonly file: string;
  readonly encoding: string;
  readonly how: Localized;
}

/** UTF-8 when the first MiB decodes strictly as UTF-8 (with or without BOM), else GBK (GB18030 decoder). */
function detectCsvEncoding(path: string): { encoding: CsvEncoding; bom: boolean } {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(1 << 20);
  let n: number;
  try {
    n = readSync(fd, buf, 0, buf.length, 0);
  } finally {
    closeSync(fd);
  }
  const head = buf.subarray(0, n);
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { encoding: 'utf-8', bom };
  } catch {
    return { encoding: 'gb18030', bom: false };
  }
}

/** One record of a table file: its 1-based line (where the record starts) and its cells by header name. */
interface CsvTableRow {
  readonly row: number;
  readonly values: Record<string, string | null>;
}

interface CsvTableOptions {
  /** the table the file holds, for located issues */
  readonly table?: string;
  /** the header row's names (trimmed), before the first record */
  readonly onHeader?: (names: readonly string[], line: number) => void;
  /** every problem, located; the record with the wrong number of cells is skipped, a malformed file ends there */
  readonly onIssue: (issue: BuildIssue, kind: string) => void;
}

/**
 * A `<TABLE>.csv` of working data: encoding detected (UTF-8 or GBK) and stated, header row = field codes (a
 * repeated name is reported; the first column of that name is used), then one record per row. Problems are
 * reported and reading goes on, so a user sees every record that needs fixing in one run. The one CSV table
 * reader of `build` and `mdb create --from`.
 */
export function readCsvTable(path: string, name: string, opts: CsvTableOptions): { encoding: EncodingFact; rows: AsyncGenerator<CsvTableRow> } {
  const { encoding, bom } = detectCsvEncoding(path);
  const how: Localized =
    encoding === 'utf-8' ? (bom ? { zh: '带 BOM 的 UTF-8', en: 'UTF-8 with BOM' } : { zh: '内容为合法 UTF-8', en: 'content is valid UTF-8' }) : { zh: '不是 UTF-8，按 GBK 读取', en: 'not UTF-8; read as GBK' };
  return { encoding: { file: name, encoding: ENCODING_NAME[encoding], how }, rows: records(path, name, encoding, opts) };
}

async function* records(path: string, name: string, encoding: CsvEncoding, opts: CsvTableOptions): AsyncGenerator<CsvTableRow> {
  const at = (row: number, message: Localized, field?: string): BuildIssue => ({
    severity: 'error',
    file: name,
    ...(opts.table !== undefined ? { table: opts.table } : {}),
    row,
    ...(field !== undefined ? { field } : {}),
    message,
  });
  let header: string[] | undefined;
  try {
    for await (const rec of readCsv(path, encoding)) {
      if (!header) {
        header = rec.cells.map((c) => (c ?? '').trim());
        const seen = new Set<string>();
        for (const h of header) {
          if (h !== '' && seen.has(h)) opts.onIssue(at(rec.line, { zh: `表头字段 ${h} 重复，只读取第一列`, en: `header field ${h} appears twice; the first column is read` }, h), 'header-repeated');
          seen.add(h);
        }
        opts.onHeader?.(header, rec.line);
        continue;
      }
      if (rec.cells.length !== header.length) {
        opts.onIssue(
          at(rec.line, { zh: `有 ${rec.cells.length} 个单元格，表头有 ${header.length} 个，此行未读取`, en: `${rec.cells.length} cells, the header has ${header.length}; row not read` }),
          'cells',
        );
        continue;
      }
      const values: Record<string, string | null> = {};
      for (let i = 0; i < header.length; i++) if (!(header[i]! in values)) values[header[i]!] = rec.cells[i] ?? null;
      yield { row: rec.line, values };
    }
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const reason = localizedReason(e);
    opts.onIssue(at(e.line, { zh: `CSV 格式错误（${reason.zh}），此行及以后未读取`, en: `malformed CSV (${reason.en}); this line and the rest not read` }), 'malformed');
  }
}

function localizedReason(e: CsvError): Localized {
  const data = { encoding: ENCODING_NAME[e.encoding] };
  return { zh: localize(csvMessages[e.reason], 'zh', data), en: localize(csvMessages[e.reason], 'en', data) };
}
