/**
 * A small valid inventory as file texts, for loader tests: two complexes of one group (one cellular
 * with an nPar running two vPars, one SD2 with an unassigned blade), an external active manager and a
 * co-located standby, two packages (one a VM guest on a vPar). Tests edit single lines of it.
 */
import type { InventoryFileName } from '../../src/domain/inventory-files.js';
import { parseInventory } from '../../src/io/load-inventory.js';

export type Files = Partial<Record<InventoryFileName, string>>;

/** The files of spec section 2 (the optional files of sections 8–9 are added by the tests that need them). */
export const BASE: Readonly<
  Record<
    Exclude<
      InventoryFileName,
      'clusters.csv' | 'dependencies.csv' | 'capacities.csv' | 'weights.csv'
    >,
    string
  >
> = {
  'complexes.csv': [
    'complex,platform,group,site,unassigned_rights,ticap_minutes',
    'c1,cellular,g1,east,0,0',
    'c2,sd2,g1,west,1,43200',
  ].join('\n'),
  'cells.csv': [
    'complex,cell,npar,cores,active',
    'c1,a,n1,4,y',
    'c1,b,n1,4,y',
    'c1,c,n2,4,y',
    'c2,a,n3,8,y',
    'c2,b,,8,n',
  ].join('\n'),
  'npars.csv': [
    'complex,npar,host,rights,active',
    'c1,n1,h1,4,4',
    'c1,n2,,4,4',
    'c2,n3,h3,4,',
  ].join('\n'),
  'vpars.csv': [
    'complex,npar,vpar,cores,min,max,static',
    'c1,n2,v1,2,1,4,n',
    'c1,n2,v2,2,,,y',
  ].join('\n'),
  'groups.csv': ['group,sharing_rights,held_rights', 'g1,15,0'].join('\n'),
  'managers.csv': [
    'group,host,role,site,takeover',
    'g1,gm1,active,east,',
    'g1,h3,standby,,manual',
  ].join('\n'),
  'packages.csv': [
    'package,cores,nodes,priority,start_s,kind,vm_boot_s,ticap',
    'p1,4,h1;h3,10,60,app,,n',
    'p2,2,v1;h1,,,vm,120,y',
  ].join('\n'),
};

/** BASE with one line of a file replaced (line as a spreadsheet counts: header = 1). */
export function withLine(
  file: InventoryFileName,
  line: number,
  text: string,
  from: Files = BASE,
): Files {
  const lines = (from[file] ?? '').split('\n');
  lines[line - 1] = text;
  return { ...from, [file]: lines.join('\n') };
}

/** BASE with a line appended to a file. */
export function withRow(file: InventoryFileName, text: string, from: Files = BASE): Files {
  return { ...from, [file]: `${from[file] ?? ''}\n${text}` };
}

/** Apply several edits in turn. */
export function edit(...steps: ((f: Files) => Files)[]): Files {
  return steps.reduce<Files>((f, step) => step(f), BASE);
}

/** BASE (or `from`) without some files. */
export function without(names: readonly InventoryFileName[], from: Files = BASE): Files {
  const out: Files = { ...from };
  for (const n of names) delete out[n];
  return out;
}

/** The files BASE has. */
export const BASE_FILES = Object.keys(BASE) as (keyof typeof BASE)[];

/** The problems `parseInventory` finds in `files` (after `changes`), or none. */
export function errorsOf(files: Files, changes: readonly string[] = []): readonly string[] {
  const r = parseInventory('test', files, changes);
  return r.ok ? [] : r.errors;
}
