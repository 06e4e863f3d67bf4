/**
 * Characters that change how a report line reads without being visible: C0/C1 controls (newline, carriage
 * return, ANSI escape sequences start with ESC, NUL), DEL, the Unicode line/paragraph separators and the
 * bidirectional overrides/isolates that reorder text on screen. A file or zip-entry name containing them could
 * forge a line (`结论：通过`) or hide part of itself, so they are shown as escapes wherever a name is printed.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

function escapeOne(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  switch (c) {
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    case '\0':
      return '\\0';
    default:
      return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  }
}

/** `name` with every control or reordering character written as a visible escape (`\n`, `\x1b`, `\u202e`). */
export function printable(name: string): string {
  return name.replace(INVISIBLE, escapeOne);
}
