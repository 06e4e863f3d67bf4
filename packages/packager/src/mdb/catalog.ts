import type { MdbColumnDef, MdbTableDef } from './columns.js';

/**
 * The system catalog (HACKING "Terminology: Catalog Entry"): MSysObjects always has its TDEF on page 2.
 * Column lists as in the Access-written template; this writer creates no indexes, so readers find
 * tables through MSysObjects rows (Id = TDEF page) and data pages through the usage maps.
 */
const text255 = (name: string): MdbColumnDef => ({ name, type: 'Text', size: 255 });
const bin255 = (name: string): MdbColumnDef => ({ name, type: 'Binary', size: 255 });

export const MSYS_OBJECTS: MdbTableDef = {
  name: 'MSysObjects',
  system: true,
  columns: [
    { name: 'Id', type: 'Long' },
    { name: 'ParentId', type: 'Long' },
    text255('Name'),
    { name: 'Type', type: 'Integer' },
    { name: 'DateCreate', type: 'DateTime' },
    { name: 'DateUpdate', type: 'DateTime' },
    bin255('Owner'),
    { name: 'Flags', type: 'Long' },
    { name: 'Database', type: 'Memo' },
    { name: 'Connect', type: 'Memo' },
    text255('ForeignName'),
    bin255('RmtInfoShort'),
    { name: 'RmtInfoLong', type: 'OLE' },
    { name: 'Lv', type: 'OLE' },
    { name: 'LvProp', type: 'OLE' },
    { name: 'LvModule', type: 'OLE' },
    { name: 'LvExtra', type: 'OLE' },
  ],
};

/** The other system tables Access expects; written empty. */
export const EMPTY_SYSTEM_TABLES: readonly MdbTableDef[] = [
  {
    name: 'MSysACEs',
    system: true,
    columns: [{ name: 'ObjectId', type: 'Long' }, bin255('SID'), { name: 'ACM', type: 'Long' }, { name: 'FInheritable', type: 'Boolean' }],
  },
  {
    name: 'MSysQueries',
    system: true,
    columns: [
      { name: 'ObjectId', type: 'Long' },
      { name: 'Attribute', type: 'Byte' },
      bin255('Order'),
      text255('Name1'),
      text255('Name2'),
      { name: 'Expression', type: 'Memo' },
      { name: 'Flag', type: 'Integer' },
      { name: 'LvExtra', type: 'Long' },
    ],
  },
  {
    name: 'MSysRelationships',
    system: true,
    columns: [
      text255('szRelationship'),
      { name: 'grbit', type: 'Long' },
      { name: 'ccolumn', type: 'Long' },
      { name: 'icolumn', type: 'Long' },
      text255('szObject'),
      text255('szColumn'),
      text255('szReferencedObject'),
      text255('szReferencedColumn'),
    ],
  },
];

/** MSysObjects.Type values (mdbtools MDB_TABLE etc.). */
const OBJECT_TYPE = { table: 1, database: 2, container: 3 } as const;
/** Flags bit Access sets on system objects. */
const SYSTEM_FLAG = -0x80000000;
/** Container object ids: 0x0F000000 is the root, its children count up from 0x0F000001. */
const ROOT_ID = 0x0f000000;
const CONTAINERS = ['Tables', 'Databases', 'Relationships'] as const;
/** Containers Access keeps for its own object kinds (ids 0x80000000 + n in the template). */
const ACCESS_CONTAINERS = ['DataAccessPages', 'Forms', 'Modules', 'Reports', 'Scripts', 'SysRel'] as const;

export type CatalogRow = Record<string, string | number | Date | Uint8Array | null>;

export interface CatalogTable {
  readonly name: string;
  readonly tdefPage: number;
  readonly system: boolean;
  readonly lvProp?: Uint8Array;
}

export function catalogRows(tables: readonly CatalogTable[], created: Date, databaseProps: Uint8Array): CatalogRow[] {
  const base = { DateCreate: created, DateUpdate: created };
  const tablesId = ROOT_ID + 1;
  const rows: CatalogRow[] = CONTAINERS.map((name, i) => ({ Id: ROOT_ID + 1 + i, ParentId: ROOT_ID, Name: name, Type: OBJECT_TYPE.container, Flags: SYSTEM_FLAG, ...base }));
  rows.push({ Id: 0x10000000, ParentId: ROOT_ID + 2, Name: 'MSysDb', Type: OBJECT_TYPE.database, Flags: SYSTEM_FLAG, LvProp: databaseProps, ...base });
  ACCESS_CONTAINERS.forEach((name, i) => rows.push({ Id: -0x80000000 + i, ParentId: ROOT_ID, Name: name, Type: OBJECT_TYPE.container, Flags: 0, ...base }));
  for (const t of tables) {
    rows.push({
      Id: t.tdefPage,
      ParentId: tablesId,
      Name: t.name,
      Type: OBJECT_TYPE.table,
      Flags: t.system ? SYSTEM_FLAG : 0,
      LvProp: t.lvProp ?? null,
      ...base,
    });
  }
  return rows;
}
