import MDBReader, { type Column, type Table, type Value } from 'mdb-reader';

/**
 * Reads an Access .mdb (Jet3/Jet4/ACE) with mdb-reader: user tables, their column definitions (with the
 * Required property, which mdb-reader does not expose) and their rows in bounded batches.
 * A reader knows bytes, not rules: it reports what the file declares.
 */

/** A column as the .mdb declares it. `size` is in characters for text (Jet4+ stores UCS-2: bytes / 2). */
export interface MdbColumnDef {
  readonly name: string;
  /** mdb-reader's type name: text | memo | integer | long | numeric | datetime | boolean | double | … */
  readonly type: string;
  readonly size: number | null;
  readonly precision: number | null;
  readonly scale: number | null;
  /** from the column's Required property: 0 when required, 1 when not, null when the file does not say */
  readonly nullable: 0 | 1 | null;
  /** Access column properties read from MSysObjects.LvProp (Description, Required, AllowZeroLength, …) */
  readonly properties: Readonly<Record<string, PropertyValue>>;
}

type PropertyValue = boolean | number | string | null;

type MdbRow = Record<string, Value>;

/** Jet version byte at offset 0x14 of page 0 (mdbtools HACKING "Database Definition Page"). */
const JET_VERSION_OFFSET = 0x14;
const JET3 = 0;

export class MdbFile {
  readonly #reader: MDBReader;
  readonly #jetVersion: number;
  #props?: Map<string, TableProperties>;

  /** Throws mdb-reader's error for a file that is not an Access database or is truncated in its header. */
  constructor(buffer: Buffer) {
    this.#reader = new MDBReader(buffer);
    this.#jetVersion = buffer.length > JET_VERSION_OFFSET ? buffer[JET_VERSION_OFFSET] : JET3;
  }

  /** 'Jet3' | 'Jet4' | 'ACE12' | … from the header version byte. */
  get format(): string {
    return ['Jet3', 'Jet4', 'ACE12', 'ACE14', 'ACE15', 'ACE16', 'ACE17'][this.#jetVersion] ?? `unknown(${this.#jetVersion})`;
  }

  /** User tables in catalog order (system and linked tables excluded). */
  tableNames(): string[] {
    return this.#reader.getTableNames({ normalTables: true, systemTables: false, linkedTables: false });
  }

  table(name: string): MdbTable {
    return new MdbTable(this.#reader.getTable(name), this.#columnProperties(name), this.#jetVersion !== JET3);
  }

  #columnProperties(table: string): TableProperties {
    if (!this.#props) {
      this.#props = new Map();
      try {
        const rows = this.#reader.getTable('MSysObjects').getData({ columns: ['Name', 'LvProp', 'Type'] });
        for (const row of rows) {
          // Type 1 = local table
          if (row.Type !== 1 || typeof row.Name !== 'string' || !Buffer.isBuffer(row.LvProp)) continue;
          try {
            this.#props.set(row.Name, parseLvProp(row.LvProp));
          } catch {
            // unreadable properties only lose the Required flag (nullable = null)
          }
        }
      } catch {
        // no readable MSysObjects: properties unknown
      }
    }
    return this.#props.get(table) ?? new Map();
  }
}

type TableProperties = Map<string, Record<string, PropertyValue>>;

class MdbTable {
  readonly #table: Table;
  readonly #columns: MdbColumnDef[];

  constructor(table: Table, props: TableProperties, unicodeText: boolean) {
    this.#table = table;
    this.#columns = table.getColumns().map((c) => toColumnDef(c, props.get(c.name) ?? {}, unicodeText));
  }

  get name(): string {
    return this.#table.name;
  }

  /** Row count from the table definition (TDEF), before reading any row. */
  get declaredRowCount(): number {
    return this.#table.rowCount;
  }

  get columns(): readonly MdbColumnDef[] {
    return this.#columns;
  }

  /**
   * Rows in storage order, `batchRows` at a time: only one batch of decoded rows is in memory.
   * (The patched mdb-reader resumes a rowOffset read at the page where the previous batch stopped.)
   */
  *batches(batchRows = 20_000): Generator<MdbRow[]> {
    for (let offset = 0; ; offset += batchRows) {
      const rows = this.#table.getData<MdbRow>({ rowOffset: offset, rowLimit: batchRows });
      if (rows.length > 0) yield rows;
      if (rows.length < batchRows) return;
    }
  }
}

function toColumnDef(c: Column, props: Record<string, PropertyValue>, unicodeText: boolean): MdbColumnDef {
  const textual = c.type === 'text';
  const required = props.Required;
  return {
    name: c.name,
    type: c.type,
    size: c.type === 'memo' || c.type === 'ole' || c.type === 'boolean' ? null : textual && unicodeText ? c.size / 2 : c.size,
    precision: c.precision ?? null,
    scale: c.scale ?? null,
    nullable: required === undefined || required === null ? null : required ? 0 : 1,
    properties: props,
  };
}

/**
 * Parses an Access property blob (MSysObjects.LvProp; mdbtools HACKING "Properties"):
 *   "MR2\0" (Jet4+) or "KKD\0" (Jet3), then chunks { u32 length (incl. this header), u16 type, body }.
 *   type 0x80: the property-name list { u16 byte length, UCS-2 name }*
 *   type 0x00 (the table itself) / 0x01 (one column): u32 header length, u16 name length, UCS-2 column name,
 *     then entries { u16 entry length, u8 ddl flag, u8 data type, u16 name index, u16 value length, value }.
 * Returns column name → property name → value ('' key = the table's own properties).
 */
function parseLvProp(blob: Buffer): TableProperties {
  const magic = blob.subarray(0, 4).toString('latin1');
  if (magic !== 'MR2\0' && magic !== 'KKD\0') throw new Error(`unknown property blob signature ${JSON.stringify(magic)}`);
  const jet3 = magic === 'KKD\0';
  const text = (b: Buffer): string => (jet3 ? b.toString('latin1') : b.toString('utf16le'));
  const result: TableProperties = new Map();
  let names: string[] = [];
  for (let pos = 4; pos + 6 <= blob.length; ) {
    const length = blob.readUInt32LE(pos);
    const type = blob.readUInt16LE(pos + 4);
    if (length < 6 || pos + length > blob.length) break;
    const body = blob.subarray(pos + 6, pos + length);
    if (type === 0x80) {
      names = [];
      for (let p = 0; p + 2 <= body.length; ) {
        const n = body.readUInt16LE(p);
        names.push(text(body.subarray(p + 2, p + 2 + n)));
        p += 2 + n;
      }
    } else if ((type === 0x00 || type === 0x01) && body.length >= 6) {
      const nameLength = body.readUInt16LE(4);
      const owner = text(body.subarray(6, 6 + nameLength));
      const props: Record<string, PropertyValue> = {};
      for (let p = 6 + nameLength; p + 8 <= body.length; ) {
        const entryLength = body.readUInt16LE(p);
        if (entryLength < 8) break;
        const dataType = body[p + 3];
        const name = names[body.readUInt16LE(p + 4)];
        const valueLength = body.readUInt16LE(p + 6);
        const value = body.subarray(p + 8, p + 8 + valueLength);
        if (name !== undefined) props[name] = propertyValue(dataType, value, text);
        p += entryLength;
      }
      result.set(owner, props);
    }
    pos += length;
  }
  return result;
}

/** Property values by Jet column type code (mdbtools HACKING column types). */
function propertyValue(dataType: number, v: Buffer, text: (b: Buffer) => string): PropertyValue {
  switch (dataType) {
    case 0x01: // boolean
      return v.length > 0 && v[0] !== 0;
    case 0x02: // byte
      return v.length >= 1 ? v.readUInt8(0) : null;
    case 0x03: // integer
      return v.length >= 2 ? v.readInt16LE(0) : null;
    case 0x04: // long
      return v.length >= 4 ? v.readInt32LE(0) : null;
    case 0x07: // double
      return v.length >= 8 ? v.readDoubleLE(0) : null;
    case 0x0a: // text
    case 0x0c: // memo
      return text(v);
    default:
      return v.toString('hex');
  }
}
