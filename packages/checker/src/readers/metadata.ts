import { statSync } from 'node:fs';
import { readRegularFile } from '../io/read-bounded.js';
import {
  checkMetadataValue,
  localize,
  LocalizedError,
  METADATA_FIELD_ELEMENT,
  METADATA_ROOT,
  metadataSections,
  type Lang,
  type Localized,
  type MetadataElementDef,
  type MetadataLayer,
  type MetadataSectionCode,
} from '@nyt2539/schema';
import { errnoCode, openFailure, type ReaderIssue } from './issues.js';
import { type MetadataIssueCode, type MetadataReadProblem, READ_CODES, READ_MESSAGES } from './metadata-issues.js';

/**
 * Reader for the vector-data metadata `SL<county6><year4>.xml` (NY/T 2539 附录D; structure of the real
 * sample, see `@nyt2539/schema` metadata.ts). Tolerant of what real files do (BOM, `layName` for `layerName`,
 * missing optional elements, GBK declarations) and strict about XML itself: a small well-formedness parser
 * (below) turns malformed XML into one located `MetadataReadError` (line and column). No DTD is processed — a
 * DOCTYPE is refused, so entity expansion cannot be abused — and size and depth are capped.
 * Differences from Annex D come back as located issues; rules decide what they mean.
 */

// ---------------------------------------------------------------------------------------------------------
// Minimal XML 1.0 parser: elements, attributes, text, CDATA, comments, PIs, predefined and numeric entities.

interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** direct text content (CDATA included), entity-decoded */
  text: string;
  readonly line: number;
  readonly column: number;
}

class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/;
const NAME_CHAR = /[-A-Za-z0-9_:.\u00B7\u00C0-\uFFFF]/;
const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const XML_MAX_DEPTH = 64;
const XML_MAX_ELEMENTS = 200_000;

function parseXml(src: string): XmlElement {
  let i = 0;
  let elements = 0;
  const lineStarts = [0];
  for (let k = 0; k < src.length; k++) if (src.charCodeAt(k) === 10) lineStarts.push(k + 1);
  const where = (pos: number): { line: number; column: number } => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: pos - lineStarts[lo] + 1 };
  };
  const fail = (message: string, pos = i): never => {
    const { line, column } = where(pos);
    throw new XmlSyntaxError(message, line, column);
  };
  const startsWith = (s: string): boolean => src.startsWith(s, i);
  const skipSpace = (): void => {
    while (i < src.length && /\s/.test(src[i])) i++;
  };
  const readName = (): string => {
    const start = i;
    if (i >= src.length || !NAME_START.test(src[i])) fail('expected a name');
    i++;
    while (i < src.length && NAME_CHAR.test(src[i])) i++;
    return src.slice(start, i);
  };
  const decode = (raw: string, at: number): string =>
    raw.replace(/&([^;&\s]*);?/g, (whole, ref: string, offset: number) => {
      if (!whole.endsWith(';')) fail(`unterminated entity reference "&${ref}"`, at + offset);
      if (ref.startsWith('#x')) {
        const cp = Number.parseInt(ref.slice(2), 16);
        if (!/^#x[0-9a-fA-F]+$/.test(ref) || cp > 0x10ffff) fail(`bad character reference "&${ref};"`, at + offset);
        return String.fromCodePoint(cp);
      }
      if (ref.startsWith('#')) {
        const cp = Number(ref.slice(1));
        if (!/^#\d+$/.test(ref) || cp > 0x10ffff) fail(`bad character reference "&${ref};"`, at + offset);
        return String.fromCodePoint(cp);
      }
      const v = ENTITIES[ref];
      if (v === undefined) fail(`unknown entity "&${ref};"`, at + offset);
      return v as string;
    });
  const skipUntil = (end: string, what: string): void => {
    const j = src.indexOf(end, i);
    if (j < 0) fail(`unterminated ${what}`);
    i = j + end.length;
  };
  const skipMisc = (): void => {
    for (;;) {
      skipSpace();
      if (startsWith('<?')) skipUntil('?>', 'processing instruction');
      else if (startsWith('<!--')) skipUntil('-->', 'comment');
      else if (startsWith('<!DOCTYPE') || startsWith('<!doctype')) fail('DOCTYPE declarations are not accepted');
      else return;
    }
  };

  const element = (depth: number): XmlElement => {
    if (depth > XML_MAX_DEPTH) fail(`elements nested deeper than ${XML_MAX_DEPTH}`);
    if (++elements > XML_MAX_ELEMENTS) fail(`more than ${XML_MAX_ELEMENTS} elements`);
    const open = i;
    if (src[i] !== '<') fail('expected "<"');
    i++;
    const name = readName();
    const attributes: Record<string, string> = Object.create(null) as Record<string, string>;
    for (;;) {
      const before = i;
      skipSpace();
      if (startsWith('/>') || startsWith('>')) break;
      if (i === before) fail(`expected whitespace, ">" or "/>" in <${name}>`);
      const attr = readName();
      skipSpace();
      if (src[i] !== '=') fail(`expected "=" after attribute ${attr}`);
      i++;
      skipSpace();
      const quote = src[i];
      if (quote !== '"' && quote !== "'") fail(`expected a quoted value for attribute ${attr}`);
      const end = src.indexOf(quote, i + 1);
      if (end < 0) fail(`unterminated value of attribute ${attr}`);
      if (attr in attributes) fail(`attribute ${attr} repeated`);
      attributes[attr] = decode(src.slice(i + 1, end), i + 1);
      i = end + 1;
    }
    const { line, column } = where(open);
    const node: XmlElement = { name, attributes, children: [], text: '', line, column };
    if (startsWith('/>')) {
      i += 2;
      return node;
    }
    i++;
    for (;;) {
      if (i >= src.length) fail(`element <${name}> opened at line ${line}, column ${column} is not closed`);
      if (startsWith('</')) {
        i += 2;
        const close = readName();
        if (close !== name) fail(`</${close}> does not close <${name}> opened at line ${line}, column ${column}`, i - close.length - 2);
        skipSpace();
        if (src[i] !== '>') fail(`expected ">" to end </${close}>`);
        i++;
        return node;
      }
      if (startsWith('<!--')) skipUntil('-->', 'comment');
      else if (startsWith('<![CDATA[')) {
        const end = src.indexOf(']]>', i);
        if (end < 0) fail('unterminated CDATA section');
        node.text += src.slice(i + 9, end);
        i = end + 3;
      } else if (startsWith('<?')) skipUntil('?>', 'processing instruction');
      else if (startsWith('<!')) fail('markup declarations are not accepted inside elements');
      else if (src[i] === '<') node.children.push(element(depth + 1));
      else {
        const end = src.indexOf('<', i);
        const stop = end < 0 ? src.length : end;
        node.text += decode(src.slice(i, stop), i);
        i = stop;
      }
    }
  };

  skipMisc();
  if (i >= src.length) fail('no root element');
  const root = element(1);
  skipMisc();
  if (i < src.length) fail('content after the root element');
  return root;
}

// ---------------------------------------------------------------------------------------------------------
// Bytes → text: BOM first, then the declared encoding (UTF-8 when none).

function decodeXmlBytes(bytes: Buffer): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const head = bytes.subarray(0, 200).toString('latin1');
  const declared = /^<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1]?.toLowerCase() ?? 'utf-8';
  // GBK/GB2312 decode as GB18030, a strict superset (npm-notes §2.4)
  const label = ['gbk', 'gb2312', 'gb18030', 'cp936'].includes(declared) ? 'gb18030' : declared;
  return { text: new TextDecoder(label, { fatal: true }).decode(bytes), encoding: declared };
}

// ---------------------------------------------------------------------------------------------------------
// Errors and issues


/** The file is not readable XML; located by file, line and column. */
export class MetadataReadError extends LocalizedError {
  constructor(
    readonly problem: MetadataReadProblem,
    override readonly file: string,
    readonly detail: string = '',
    readonly line?: number,
    readonly column?: number,
  ) {
    super(metadataReadText(problem, file, detail, line, column), { code: READ_CODES[problem], file });
    this.name = 'MetadataReadError';
  }

  /** The error as the one issue stored for the file (`file` as the package names it). */
  issue(file: string): ReaderIssue {
    const located = this.line !== undefined;
    return {
      code: READ_CODES[this.problem],
      file,
      params: { detail: this.detail, at: located ? ` 第 ${this.line} 行第 ${this.column} 列` : '', atEn: located ? ` line ${this.line}, column ${this.column}` : '' },
    };
  }

}

function metadataReadText(problem: MetadataReadProblem, file: string, detail: string, line?: number, column?: number): Localized {
  const text = (lang: Lang) => {
    const at = line === undefined ? '' : lang === 'zh' ? ` 第 ${line} 行第 ${column} 列` : ` line ${line}, column ${column}`;
    return `${file}${at}: ${localize(READ_MESSAGES[problem], lang, { detail })}`;
  };
  return { zh: text('zh'), en: text('en') };
}



// ---------------------------------------------------------------------------------------------------------

interface MetadataLayerRead extends MetadataLayer {
  /** line of the <layer> element */
  readonly line: number;
}

export interface VectorMetadataRead {
  readonly file: string;
  readonly encoding: string;
  /** values by `section/element code`, e.g. `dataIdInfo/title`, in document order */
  readonly elements: Readonly<Record<string, readonly string[]>>;
  /** layer names in document order */
  readonly layers: readonly string[];
  readonly layerDetails: readonly MetadataLayerRead[];
  readonly refSys: {
    readonly coorRSID?: string;
    readonly centralMer?: number;
    readonly eastFAL?: number;
    readonly northFAL?: number;
    readonly coorFDKD?: string;
  };
  /** element paths (`Metadata/dataIdInfo/title`, …): sections in Annex D order, elements in document order; aliases mapped to the written names */
  readonly paths: readonly string[];
  readonly issues: readonly ReaderIssue[];
}

interface MetadataReadOptions {
  /** refuse files larger than this (default 16 MiB) */
  readonly maxBytes?: number;
}

/** Above this an eastFAL is metres, not km: the largest 3° zone prefix is 45 500 km. */
const EASTFAL_KM_MAX = 100_000;

/** The detail of a document the parser could not get through for another reason than a syntax error. */
export const MALFORMED_UNPARSABLE = '结构无法解析 / the structure cannot be parsed';

export function readVectorMetadata(path: string, options: MetadataReadOptions = {}): VectorMetadataRead {
  const maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
  let bytes: Buffer;
  try {
    const size = statSync(path).size;
    if (size > maxBytes) throw new MetadataReadError('tooLarge', path, String(size));
    bytes = readRegularFile(path, maxBytes);
  } catch (e) {
    if (e instanceof MetadataReadError) throw e;
    const failure = openFailure(e);
    throw new MetadataReadError(failure === 'io' ? 'unreadable' : failure, path, failure === 'io' ? errnoCode(e) : '');
  }
  let decoded: { text: string; encoding: string };
  try {
    decoded = decodeXmlBytes(bytes);
  } catch (e) {
    const label = e instanceof RangeError ? String(/^<\?xml[^>]*encoding\s*=\s*["']([^"']+)/i.exec(bytes.subarray(0, 200).toString('latin1'))?.[1] ?? '') : 'utf-8';
    throw new MetadataReadError('encoding', path, label || 'utf-8');
  }
  let root: XmlElement;
  try {
    root = parseXml(decoded.text);
  } catch (e) {
    if (e instanceof XmlSyntaxError) throw new MetadataReadError('malformed', path, e.message, e.line, e.column);
    // anything else the parser trips over (a nesting too deep for the stack) is not for users to read raw
    throw new MetadataReadError('malformed', path, MALFORMED_UNPARSABLE);
  }
  return interpret(path, decoded.encoding, root);
}

function interpret(file: string, encoding: string, root: XmlElement): VectorMetadataRead {
  const issues: ReaderIssue[] = [];
  const issue = (code: MetadataIssueCode, node: XmlElement | undefined, field: string | undefined, params: Record<string, unknown>): void => {
    issues.push({
      code,
      file,
      table: 'SL…xml',
      ...(node ? { record: node.line } : {}),
      ...(field !== undefined ? { field } : {}),
      params: node ? { line: node.line, column: node.column, ...params } : params,
    });
  };
  const elements: Record<string, string[]> = {};
  const paths: string[] = [];
  const layerDetails: MetadataLayerRead[] = [];

  if (root.name !== METADATA_ROOT) issue('metadata-root', root, root.name, { expected: METADATA_ROOT, actual: root.name });
  paths.push(METADATA_ROOT);

  const elementDef = (defs: readonly MetadataElementDef[], name: string): MetadataElementDef | undefined =>
    defs.find((d) => d.element === name || d.aliases?.includes(name));

  /** Children of a flat group checked against `defs`; returns values by element code. */
  const readGroup = (node: XmlElement, defs: readonly MetadataElementDef[], base: string, section: MetadataSectionCode): Map<string, string[]> => {
    const values = new Map<string, string[]>();
    let lastIndex = -1;
    for (const child of node.children) {
      const def = elementDef(defs, child.name);
      if (!def) {
        issue('metadata-element-unknown', child, `${base}/${child.name}`, { actual: child.name });
        paths.push(`${base}/${child.name}`);
        continue;
      }
      paths.push(`${base}/${def.element}`);
      if (def.code === 'layName' && child.name === 'layName') issue('metadata-layname', child, `${base}/${child.name}`, {});
      const index = defs.indexOf(def);
      if (index < lastIndex) issue('metadata-element-order', child, `${base}/${child.name}`, { actual: child.name });
      lastIndex = Math.max(lastIndex, index);
      let value = child.text.trim();
      if (def.code === 'attrTypList') {
        const fields = child.children.filter((c) => c.name === METADATA_FIELD_ELEMENT).map((c) => c.text.trim());
        for (const c of child.children) paths.push(`${base}/${def.element}/${c.name}`);
        value = fields.join('\u0000');
      }
      const list = values.get(def.code) ?? [];
      list.push(value);
      values.set(def.code, list);
      if (def.code !== 'attrTypList') {
        const problem = checkMetadataValue(def, value);
        if (problem) {
          issue('metadata-value', child, `${base}/${def.element}`, { value, domain: problem.domain ?? '', element: def.element, name: def.name, problem: problem.problem });
        }
      }
    }
    for (const def of defs) {
      const n = values.get(def.code)?.length ?? 0;
      // a repeated layer-group element (D.3 says N) is one per <layer>, so only flat sections count repeats
      if (n > 1 && def.maxOccurs === 1) issue('metadata-element-repeated', node, `${base}/${def.element}`, { actual: def.element, count: n });
      if (n === 0 && def.constraint === 'M') issue('metadata-element-missing', node, `${base}/${def.element}`, { expected: def.element, name: def.name });
    }
    if (section !== 'contInfo') for (const [code, list] of values) elements[`${section}/${code}`] = list;
    return values;
  };

  for (const section of metadataSections) {
    const node = root.children.find((c) => c.name === section.code);
    if (!node) {
      issue('metadata-section-missing', root, `${METADATA_ROOT}/${section.code}`, { expected: section.code, annexTable: `表${section.table}` });
      continue;
    }
    const base = `${METADATA_ROOT}/${section.code}`;
    paths.push(base);
    if (!section.group) {
      readGroup(node, section.elements, base, section.code);
      continue;
    }
    let groups = 0;
    for (const g of node.children) {
      if (g.name !== section.group) {
        issue('metadata-element-unknown', g, `${base}/${g.name}`, { actual: g.name });
        paths.push(`${base}/${g.name}`);
        continue;
      }
      groups++;
      paths.push(`${base}/${section.group}`);
      const v = readGroup(g, section.elements, `${base}/${section.group}`, section.code);
      // D.3's "N" is one per <layer>: inside one layer entry every element but the attribute list occurs once
      for (const def of section.elements) {
        const n = v.get(def.code)?.length ?? 0;
        if (n > 1 && def.code !== 'attrTypList') issue('metadata-layer-element-repeated', g, `${base}/${section.group}/${def.element}`, { actual: def.element, count: n, layer: v.get('layName')?.[0] ?? '?' });
      }
      layerDetails.push({
        layerName: v.get('layName')?.[0] ?? '',
        catFetTyps: v.get('catFetTyps')?.[0] ?? '',
        fields: (v.get('attrTypList') ?? []).flatMap((x) => (x === '' ? [] : x.split('\u0000'))),
        capacity: v.get('capacity')?.[0] ?? '',
        line: g.line,
      });
    }
    if (groups === 0) issue('metadata-no-layers', node, base, {});
    const byName = new Map<string, MetadataLayerRead[]>();
    for (const l of layerDetails) if (l.layerName !== '') byName.set(l.layerName, [...(byName.get(l.layerName) ?? []), l]);
    for (const [name, entries] of byName) {
      if (entries.length < 2) continue;
      const second = node.children.find((c) => c.line === entries[1]!.line);
      issue('metadata-layer-duplicate', second ?? node, `${base}/${section.group}`, { actual: name, count: entries.length, lines: entries.map((e) => e.line).join('、') });
    }
  }
  // other top-level elements
  for (const c of root.children) {
    if (!metadataSections.some((s) => s.code === c.name)) issue('metadata-element-unknown', c, `${METADATA_ROOT}/${c.name}`, { actual: c.name });
  }

  const num = (code: string): number | undefined => {
    const v = elements[`refSysInfo/${code}`]?.[0];
    const n = v === undefined || v.trim() === '' ? Number.NaN : Number(v);
    return Number.isFinite(n) ? n : undefined;
  };
  const refSys = {
    coorRSID: elements['refSysInfo/coorRSID']?.[0],
    centralMer: num('centralMer'),
    eastFAL: num('eastFAL'),
    northFAL: num('northFAL'),
    coorFDKD: elements['refSysInfo/coorFDKD']?.[0],
  };
  if (refSys.eastFAL !== undefined && Math.abs(refSys.eastFAL) > EASTFAL_KM_MAX) {
    const node = root.children.find((c) => c.name === 'refSysInfo')?.children.find((c) => c.name === 'eastFAL');
    issue('metadata-eastfal-metres', node, `${METADATA_ROOT}/refSysInfo/eastFAL`, { actual: refSys.eastFAL });
  }
  return { file, encoding, elements, layers: layerDetails.map((l) => l.layerName), layerDetails, refSys, paths, issues };
}
