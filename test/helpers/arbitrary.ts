/**
 * fast-check generator of small valid estates: 2–3 complexes (cellular or SD2) in one group or none,
 * 1–3 nPars each (some running vPars), an external manager with an optional standby, 1–4 packages
 * whose base load fits their primary. Small enough that every k ≤ 2 scenario runs in milliseconds.
 */
import fc from 'fast-check';
import type {
  Cell,
  Complex,
  GroupManager,
  Inventory,
  NPartition,
  Package,
  VPar,
} from '../../src/domain/types.js';
import { inventory } from './builders.js';

interface NodeSlot {
  host: string;
  active: number;
}

export const estateArb: fc.Arbitrary<Inventory> = fc
  .record({
    complexes: fc.array(
      fc.record({
        sd2: fc.boolean(),
        unassigned: fc.integer({ min: 0, max: 4 }),
        ticap: fc.constantFrom(0, 0, 43_200),
        npars: fc.array(
          fc.record({
            cells: fc.array(
              fc.record({ cores: fc.integer({ min: 2, max: 4 }), active: fc.boolean() }),
              { minLength: 1, maxLength: 3 },
            ),
            rightsFrac: fc.double({ min: 0, max: 1, noNaN: true }),
            vpars: fc.integer({ min: 0, max: 2 }),
            staticVpar: fc.boolean(),
          }),
          { minLength: 1, maxLength: 3 },
        ),
      }),
      { minLength: 2, maxLength: 3 },
    ),
    grouped: fc.boolean(),
    standby: fc.boolean(),
    held: fc.integer({ min: 0, max: 3 }),
    packages: fc.array(
      fc.record({
        primary: fc.nat(),
        adoptives: fc.array(fc.nat(), { minLength: 0, maxLength: 2 }),
        coresFrac: fc.double({ min: 0, max: 1, noNaN: true }),
        priority: fc.integer({ min: 1, max: 3 }),
        ticap: fc.boolean(),
        next: fc.boolean(),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map((spec) => {
    const complexes: Complex[] = [];
    const cellsOut: Cell[] = [];
    const npars: NPartition[] = [];
    const vpars: VPar[] = [];
    const slots: NodeSlot[] = [];
    spec.complexes.forEach((c, ci) => {
      const cx = `C${ci}`;
      complexes.push({
        complex: cx,
        platform: c.sd2 ? 'sd2' : 'cellular',
        group: spec.grouped ? 'g' : null,
        site: null,
        unassignedRights: c.unassigned,
        ticapMinutes: c.ticap,
      });
      c.npars.forEach((n, ni) => {
        const np = `n${ni}`;
        // At least one active cell (loader rule).
        const cellSpecs = n.cells.map((x, i) => ({ ...x, active: x.active || i === 0 }));
        cellSpecs.forEach((x, i) =>
          cellsOut.push({
            complex: cx,
            cell: `${np}c${i}`,
            npar: np,
            cores: x.cores,
            active: x.active,
          }),
        );
        const installed = cellSpecs.filter((x) => x.active).reduce((s, x) => s + x.cores, 0);
        const activeCells = cellSpecs.filter((x) => x.active).length;
        // R1: rights ≥ active cells; rights ≤ installed.
        const rights = activeCells + Math.floor(n.rightsFrac * (installed - activeCells));
        const withVpars = n.vpars > 0 && rights >= n.vpars;
        npars.push({
          complex: cx,
          npar: np,
          host: withVpars ? null : `${cx}${np}`.toLowerCase(),
          rights,
          active: rights,
        });
        if (!withVpars) {
          slots.push({ host: `${cx}${np}`.toLowerCase(), active: rights });
          return;
        }
        // Split the nPar's active cores over its vPars (Σ vPar cores ≤ active, V4).
        let left = rights;
        for (let v = 0; v < n.vpars; v++) {
          const cores = v === n.vpars - 1 ? left : Math.max(1, Math.floor(left / 2));
          left -= cores;
          const name = `${cx}${np}v${v}`.toLowerCase();
          vpars.push({
            complex: cx,
            npar: np,
            vpar: name,
            cores,
            min: 1,
            max: installed,
            static: n.staticVpar && v === 1,
          });
          slots.push({ host: name, active: cores });
        }
      });
    });
    const managers: GroupManager[] = spec.grouped
      ? [
          { group: 'g', host: 'gm1', role: 'active', site: null, takeover: 'serviceguard' },
          ...(spec.standby
            ? [
                {
                  group: 'g',
                  host: 'gm2',
                  role: 'standby' as const,
                  site: null,
                  takeover: 'serviceguard' as const,
                },
              ]
            : []),
        ]
      : [];
    const load = new Map<string, number>();
    const packages: Package[] = [];
    spec.packages.forEach((p, i) => {
      const primary = slots[p.primary % slots.length];
      if (primary === undefined) return;
      const free = primary.active - (load.get(primary.host) ?? 0);
      if (free < 1) return;
      const cores = 1 + Math.floor(p.coresFrac * (free - 1));
      load.set(primary.host, (load.get(primary.host) ?? 0) + cores);
      const nodes = [primary.host];
      for (const a of p.adoptives) {
        const h = slots[a % slots.length]?.host;
        if (h !== undefined && !nodes.includes(h)) nodes.push(h);
      }
      packages.push({
        package: `p${i}`,
        cores,
        nodes,
        priority: p.priority,
        startS: 10,
        kind: 'app',
        vmBootS: null,
        ticap: p.ticap,
        onStartFailure: p.next ? 'next' : 'halt',
        autoRun: true,
        failoverPolicy: 'configured_node',
      });
    });
    return inventory({
      complexes,
      cells: cellsOut,
      npars,
      vpars,
      groups: spec.grouped ? [{ group: 'g', sharingRights: 100, heldRights: spec.held }] : [],
      managers,
      packages,
    });
  });
