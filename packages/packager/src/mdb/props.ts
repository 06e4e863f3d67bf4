import type { MdbColumnDef, MdbTableDef } from './columns.js';
import { COLUMN_TYPE } from './format.js';

/**
 * The MR2 property blob stored in MSysObjects.LvProp (HACKING "Properties"): 'MR2\0', a names chunk
 * (0x80), one chunk for the table (0x00) and one per column (0x01). Each value entry: u16 length,
 * u8 DDL flag, u8 data type, u16 name index, u16 value length, value.
 */
const MAGIC = Buffer.from('MR2\0', 'latin1');
const CHUNK = { names: 0x80, table: 0x00, column: 0x01 } as const;

interface PropValue {
  readonly name: string;
  readonly type: number;
  readonly value: Buffer;
  /** false for database-level settings, which Access writes without the DDL flag */
  readonly ddl?: boolean;
}

/** Access file format marker in MSysDb's properties: '09.50' = Access 2002–2003 (Jackcess DatabaseImpl). */
const ACCESS_VERSION_2003 = '09.50';

function textProp(name: string, value: string, type: number = COLUMN_TYPE.Text): PropValue {
  return { name, type, value: Buffer.from(value, 'utf16le') };
}

function boolProp(name: string, value: boolean): PropValue {
  return { name, type: COLUMN_TYPE.Boolean, value: Buffer.from([value ? 1 : 0]) };
}

/** The design properties Access keeps for a column, as the template carries them. */
function columnProps(c: MdbColumnDef): PropValue[] {
  const props: PropValue[] = [];
  if (c.description !== undefined) props.push(textProp('Description', c.description));
  if (c.format !== undefined) props.push(textProp('Format', c.format));
  // DecimalPlaces: the scale for Decimal; 255 ("Auto") for the other number types, as Access sets it
  if (c.type === 'Decimal' && c.scale !== undefined) props.push({ name: 'DecimalPlaces', type: COLUMN_TYPE.Byte, value: Buffer.from([c.scale]) });
  if (c.type === 'Integer' || c.type === 'Long' || c.type === 'Double') props.push({ name: 'DecimalPlaces', type: COLUMN_TYPE.Byte, value: Buffer.from([255]) });
  // Access stores DefaultValue as an expression string in a Memo-typed property
  if (c.defaultValue !== undefined) props.push(textProp('DefaultValue', c.defaultValue, COLUMN_TYPE.Memo));
  props.push(boolProp('Required', c.required === true));
  if (c.type === 'Text' || c.type === 'Memo') {
    props.push(boolProp('AllowZeroLength', c.allowZeroLength !== false));
    props.push(boolProp('UnicodeCompression', true));
  }
  // Memo holds plain text, not rich text (TextFormat 0), as the template's memos say
  if (c.type === 'Memo') props.push({ name: 'TextFormat', type: COLUMN_TYPE.Byte, value: Buffer.from([0]) });
  return props;
}

export function buildPropertyBlob(table: MdbTableDef): Buffer {
  return mr2([
    { chunk: CHUNK.table, name: '', props: table.description !== undefined ? [textProp('Description', table.description)] : [] },
    ...table.columns.map((c) => ({ chunk: CHUNK.column, name: c.name, props: columnProps(c) })),
  ]);
}

/** MSysDb's properties: the Access version tells Access and Jackcess which Jet4 flavour the file is. */
export function buildDatabasePropertyBlob(): Buffer {
  return mr2([{ chunk: CHUNK.table, name: '', props: [{ ...textProp('AccessVersion', ACCESS_VERSION_2003), ddl: false }] }]);
}

function mr2(blocks: readonly { chunk: number; name: string; props: readonly PropValue[] }[]): Buffer {
  const names: string[] = [];
  const index = new Map<string, number>();
  for (const b of blocks)
    for (const p of b.props)
      if (!index.has(p.name)) {
        index.set(p.name, names.length);
        names.push(p.name);
      }
  const parts: Buffer[] = [MAGIC];
  const nameBytes = names.map((n) => {
    const s = Buffer.from(n, 'utf16le');
    const b = Buffer.alloc(2 + s.length);
    b.writeUInt16LE(s.length, 0);
    s.copy(b, 2);
    return b;
  });
  parts.push(chunk(CHUNK.names, Buffer.concat(nameBytes)));
  for (const b of blocks) {
    const blockName = Buffer.from(b.name, 'utf16le');
    const head = Buffer.alloc(6 + blockName.length);
    head.writeUInt32LE(head.length, 0);
    head.writeUInt16LE(blockName.length, 4);
    blockName.copy(head, 6);
    const entries = b.props.map((p) => {
      const e = Buffer.alloc(8 + p.value.length);
      e.writeUInt16LE(e.length, 0);
      e[2] = p.ddl === false ? 0 : 1; // DDL property: part of the design
      e[3] = p.type;
      e.writeUInt16LE(index.get(p.name) ?? 0, 4);
      e.writeUInt16LE(p.value.length, 6);
      p.value.copy(e, 8);
      return e;
    });
    parts.push(chunk(b.chunk, Buffer.concat([head, ...entries])));
  }
  return Buffer.concat(parts);
}

function chunk(type: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(6);
  head.writeUInt32LE(6 + payload.length, 0);
  head.writeUInt16LE(type, 4);
  return Buffer.concat([head, payload]);
}
