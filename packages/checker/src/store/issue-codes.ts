import type { Localized } from '@nyt2539/schema';
import { packageIssueCodes } from '../package/issues.js';
import type { IssueCodes } from '../readers/issues.js';
import { mdbIssueCodes } from '../readers/mdb-issues.js';
import { metadataIssueCodes } from '../readers/metadata-issues.js';
import { shapefileIssueCodes } from '../readers/shapefile/issues.js';
import { xlsIssueCodes } from '../readers/xls-issues.js';
import { storeIssueCodes } from './issues.js';

/**
 * Every code a reader (or the loader placing a reader's output) can store in `load_issues`, by reader, each with
 * its message template. The reader-issue rules own them (`meta.readerCodes`); rules/catalog.test.ts checks that
 * each code here has exactly one owner.
 */
export const readerIssueCodesBySource: Readonly<Record<string, IssueCodes>> = {
  shapefile: shapefileIssueCodes,
  xls: xlsIssueCodes,
  metadata: metadataIssueCodes,
  mdb: mdbIssueCodes,
  package: packageIssueCodes,
  store: storeIssueCodes,
};

export const readerIssueCodes: Readonly<Record<string, Localized>> = Object.assign({}, ...Object.values(readerIssueCodesBySource));
