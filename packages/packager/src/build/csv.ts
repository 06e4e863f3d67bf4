import { createReadStream } from 'node:fs';
import { localize, LocalizedError, type Localized } from '@nyt2539/schema';

/** The two text encodings a CSV may come in: UTF-8, or GBK as Chinese Excel/WPS save it (read with the GB18030 decoder, a superset). */
export type CsvEncoding = 'utf-8' | 'gb18030';

/** How an encoding is named to the user. */
export const ENCODING_NAME: Record<CsvEncoding, string> = { 'utf-8': 'UTF-8', gb18030: 'GBK' };

/** One CSV record: the line it starts on and its cells; an empty unquoted cell is null, `""` is ''. */
export interface CsvRecord {
  readonly line: number;
  readonly cells: readonly (string | null)[];
}

type CsvProblem = 'encoding' | 'quote' | 'unterminated';

export const csvMessages: Record<CsvProblem, Localized> = {
  encoding: { zh: '不是 {encoding} 编码的文本', en: 'text is not {encoding}' },
  quote: { zh: '引号位置不符合 CSV（RFC 4180）', en: 'misplaced quote (RFC 4180)' },
  unterminated: { zh: '引号未闭合', en: 'unterminated quote' },
};

/** Malformed CSV or text that is not UTF-8, located by file and line. */
export class CsvError extends LocalizedError {
  constructor(
    override readonly file: string,
    readonly line: number,
    readonly reason: CsvProblem,
    readonly encoding: CsvEncoding = 'utf-8',
  ) {
    const data = { encoding: ENCODING_NAME[encoding] };
    super({ zh: `${file}:${line}: ${localize(csvMessages[reason], 'zh', data)}`, en: `${file}:${line}: ${localize(csvMessages[reason], 'en', data)}` }, { code: `csv-${reason}`, file });
    this.name = 'CsvError';
  }
}

/**
 * Stream RFC 4180 records from a UTF-8 (or, when told, GBK/GB18030) file (optional BOM; CRLF or LF; quoted cells may hold commas,
 * quotes and line breaks). Blank lines are skipped. Bytes invalid in the encoding are an error, never replaced silently.
 */
export async function* readCsv(path: string, encoding: CsvEncoding = 'utf-8'): AsyncGenerator<CsvRecord> {
  const decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
  let cells: (string | null)[] = [];
  let cell = '';
  let quoted = false;
  let inQuotes = false;
  let quoteSeen = false; // a quote inside a quoted cell: either an escaped quote or the closing one
  let line = 1;
  let recordLine = 1;
  let out: CsvRecord[] = [];

  const endCell = (): void => {
    cells.push(quoted ? cell : cell === '' ? null : cell);
    cell = '';
    quoted = false;
  };
  const endRecord = (): void => {
    endCell();
    if (!(cells.length === 1 && cells[0] === null)) out.push({ line: recordLine, cells });
    cells = [];
  };
  const feed = (text: string): void => {
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (inQuotes) {
        if (quoteSeen) {
          quoteSeen = false;
          if (ch === '"') {
            cell += '"';
            continue;
          }
          inQuotes = false;
        } else if (ch === '"') {
          quoteSeen = true;
          continue;
        } else {
          if (ch === '\n') line++;
          cell += ch;
          continue;
        }
      }
      if (ch === ',') endCell();
      else if (ch === '\n') {
        endRecord();
        line++;
        recordLine = line;
      } else if (ch === '\r') continue;
      else if (ch === '"') {
        if (cell !== '' || quoted) throw new CsvError(path, line, 'quote');
        quoted = true;
        inQuotes = true;
      } else {
        if (quoted) throw new CsvError(path, line, 'quote');
        cell += ch;
      }
    }
  };

  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 })) {
    let text: string;
    try {
      text = decoder.decode(chunk as Buffer, { stream: true });
    } catch {
      // locate the bad bytes: the line count up to the first replacement character of a lenient decode
      const lenient = new TextDecoder(encoding).decode(chunk as Buffer);
      const bad = lenient.indexOf('\uFFFD');
      const before = lenient.slice(0, bad < 0 ? 0 : bad);
      throw new CsvError(path, line + (before.match(/\n/g)?.length ?? 0), 'encoding', encoding);
    }
    try {
      feed(text);
    } catch (e) {
      // the records completed before the malformed one are good: hand them over first
      yield* out;
      throw e;
    }
    if (out.length) {
      yield* out;
      out = [];
    }
  }
  let tail: string;
  try {
    tail = decoder.decode();
  } catch {
    yield* out;
    throw new CsvError(path, line, 'encoding', encoding);
  }
  try {
    feed(tail);
  } catch (e) {
    yield* out;
    throw e;
  }
  if (inQuotes && !quoteSeen) throw new CsvError(path, recordLine, 'unterminated');
  if (quoteSeen) inQuotes = false;
  if (cell !== '' || quoted || cells.length) endRecord();
  yield* out;
}
