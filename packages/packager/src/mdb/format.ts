/**
 * Jet4 (Access 2000–2003) byte layout constants. Sources: mdbtools HACKING.md (sections "Database
 * Definition Page", "Data Pages", "LVAL Pages", "TDEF Pages", "Page Usage Maps", "Properties", "Text
 * Data Type") and the real Access-written template in fixtures/real/access (field values observed there).
 */

export const PAGE_SIZE = 4096;

/** Jet4 files address pages with signed 32-bit file offsets: 2 GB is the hard cap (HACKING "Page Usage Maps"). */
export const JET4_MAX_FILE_BYTES = 2 ** 31;

/** First byte of every page (HACKING "Pages"). */
export const PAGE_TYPE = {
  header: 0x00,
  data: 0x01,
  tableDefinition: 0x02,
  usageMap: 0x05,
} as const;

/** Data page header (Jet4): type, 0x01, free_space u16, tdef_pg u32, unknown u32, num_rows u16, then u16 offsets. */
export const DATA_PAGE = {
  freeSpaceOffset: 2,
  ownerOffset: 4,
  rowCountOffset: 12,
  headerSize: 14,
  rowOffsetSize: 2,
  /** a row pointer keeps the row number in one byte */
  maxRows: 255,
} as const;

/** LVAL pages carry the ASCII word 'LVAL' where a data page carries its TDEF page. */
export const LVAL_OWNER = Buffer.from('LVAL', 'ascii').readUInt32LE(0);

/** Largest row Jet4 accepts on a data page (Jackcess JetFormat V4 MAX_ROW_SIZE). */
export const MAX_ROW_SIZE = 4060;

/** One long value chunk per chained LVAL page: page minus header, one row offset and the next-pointer. */
export const LVAL_CHAIN_CHUNK = PAGE_SIZE - DATA_PAGE.headerSize - DATA_PAGE.rowOffsetSize - 4;
/** Largest long value stored whole as one row of a (shared) LVAL page (Jackcess MAX_LONG_VALUE_ROW_SIZE, Jet4). */
export const LVAL_SINGLE_MAX = LVAL_CHAIN_CHUNK;
/** Long values up to this many bytes stay inside the row (Jackcess MAX_INLINE_LONG_VALUE_SIZE, Jet4). */
export const LONG_VALUE_INLINE_MAX = 64;
/** Memo header in the row: 3-byte length, 1-byte storage type, 4-byte page/row pointer, 4 unknown bytes. */
export const LONG_VALUE_HEADER = 12;
export const LONG_VALUE_TYPE = { inline: 0x80, singlePage: 0x40, chained: 0x00 } as const;
/** Memo text longer than this (in characters) is never Unicode-compressed (HACKING "Memo Field Definition"). */
export const MEMO_COMPRESS_MAX_CHARS = 1024;

/** Column type codes (HACKING "TDEF Pages"). */
export const COLUMN_TYPE = {
  Boolean: 0x01,
  Byte: 0x02,
  Integer: 0x03,
  Long: 0x04,
  Double: 0x07,
  DateTime: 0x08,
  Binary: 0x09,
  Text: 0x0a,
  OLE: 0x0b,
  Memo: 0x0c,
  Decimal: 0x10,
} as const;

/** Column flag bits (HACKING "Columns flags"); Access sets "can be null" on every column, Required lives in the properties. */
export const COLUMN_FLAG = { fixed: 0x01, nullable: 0x02, replication: 0x10 } as const;
/** misc_flags bit for columns marked "Unicode compression". */
export const COLUMN_MISC_COMPRESSED = 0x01;

/** TDEF page (Jet4): header then the 55-byte table definition block, then 25-byte column entries. */
export const TDEF = {
  freeSpaceOffset: 2,
  nextPageOffset: 4,
  lengthOffset: 8,
  /** Jackcess TableImpl.MAGIC_TABLE_NUMBER; Access repeats it in every column entry */
  magicOffset: 12,
  rowCountOffset: 16,
  autonumberOffset: 20,
  autonumberFlagOffset: 24,
  tableTypeOffset: 40,
  maxColumnsOffset: 41,
  variableColumnsOffset: 43,
  columnsOffset: 45,
  logicalIndexesOffset: 47,
  realIndexesOffset: 51,
  usedPagesOffset: 55,
  freePagesOffset: 59,
  columnsStart: 63,
  columnEntrySize: 25,
  magic: 1625,
  tableTypeUser: 0x4e,
  tableTypeSystem: 0x53,
} as const;

/** Offsets inside one 25-byte TDEF column entry. */
export const TDEF_COLUMN = {
  type: 0,
  magic: 1,
  number: 5,
  variableIndex: 7,
  numberAgain: 9,
  /** text: sort order (u16) + version byte; decimal: precision, scale */
  misc: 11,
  flags: 15,
  miscFlags: 16,
  fixedOffset: 21,
  length: 23,
} as const;

/** A usage map row is 69 bytes: type byte + 4-byte start page + 64-byte bitmap, or type byte + 17 map-page pointers. */
export const USAGE_MAP = {
  rowSize: 69,
  inlineBitmapBytes: 64,
  referenceSlots: 17,
  /** bits per type-0x05 map page: page minus its 4-byte header */
  pagesPerMapPage: (PAGE_SIZE - 4) * 8,
} as const;

/** Text sort order written in every text column and in the header: 0x0804 = Chinese PRC (2052), version 0. */
export const SORT_ORDER_PRC = 0x0804;

/** Database definition page (page 0). */
export const HEADER = {
  magic: Buffer.from([0x00, 0x01, 0x00, 0x00]),
  engineName: 'Standard Jet DB',
  engineNameOffset: 0x04,
  versionOffset: 0x14,
  versionJet4: 0x01,
  /** RC4 key Access uses to obfuscate bytes 0x18..0x97 of page 0 (HACKING, mdb-reader Database.js) */
  rc4Key: Buffer.from([0xc7, 0xda, 0x39, 0x6b]),
  encryptedOffset: 0x18,
  encryptedLength: 128,
  codePageOffset: 0x3c,
  /** Windows code page 936 (GBK), as in the template */
  codePage: 936,
  passwordOffset: 0x42,
  passwordLength: 40,
  sortOrderOffset: 0x6e,
  creationDateOffset: 0x72,
} as const;

/** Days between 1899-12-30 (Access day 0) and 1970-01-01. */
export const ACCESS_EPOCH_DAYS = 25569;
export const MS_PER_DAY = 86_400_000;
