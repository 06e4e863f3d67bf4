/**
 * Line endings of text outputs (reports, findings JSON, CSV): `lf` (default; what every tool here writes) or
 * `crlf` for Windows users whose Notepad, WPS or older tools want it. Applied once, where a text is written.
 */
export type Eol = 'lf' | 'crlf';
export const eols: readonly Eol[] = ['lf', 'crlf'];

/** `text` with every line ending (LF or CRLF) written as `eol`. */
export function applyEol(text: string, eol: Eol = 'lf'): string {
  const lf = text.replace(/\r\n/g, '\n');
  return eol === 'crlf' ? lf.replace(/\n/g, '\r\n') : lf;
}
