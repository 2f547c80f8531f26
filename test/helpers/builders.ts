/**
 * Builders for engine tests (style.md practice 9): a validated-shape Inventory from terse parts, with
 * the spec's defaults, sorted as the loader sorts. Engine tests need no files.
 */
import type {
  Cell,
  Cluster,
  Dependency,
  NodeCapacity,
  PackageWeight,
  Complex,
  GicapGroup,
  GroupManager,
  Inventory,
  NPartition,
  Package,
  VPar,
} from '../../src/domain/types.js';
import { sortInventory } from '../../src/domain/order.js';

export const complex = (name: string, more: Partial<Complex> = {}): Complex => ({
  complex: name,
  platform: 'cellular',
  group: null,
  site: null,
  unassignedRights: 0,
  ticapMinutes: 0,
  ...more,
});

/** `cells('server1', 'db1', 2, 4)`: two 4-core active cells c0, c1 (names prefixed by the nPar). */
export const cells = (
  cx: string,
  npar: string,
  count: number,
  cores: number,
  more: Partial<Cell> = {},
): Cell[] =>
  Array.from({ length: count }, (_, i) => ({
    complex: cx,
    cell: `${npar}-c${i}`,
    npar,
    cores,
    active: true,
    ...more,
  }));

export const npar = (
  cx: string,
  name: string,
  rights: number,
  more: Partial<NPartition> = {},
): NPartition => ({
  complex: cx,
  npar: name,
  host: name,
  rights,
  active: rights,
  ...more,
});

export const vpar = (
  cx: string,
  np: string,
  name: string,
  cores: number,
  more: Partial<VPar> = {},
): VPar => ({
  complex: cx,
  npar: np,
  vpar: name,
  cores,
  min: 1,
  max: 64,
  static: false,
  ...more,
});

export const group = (name: string, sharingRights: number, heldRights = 0): GicapGroup => ({
  group: name,
  sharingRights,
  heldRights,
});

export const manager = (
  grp: string,
  host: string,
  more: Partial<GroupManager> = {},
): GroupManager => ({
  group: grp,
  host,
  role: 'active',
  site: null,
  takeover: 'serviceguard',
  ...more,
});

export const pkg = (
  name: string,
  cores: number,
  nodes: string[],
  more: Partial<Package> = {},
): Package => ({
  package: name,
  cores,
  nodes,
  priority: null,
  startS: 0,
  kind: 'app',
  vmBootS: null,
  ticap: false,
  onStartFailure: 'halt',
  autoRun: true,
  failoverPolicy: 'configured_node',
  ...more,
});

export interface InventoryParts {
  name?: string;
  complexes: Complex[];
  cells: Cell[];
  npars: NPartition[];
  vpars?: VPar[];
  groups?: GicapGroup[];
  managers?: GroupManager[];
  packages: Package[];
  clusters?: Cluster[] | null;
  dependencies?: Dependency[];
  capacities?: NodeCapacity[];
  weights?: PackageWeight[];
}

export function inventory(parts: InventoryParts): Inventory {
  return sortInventory({
    name: parts.name ?? 'test',
    sha256: '0'.repeat(64),
    complexes: parts.complexes,
    cells: parts.cells,
    npars: parts.npars,
    vpars: parts.vpars ?? [],
    groups: parts.groups ?? [],
    managers: parts.managers ?? [],
    packages: parts.packages,
    clusters: parts.clusters ?? null,
    dependencies: parts.dependencies ?? [],
    capacities: parts.capacities ?? [],
    weights: parts.weights ?? [],
  });
}

/** A cluster row with the spec's defaults (no lock, no MEMBER_TIMEOUT). */
export const cluster = (name: string, nodes: string[], more: Partial<Cluster> = {}): Cluster => ({
  cluster: name,
  nodes,
  lock: 'none',
  lockSites: [],
  quorumServer: null,
  memberTimeoutS: null,
  ...more,
});

/**
 * The seed's Figure 15 (domain-rules E2): server1 (db1 8 rights on 2×4 cores, db3 6), server2 (db2 2
 * active + 6 inactive, db4 4), group g1 with 12 sharing rights, external manager ap1, no standby,
 * one 8-core package on db1 then db2.
 */
export function seedFig15(overrides: Partial<InventoryParts> = {}): Inventory {
  return inventory({
    name: 'seed-fig15',
    complexes: [complex('server1', { group: 'g1' }), complex('server2', { group: 'g1' })],
    cells: [
      ...cells('server1', 'db1', 2, 4),
      ...cells('server1', 'db3', 2, 4),
      ...cells('server2', 'db2', 2, 4),
      ...cells('server2', 'db4', 2, 4),
    ],
    npars: [
      npar('server1', 'db1', 8),
      npar('server1', 'db3', 6),
      npar('server2', 'db2', 2),
      npar('server2', 'db4', 4),
    ],
    groups: [group('g1', 12)],
    managers: [manager('g1', 'ap1')],
    packages: [pkg('pkg1', 8, ['db1', 'db2'])],
    ...overrides,
  });
}
