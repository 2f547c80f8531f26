/**
 * Where the rights for activated cores come from (spec 3.2, in the order they are drawn): one table
 * of their names, read by every sentence, table and chart that names a source.
 */
import type { Sources } from './result.js';

/** The sources in the order the engine draws them: own, vPar, complex, pool, seized, TiCAP. */
export const SOURCE_KEYS = [
  'own',
  'vpar',
  'complex',
  'pool',
  'seized',
  'ticap',
] as const satisfies readonly (keyof Sources)[];

/**
 * Each source's names: `label` in tables and charts, `phrase` in an attempt's sentence ("… 6 more
 * cores activated (seized 6)"), `long` where a what-if story explains it.
 */
export const SOURCE_NAMES: Readonly<
  Record<keyof Sources, { readonly label: string; readonly phrase: string; readonly long: string }>
> = {
  own: { label: 'own', phrase: 'own', long: 'own unused rights' },
  vpar: { label: 'vPar', phrase: 'vPar release', long: 'released by down vPars' },
  complex: { label: 'complex', phrase: 'complex', long: 'complex unassigned rights' },
  pool: { label: 'pool', phrase: 'group pool', long: 'group pool (held / lent by members)' },
  seized: { label: 'seized', phrase: 'seized', long: 'seized from down nPars' },
  ticap: { label: 'TiCAP', phrase: 'TiCAP', long: 'TiCAP' },
};
