/** The estate generator (issue 6): exact counts, determinism, validity, realism of the mix. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveFigures } from '../../src/domain/derived.js';
import type { Inventory } from '../../src/domain/types.js';
import { generateEstate } from '../../src/generate/estate.js';
import { ESTATE_SIZE_NAMES, ESTATE_SIZES, type EstateSize } from '../../src/generate/sizes.js';
import { parseCsv } from '../../src/io/csv.js';
import { INVENTORY_FILES } from '../../src/domain/inventory-files.js';
import { parseInventory } from '../../src/io/load-inventory.js';
import { plan } from '../helpers/engine.js';
import { checkEstateRules, readCsv } from './estate-rules.js';

const SEEDS = [1, 2, 3] as const;

function load(size: EstateSize, seed: number): Inventory {
  const r = parseInventory(`${size}-${seed}`, generateEstate(size, seed));
  if (!r.ok) throw new Error(`${size} seed ${seed} is invalid:\n${r.errors.join('\n')}`);
  return r.value;
}

function dataRows(text: string, file: string): number {
  const t = parseCsv(text, file);
  expect(t.problems).toEqual([]);
  return t.rows.length;
}

describe('generateEstate: counts', () => {
  it('documents the sizes of spec section 7 and issue 6 in the size table', () => {
    const row = (s: EstateSize): number[] => {
      const z = ESTATE_SIZES[s];
      return [
        z.complexes,
        z.complexes * z.nparsPerComplex,
        z.vpars,
        z.groups,
        z.managers,
        z.sites,
        z.packages,
      ];
    };
    expect(row('large')).toEqual([64, 256, 512, 8, 16, 4, 600]);
    expect(row('medium')).toEqual([16, 64, 96, 4, 8, 2, 150]);
    expect(row('small')).toEqual([4, 12, 8, 1, 2, 2, 20]);
  });

  for (const size of ESTATE_SIZE_NAMES) {
    for (const seed of SEEDS) {
      it(`${size} seed ${seed} has exactly the counts of its size`, () => {
        const spec = ESTATE_SIZES[size];
        const files = generateEstate(size, seed);
        expect(Object.keys(files)).toEqual([...INVENTORY_FILES]);
        expect(dataRows(files['complexes.csv'], 'complexes.csv')).toBe(spec.complexes);
        expect(dataRows(files['npars.csv'], 'npars.csv')).toBe(
          spec.complexes * spec.nparsPerComplex,
        );
        expect(dataRows(files['vpars.csv'], 'vpars.csv')).toBe(spec.vpars);
        expect(dataRows(files['groups.csv'], 'groups.csv')).toBe(spec.groups);
        expect(dataRows(files['managers.csv'], 'managers.csv')).toBe(spec.managers);
        expect(dataRows(files['packages.csv'], 'packages.csv')).toBe(spec.packages);

        const inv = load(size, seed);
        const sites = new Set([
          ...inv.complexes.map((c) => c.site),
          ...inv.managers.map((m) => m.site),
        ]);
        sites.delete(null);
        expect(sites.size).toBe(spec.sites);
        expect(inv.complexes.filter((c) => c.platform === 'sd2')).toHaveLength(spec.sd2Complexes);
        expect(inv.complexes.filter((c) => c.group === null)).toHaveLength(
          spec.standaloneComplexes,
        );
        expect(inv.npars.filter((n) => n.host === null)).toHaveLength(spec.vparNpars);
        for (const c of inv.complexes) {
          expect(inv.npars.filter((n) => n.complex === c.complex)).toHaveLength(
            spec.nparsPerComplex,
          );
        }
      });
    }
  }
});

describe('generateEstate: determinism', () => {
  for (const size of ESTATE_SIZE_NAMES) {
    it(`${size}: the same seed gives byte-identical files, another seed other files`, () => {
      const a = generateEstate(size, 42);
      const b = generateEstate(size, 42);
      expect(b).toEqual(a);
      const c = generateEstate(size, 43);
      for (const file of ['cells.csv', 'npars.csv', 'packages.csv'] as const) {
        expect(c[file]).not.toBe(a[file]);
      }
    });
  }

  it('writes LF line endings, a final newline and no quoting', () => {
    for (const text of Object.values(generateEstate('small', 9))) {
      expect(text.endsWith('\n')).toBe(true);
      expect(text).not.toContain('\r');
      expect(text).not.toContain('"');
    }
  });

  it('accepts the extreme seeds 0 and 4294967295 and rejects others', () => {
    expect(parseInventory('s0', generateEstate('small', 0)).ok).toBe(true);
    expect(parseInventory('smax', generateEstate('small', 4294967295)).ok).toBe(true);
    expect(() => generateEstate('small', -1)).toThrow(RangeError);
    expect(() => generateEstate('small', 1.5)).toThrow(RangeError);
    expect(() => generateEstate('small', 2 ** 32)).toThrow(RangeError);
  });
});

describe('generateEstate: validity', () => {
  for (const size of ESTATE_SIZE_NAMES) {
    for (const seed of SEEDS) {
      it(`${size} seed ${seed} passes the loader and every rule of spec section 2`, () => {
        const files = generateEstate(size, seed);
        const r = parseInventory(`${size}-${seed}`, files);
        expect(r.errors ?? []).toEqual([]);
        expect(r.ok).toBe(true);
        expect(checkEstateRules(files)).toEqual([]);
      });
    }
  }

  it('the rule check itself finds a broken estate (so the test above can fail)', () => {
    const files = { ...generateEstate('small', 1) };
    const [header, first, ...rest] = files['packages.csv'].split('\n');
    const cols = (first ?? '').split(',');
    cols[1] = '999'; // far more cores than any node has active
    files['packages.csv'] = [header, cols.join(','), ...rest].join('\n');
    const problems = checkEstateRules(files);
    expect(problems.some((p) => p.includes('packages need'))).toBe(true);
    expect(parseInventory('broken', files).ok).toBe(false);
  });

  it('any seed gives a valid small estate (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        const files = generateEstate('small', seed);
        const r = parseInventory(`small-${seed}`, files);
        return r.ok && checkEstateRules(files).length === 0;
      }),
      { numRuns: 60 },
    );
  });

  it('any seed gives a valid medium estate (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), (seed) => {
        const files = generateEstate('medium', seed);
        return parseInventory(`medium-${seed}`, files).ok && checkEstateRules(files).length === 0;
      }),
      { numRuns: 15 },
    );
  });
});

describe('generateEstate: a realistic mix (large, seeds 1–3)', () => {
  const estates = SEEDS.map((seed) => ({ seed, inv: load('large', seed) }));
  const files = SEEDS.map((seed) => generateEstate('large', seed));

  it('has cells of 2–8 cores, 2–4 cells per cellular nPar and 1–4 blades per SD2 nPar', () => {
    for (const { inv } of estates) {
      const platform = new Map(inv.complexes.map((c) => [c.complex, c.platform]));
      for (const cell of inv.cells) {
        expect(cell.cores).toBe(platform.get(cell.complex) === 'sd2' ? 8 : cell.cores);
        expect([2, 4, 8]).toContain(cell.cores);
      }
      for (const c of inv.complexes) {
        const cells = inv.cells.filter((x) => x.complex === c.complex).length;
        expect(cells).toBeLessThanOrEqual(c.platform === 'sd2' ? 8 : 16);
      }
      const perNpar = inv.npars.map((n) => ({
        sd2: platform.get(n.complex) === 'sd2',
        cells: inv.cells.filter((c) => c.complex === n.complex && c.npar === n.npar).length,
      }));
      for (const { sd2, cells } of perNpar) {
        expect(cells).toBeGreaterThanOrEqual(sd2 ? 1 : 2);
        expect(cells).toBeLessThanOrEqual(4);
      }
    }
  });

  it('has inactive cells, unassigned cells and nPars with inactive cores as adoptive capacity', () => {
    for (const { inv } of estates) {
      expect(inv.cells.some((c) => c.npar !== null && !c.active)).toBe(true);
      expect(inv.cells.some((c) => c.npar === null)).toBe(true);
      const figures = deriveFigures(inv);
      const withInactive = [...figures.npars.values()].filter((f) => f.inactive > 0).length;
      expect(withInactive).toBeGreaterThan(inv.npars.length / 2);
      const rightsEqualActive = inv.npars.filter((n) => n.rights === n.active).length;
      expect(rightsEqualActive).toBeGreaterThan(inv.npars.length * 0.8);
      expect(rightsEqualActive).toBeLessThan(inv.npars.length);
    }
  });

  it('has about 1 static vPar in 10 and vPar min/max both given and left to defaults', () => {
    for (const [i, { inv }] of estates.entries()) {
      const staticShare = inv.vpars.filter((v) => v.static).length / inv.vpars.length;
      expect(staticShare).toBeGreaterThan(0.05);
      expect(staticShare).toBeLessThan(0.15);
      const rows = readCsv(files[i]?.['vpars.csv'] ?? '');
      expect(rows.some((r) => r.max === '')).toBe(true);
      expect(rows.some((r) => r.max !== '')).toBe(true);
      expect(rows.some((r) => r.min === '2')).toBe(true);
    }
  });

  it('has a few complexes with unassigned rights and TiCAP in quarter units', () => {
    for (const { inv } of estates) {
      const unassigned = inv.complexes.filter((c) => c.unassignedRights > 0).length;
      expect(unassigned).toBeGreaterThan(0);
      expect(unassigned).toBeLessThan(inv.complexes.length / 2);
      const ticap = inv.complexes.filter((c) => c.ticapMinutes > 0);
      expect(ticap.length).toBeGreaterThan(0);
      expect(ticap.length).toBeLessThan(inv.complexes.length / 2);
      for (const c of ticap) expect(c.ticapMinutes % 10_800).toBe(0);
    }
  });

  it('has one active and one standby manager per group, external and co-located, both takeovers', () => {
    for (const { inv } of estates) {
      const hosts = new Set([
        ...inv.npars.flatMap((n) => (n.host === null ? [] : [n.host])),
        ...inv.vpars.map((v) => v.vpar),
      ]);
      for (const g of inv.groups) {
        const roles = inv.managers.filter((m) => m.group === g.group).map((m) => m.role);
        expect(roles.sort()).toEqual(['active', 'standby']);
      }
      const external = inv.managers.filter((m) => !hosts.has(m.host));
      for (const m of external) {
        expect(m.host).toMatch(/^gm\d\d$/);
        expect(m.site).not.toBeNull();
      }
      expect(external.length).toBeGreaterThan(0);
      expect(external.length).toBeLessThan(inv.managers.length);
      const standbys = inv.managers.filter((m) => m.role === 'standby');
      expect(new Set(standbys.map((m) => m.takeover))).toEqual(new Set(['serviceguard', 'manual']));
    }
  });

  it('owns the required sharing rights in most groups, and a bit less in some estates', () => {
    let short = 0;
    for (const { inv } of estates) {
      const figures = deriveFigures(inv);
      let compliant = 0;
      for (const g of inv.groups) {
        const required = figures.groups.get(g.group)?.sharingRightsRequired ?? 0;
        expect(required).toBeGreaterThan(0);
        if (g.sharingRights >= required) compliant++;
        else {
          short++;
          expect(required - g.sharingRights).toBeLessThanOrEqual(Math.ceil(required * 0.1));
        }
      }
      expect(compliant).toBeGreaterThan(inv.groups.length / 2);
    }
    expect(short).toBeGreaterThan(0);
  });

  it('has packages on 1–3 nodes, 5 % vm with a boot time, ≥ 10 % TiCAP, starts of 10–300 s', () => {
    for (const { inv } of estates) {
      const byNodes = [1, 2, 3].map((k) => inv.packages.filter((p) => p.nodes.length === k).length);
      expect(byNodes.reduce((a, b) => a + b, 0)).toBe(600);
      expect(byNodes[0]).toBe(6); // 1 %: non-failover load
      expect(byNodes[1]).toBeGreaterThan(byNodes[2] ?? 0);
      expect(byNodes[2]).toBeGreaterThan(100);
      const vm = inv.packages.filter((p) => p.kind === 'vm');
      expect(vm.length).toBe(30);
      const alone = new Set(inv.complexes.filter((c) => c.group === null).map((c) => c.complex));
      for (const p of vm) {
        expect(p.vmBootS).toBeGreaterThanOrEqual(120);
        expect(p.vmBootS).toBeLessThanOrEqual(400);
      }
      // TiCAP: at least 10 %, most packages of standalone complexes (no group to borrow from).
      const ticap = inv.packages.filter((p) => p.ticap).length;
      expect(ticap).toBeGreaterThanOrEqual(60);
      expect(ticap).toBeLessThan(100);
      const standaloneHosts = new Set([
        ...inv.npars.flatMap((n) => (n.host !== null && alone.has(n.complex) ? [n.host] : [])),
        ...inv.vpars.flatMap((v) => (alone.has(v.complex) ? [v.vpar] : [])),
      ]);
      const onStandalone = inv.packages.filter((p) => standaloneHosts.has(p.nodes[0] ?? ''));
      expect(onStandalone.filter((p) => p.ticap).length).toBeGreaterThan(onStandalone.length * 0.6);
      for (const p of inv.packages) {
        expect(p.startS).toBeGreaterThanOrEqual(10);
        expect(p.startS).toBeLessThanOrEqual(300);
      }
      expect(new Set(inv.packages.map((p) => p.priority)).size).toBeGreaterThan(3);
    }
  });

  it('fails grouped packages over to another member of the group, sometimes on another site', () => {
    for (const { inv } of estates) {
      const complexOf = new Map<string, string>();
      for (const n of inv.npars) if (n.host !== null) complexOf.set(n.host, n.complex);
      for (const v of inv.vpars) complexOf.set(v.vpar, v.complex);
      const cx = new Map(inv.complexes.map((c) => [c.complex, c]));
      let sameGroup = 0;
      let otherSite = 0;
      let failover = 0;
      for (const p of inv.packages) {
        const primary = cx.get(complexOf.get(p.nodes[0] ?? '') ?? '');
        if (primary?.group == null || p.nodes.length < 2) continue;
        failover++;
        const adoptives = p.nodes.slice(1).map((h) => cx.get(complexOf.get(h) ?? ''));
        if (adoptives.every((c) => c?.group === primary.group)) sameGroup++;
        if (adoptives.some((c) => c?.site !== primary.site)) otherSite++;
      }
      expect(sameGroup).toBe(failover);
      // Clusters pair complexes across sites (campus clusters), so most have a remote adoptive.
      expect(otherSite / failover).toBeGreaterThan(0.2);
      expect(otherSite / failover).toBeLessThan(0.9);
    }
  });
});

describe('generateEstate: Serviceguard clusters (spec 8.1)', () => {
  it('gives the large estate several clusters per group, with every lock kind', () => {
    const inv = load('large', 1);
    const clusters = inv.clusters ?? [];
    expect(new Set(clusters.map((c) => c.lock))).toEqual(
      new Set(['none', 'disk', 'dual-disk', 'lun', 'quorum-server']),
    );
    const complexOf = new Map<string, string>();
    for (const n of inv.npars) if (n.host !== null) complexOf.set(n.host, n.complex);
    for (const v of inv.vpars) complexOf.set(v.vpar, v.complex);
    const groupOf = new Map(inv.complexes.map((c) => [c.complex, c.group ?? '']));
    const perGroup = new Map<string, number>();
    for (const c of clusters) {
      const g = groupOf.get(complexOf.get(c.nodes[0] ?? '') ?? '') ?? '';
      perGroup.set(g, (perGroup.get(g) ?? 0) + 1);
      // [C6] lock disks and LUNs serve at most 4 nodes.
      if (c.lock === 'disk' || c.lock === 'dual-disk' || c.lock === 'lun') {
        expect(c.nodes.length).toBeLessThanOrEqual(4);
      }
    }
    for (const g of inv.groups) expect(perGroup.get(g.group) ?? 0).toBeGreaterThan(2);
  });
});

describe('generateEstate: most single failures survive, not all (engine, max-failures 1)', () => {
  const floor: Record<EstateSize, number> = { small: 0.5, medium: 0.75, large: 0.85 };
  for (const size of ESTATE_SIZE_NAMES) {
    it(`${size}, seeds 1–3`, () => {
      for (const seed of SEEDS) {
        const { summary } = plan(load(size, seed));
        expect(summary.lost).toBeGreaterThan(0);
        expect(summary.survived / summary.scenarios).toBeGreaterThan(floor[size]);
      }
    });
  }
});
