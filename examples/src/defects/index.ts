import { catalogInjectors } from './kinds.js';
import { seedInjectors } from './seed.js';
import type { DefectInjector } from './types.js';

export type { DefectInjector, DefectRecord, InjectContext } from './types.js';

/** Registered injectors. `--defects seed` runs the `seed` set, `all` every injector, or a list of ids. */
export const injectors: readonly DefectInjector[] = [...seedInjectors, ...catalogInjectors];

/** qc-rules.md §4.4: why a real county failed QC. */
export const seedSet: readonly string[] = seedInjectors.map((i) => i.id);

/** Resolve a `--defects` value to injectors; unknown ids are reported by name. */
export function selectInjectors(spec: string | undefined): { selected: DefectInjector[]; unknown: string[] } {
  const s = (spec ?? 'none').trim();
  if (s === '' || s === 'none') return { selected: [], unknown: [] };
  if (s === 'all') return { selected: [...injectors], unknown: [] };
  const ids = s === 'seed' ? [...seedSet] : s.split(',').map((x) => x.trim()).filter(Boolean);
  const selected: DefectInjector[] = [];
  const unknown: string[] = [];
  for (const id of ids) {
    const inj = injectors.find((i) => i.id === id);
    if (inj) selected.push(inj);
    else unknown.push(id);
  }
  return { selected, unknown };
}
