import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '@nyt2539/schema';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defectFamilies } from './catalog.js';
import { renderDefectCatalog } from './doc.js';
import { injectors } from './index.js';

const page = fileURLToPath(new URL('../../DEFECTS.md', import.meta.url));

describe('examples/DEFECTS.md', () => {
  it('is the catalog rendered from the injectors (regenerate with NYT2539_UPDATE_DOCS=1)', () => {
    const text = renderDefectCatalog();
    if (process.env.NYT2539_UPDATE_DOCS === '1') {
      writeFileAtomic(page, text);
    }
    expect(readFileSync(page, 'utf8')).toBe(text);
  });

  it('lists every registered kind once and a section per family', () => {
    const text = renderDefectCatalog();
    for (const i of injectors) expect(text.split(`| \`${i.id}\``).length - 1, i.id).toBe(1);
    expect(text.match(/^## /gm)).toHaveLength(defectFamilies.length);
  });
});
