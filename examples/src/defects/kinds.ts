import { areaInjectors, lateAreaInjectors } from './areas.js';
import { attachmentInjectors } from './attachments.js';
import { boundaryInjectors } from './boundary.js';
import type { CatalogInjector, DefectFamily } from './catalog.js';
import { codingInjectors } from './coding.js';
import { crsInjectors } from './crs.js';
import { geometryInjectors } from './geometry.js';
import { layoutInjectors } from './layout.js';
import { logicInjectors } from './logic.js';
import { metadataInjectors } from './metadata.js';
import { readerInjectors } from './readers.js';
import { referenceInjectors } from './references.js';
import { structureInjectors } from './structure.js';
import { summaryInjectors } from './summary.js';
import { topologyInjectors } from './topology.js';
import { valueInjectors } from './values.js';

/** Every catalog kind beyond the seed set, in family order (kinds added later at the end, so the others' random draws stay as they were). */
export const catalogInjectors: readonly CatalogInjector[] = [
  ...layoutInjectors,
  ...structureInjectors,
  ...valueInjectors,
  ...codingInjectors,
  ...referenceInjectors,
  ...logicInjectors,
  ...areaInjectors,
  ...geometryInjectors,
  ...topologyInjectors,
  ...boundaryInjectors,
  ...crsInjectors,
  ...summaryInjectors,
  ...metadataInjectors,
  ...attachmentInjectors,
  ...readerInjectors,
  ...lateAreaInjectors,
];

/** How the checker sees the seed kinds (seed.ts names real-world failure families; this maps them to QC rule families). */
export const seedKinds: Readonly<Record<string, { family: DefectFamily; rules: readonly string[]; alsoReportedBy?: readonly string[] }>> = {
  'member-missing': { family: 'logic', rules: ['persons/member-count'] },
  'member-id-missing': { family: 'required-fields', rules: ['values/required'] },
  'id-attachment-missing': { family: 'attachments', rules: ['attachments/identity-document'] },
  'plot-name-missing': { family: 'required-fields', rules: ['values/required'] },
  'four-boundaries-incomplete': { family: 'required-fields', rules: ['values/required'] },
  'form-unsigned': { family: 'required-fields', rules: ['values/required'] },
  'fbf-code-wrong': { family: 'references', rules: ['references/foreign-key'], alsoReportedBy: ['references/prefix', 'contracts/register-agrees'] },
  'sketch-map-not-filed': { family: 'attachments', rules: ['attachments/path-missing'] },
  'contract-area-wrong': { family: 'areas', rules: ['contracts/total-area'], alsoReportedBy: ['contracts/mu-conversion'] },
};
