import { ACCESS_EPOCH_DAYS, HEADER, MS_PER_DAY, PAGE_SIZE, SORT_ORDER_PRC } from './format.js';
import { rc4 } from './rc4.js';

/**
 * Page 0, the database definition page (HACKING "Database Definition Page"). Bytes 0x18..0x97 are
 * RC4-obfuscated. Inside: the code page, the empty database password XOR-masked with the creation date
 * (as Jet4 stores it), the text sort order and the creation date.
 */
export function buildHeaderPage(created: Date): Buffer {
  const page = Buffer.alloc(PAGE_SIZE);
  HEADER.magic.copy(page, 0);
  page.write(HEADER.engineName, HEADER.engineNameOffset, 'latin1');
  page[HEADER.versionOffset] = HEADER.versionJet4;

  const plain = page.subarray(HEADER.encryptedOffset, HEADER.encryptedOffset + HEADER.encryptedLength);
  // 0x18..0x2f: six small words Access writes into every Jet4 header (0x100, 0x101, 2, 3, 4, 5)
  [0x100, 0x101, 2, 3, 4, 5].forEach((w, i) => plain.writeUInt32LE(w, i * 4));
  page.writeUInt16LE(HEADER.codePage, HEADER.codePageOffset);
  const days = created.getTime() / MS_PER_DAY + ACCESS_EPOCH_DAYS;
  const mask = Buffer.alloc(4);
  mask.writeInt32LE(Math.floor(days));
  for (let i = 0; i < HEADER.passwordLength; i++) page[HEADER.passwordOffset + i] = mask[i % 4];
  page.writeUInt32LE(SORT_ORDER_PRC, HEADER.sortOrderOffset);
  page.writeDoubleLE(days, HEADER.creationDateOffset);

  rc4(HEADER.rc4Key, plain).copy(page, HEADER.encryptedOffset);
  return page;
}
