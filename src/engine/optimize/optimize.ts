/**
 * `optimizePurchase`: the least-cost purchase that makes every scenario of the set survive (spec 4,
 * "Beyond sizing"). Builds the mixed-integer program (milp.ts), has it solved (the solver is passed
 * in, so the engine stays pure), applies the solution to the inventory and re-runs the engine on
 * every scenario. A purchase the engine rejects is cut off (with every smaller one) and the program
 * solved again, for at most `maxRounds` rounds; a purchase is never reported as confirmed unless
 * the re-run confirms it. Units: cores, rights, TiCAP units, sharing rights; costs as priced.
 */
import type { Inventory } from '../../domain/types.js';
import { compileEstate, compareText, type Estate } from '../estate.js';
import { buildUnitIndex } from '../failure-units.js';
import { applyPurchase, platformMaxCores, purchaseChanges } from './apply.js';
import { blockFor, lossKey, scanScenarios, type ScenarioBlock } from './blocks.js';
import { greedyPurchase, repairPurchase, sharingNeeded } from './greedy.js';
import { toLpText } from './lp-model.js';
import { buildMilp, type Milp, type NoGoodCut } from './milp.js';
import {
  KIND_ITEM,
  TICAP_UNIT_MINUTES,
  type ModelSize,
  type OptimizeResult,
  type Purchase,
  type PurchaseCosts,
  type PurchaseItem,
  type PurchaseKind,
  type UnconfirmedScenario,
  type UnsaveableLoss,
} from '../../domain/purchase.js';
import { verifyPurchase, type FailedScenario } from './verify.js';
import { deriveFigures } from '../../domain/derived.js';
import type { LpSolution, LpSolver } from '../../domain/solver.js';
import { at, complexName, groupName, hostName, nparName } from '../names.js';
import { scenarioInput } from '../scenario.js';

export interface OptimizeParams {
  readonly maxFailures: number;
  readonly outageHours: number;
  readonly tool: { readonly name: string; readonly version: string };
  /** The `--set` changes already applied to the inventory, recorded in the result (default none). */
  readonly changes?: readonly string[];
  /** Solve → re-run rounds before giving up (default 20). */
  readonly maxRounds?: number;
  /** Also price the greedy section 4 purchase for comparison (default true). */
  readonly greedy?: boolean;
}

const KIND_ORDER: readonly PurchaseKind[] = [
  'inactive-cores',
  'core-rights',
  'ticap-units',
  'sharing-rights',
];

export function optimizePurchase(
  inv: Inventory,
  given: PurchaseCosts,
  params: OptimizeParams,
  solve: LpSolver,
): OptimizeResult {
  // Every nPar is bounded: by the costs file's max_cores, else by its cells' platform capacity.
  const costs: PurchaseCosts = { ...given, maxCores: platformMaxCores(inv, given.maxCores) };
  const estate = compileEstate(inv);
  const index = buildUnitIndex(estate);
  const outageMinutes = params.outageHours * 60;
  const maxRounds = params.maxRounds ?? 20;
  // One scenario input (and its workspace) for every scenario the optimizer evaluates itself.
  const input = scenarioInput(estate, outageMinutes);
  const scan = scanScenarios(input, index, params.maxFailures, costs.maxCores);
  const unsaveable: UnsaveableLoss[] = [...scan.unsaveable];
  const expected = new Set(unsaveable.map((l) => lossKey(l.scenario, l.package)));
  const blocks: ScenarioBlock[] = [...scan.blocks];
  const lost = new Set<string>();
  const cuts: NoGoodCut[] = [];
  const verifyOpts = {
    maxFailures: params.maxFailures,
    outageMinutes,
    expectedLosses: expected,
  };

  const addLoss = (loss: UnsaveableLoss): void => {
    const key = lossKey(loss.scenario, loss.package);
    if (expected.has(key)) return;
    expected.add(key);
    unsaveable.push(loss);
  };

  // The program's optimum bounds every purchase the engine accepts from below; each purchase the
  // engine confirms (the program's own, a repair of it, or the greedy one) bounds it from above.
  let candidate: Purchase = emptyPurchase();
  const found: { best: Chosen | null } = { best: null };
  let lowerBound = 0;
  let size: ModelSize = { variables: 0, integerVariables: 0, constraints: 0, scenarioBlocks: 0 };
  let rounds = 0;
  let solves = 0;
  let lastFailed: readonly FailedScenario[] = [];
  const consider = (purchase: Purchase, source: PurchaseSource): void => {
    const cost = purchaseCost(purchase, costs);
    const best = found.best;
    if (best === null || cost < best.cost - tolerance(cost))
      found.best = { purchase, cost, source };
  };
  const closed = (): boolean =>
    found.best !== null && found.best.cost <= lowerBound + tolerance(found.best.cost);
  const solveCounted: LpSolver = (lp) => {
    solves++;
    return solve(lp);
  };
  while (rounds < maxRounds) {
    const milp = buildMilp(estate, blocks, costs, {
      outageMinutes,
      allowLoss: false,
      lost,
      cuts,
    });
    size = {
      variables: milp.model.vars.length,
      integerVariables: milp.model.integerCount,
      constraints: milp.model.rows.length,
      scenarioBlocks: blocks.length,
    };
    const solution = runSolver(milp, solveCounted);
    if (solution.status === 'infeasible') {
      // Some packages cannot all be placed together, whatever is bought (vPar max, nPar max
      // cores): find the fewest to leave out, then solve again without them.
      const found = leaveOut(estate, blocks, costs, outageMinutes, lost, cuts, solveCounted);
      if (found.length === 0) break;
      for (const l of found) addLoss(l);
      continue;
    }
    if (solution.status !== 'optimal') {
      throw new Error(`HiGHS did not solve the purchase model: ${solution.detail}`);
    }
    rounds++;
    candidate = readPurchase(estate, milp, solution.values);
    lowerBound = Math.max(lowerBound, purchaseCost(candidate, costs));
    if (closed()) break;
    const check = verifyPurchase(inv, candidate, { ...verifyOpts, limit: 50 });
    if (check.failedCount === 0) {
      consider(candidate, 'model');
      break;
    }
    lastFailed = check.failed;
    // A confirmed purchase near the program's: buy what the engine still finds short (worth trying
    // only while the program's purchase is cheaper than the best confirmed one).
    if (found.best === null || purchaseCost(candidate, costs) < found.best.cost) {
      const chosen = placements(estate, blocks, lost, solution.values);
      const repaired = repairPurchase(inv, candidate, costs, {
        ...verifyOpts,
        maxRounds: 10,
        prefer: (scenario, pkg) => chosen.get(lossKey(scenario, pkg)) ?? null,
      });
      if (repaired.confirmed) consider(repaired.purchase, 'repaired');
    }
    // The engine lost a scenario the program thought saved: model it if it was not, and cut off
    // this purchase and every smaller one for that scenario (assumption A-37).
    for (const f of check.failed) {
      if (blocks.some((b) => b.id === f.id)) continue;
      const made = blockFor(input, index, f.units, costs.maxCores);
      blocks.push(made.block);
      for (const l of made.losses) addLoss(l);
    }
    const withBlocks = buildMilp(estate, blocks, costs, {
      outageMinutes,
      allowLoss: false,
      lost,
      cuts,
    });
    let stuck = false;
    for (const f of check.failed) {
      const bi = blocks.findIndex((b) => b.id === f.id);
      const vars = withBlocks.blockVars[bi] ?? new Set<string>();
      const values = new Map([...vars].map((v) => [v, Math.round(solution.values.get(v) ?? 0)]));
      const canGrow = [...values].some(([v, value]) => {
        const col = withBlocks.model.get(v);
        return col !== undefined && col.ub >= value + 1;
      });
      if (!canGrow) stuck = true;
      else cuts.push({ values });
    }
    if (stuck) break;
  }

  let greedy: OptimizeResult['greedy'] = null;
  if (params.greedy !== false || found.best === null) {
    const g = greedyPurchase(inv, costs, verifyOpts);
    greedy = { totalCost: purchaseCost(g.purchase, costs), confirmed: g.confirmed };
    if (g.confirmed) consider(g.purchase, 'greedy');
  }
  const chosen = found.best;
  const confirmed = chosen !== null;
  const purchase = chosen?.purchase ?? candidate;
  const final = verifyPurchase(inv, purchase, verifyOpts);
  const items = confirmed ? describeItems(inv, estate, purchase, costs, verifyOpts) : [];
  const unconfirmedList: UnconfirmedScenario[] = confirmed
    ? []
    : (final.failed.length > 0 ? final.failed : lastFailed).map((f) => ({
        scenario: f.id,
        packages: f.lost.map((p) => ({ package: p.pkg.name, reason: p.reason })),
      }));
  const proven = closed();
  const totalCost = items.reduce((s, i) => s + i.cost, 0);
  return {
    schemaVersion: 1,
    tool: params.tool,
    inventory: { name: inv.name, sha256: inv.sha256 },
    parameters: {
      maxFailures: params.maxFailures,
      outageHours: params.outageHours,
      changes: [...(params.changes ?? [])],
      unitCosts: {
        inactive_core: costs.unit.inactive_core,
        core_right: costs.unit.core_right,
        sharing_right: costs.unit.sharing_right,
        ticap_unit: costs.unit.ticap_unit,
      },
      maxCores: [...given.maxCores]
        .sort((a, b) => compareText(a[0], b[0]))
        .map(([npar, maxCores]) => ({ npar, maxCores })),
    },
    status: !confirmed
      ? 'unconfirmed'
      : items.length === 0
        ? 'nothing-to-buy'
        : proven
          ? 'optimal'
          : 'confirmed',
    confirmed,
    items,
    totalCost,
    changes: confirmed ? purchaseChanges(inv, purchase) : [],
    scenarios: {
      total: scan.total,
      losingBefore: scan.losingBefore,
      losingAfter: final.losing,
      unsaveable: new Set(unsaveable.map((l) => l.scenario)).size,
    },
    unsaveable: [...unsaveable].sort(
      (a, b) => compareText(a.scenario, b.scenario) || compareText(a.package, b.package),
    ),
    unconfirmed: unconfirmedList,
    greedy,
    solver: {
      name: 'HiGHS',
      rounds,
      solves,
      cuts: cuts.length,
      lowerBound,
      chosen: chosen?.source ?? null,
      model: size,
    },
  };
}

type PurchaseSource = 'model' | 'repaired' | 'greedy';

interface Chosen {
  readonly purchase: Purchase;
  readonly cost: number;
  readonly source: PurchaseSource;
}

/** Relative tolerance on costs (the solver works in floating point). */
function tolerance(cost: number): number {
  return 1e-9 * Math.max(1, Math.abs(cost));
}

/** Where the program placed each package: `lossKey(scenario, package)` → host. */
function placements(
  estate: Estate,
  blocks: readonly ScenarioBlock[],
  lost: ReadonlySet<string>,
  values: ReadonlyMap<string, number>,
): Map<string, string> {
  const out = new Map<string, string>();
  blocks.forEach((b, bi) => {
    b.packages.forEach((p, pi) => {
      if (lost.has(`${bi}/${pi}`)) return;
      const k =
        p.candidates.length === 1
          ? 0
          : p.candidates.findIndex((_, i) => (values.get(`z${bi}_${pi}_${i}`) ?? 0) > 0.5);
      // No candidate chosen (k = -1): the MILP placed the package nowhere, so no host is named.
      if (k >= 0)
        out.set(lossKey(b.id, p.name), hostName(estate, at(p.candidates, k, 'candidate')));
    });
  });
  return out;
}

function emptyPurchase(): Purchase {
  return { cores: new Map(), rights: new Map(), ticap: new Map(), sharing: new Map() };
}

function runSolver(milp: Milp, solve: LpSolver): LpSolution {
  if (milp.model.infeasible !== null) {
    return { status: 'infeasible', detail: milp.model.infeasible, values: new Map() };
  }
  if (milp.model.vars.length === 0)
    return { status: 'optimal', detail: 'empty', values: new Map() };
  return solve(toLpText(milp.model));
}

/**
 * Phase 1 when the program is infeasible: the fewest packages to leave unplaced (later ones in
 * placement order first, as the engine would lose them), as unsaveable losses.
 */
function leaveOut(
  estate: Estate,
  blocks: readonly ScenarioBlock[],
  costs: PurchaseCosts,
  outageMinutes: number,
  lost: Set<string>,
  cuts: readonly NoGoodCut[],
  solve: LpSolver,
): UnsaveableLoss[] {
  const milp = buildMilp(estate, blocks, costs, { outageMinutes, allowLoss: true, lost, cuts });
  const solution = runSolver(milp, solve);
  if (solution.status !== 'optimal') return [];
  const out: UnsaveableLoss[] = [];
  for (const [key, name] of milp.lossVars) {
    if ((solution.values.get(name) ?? 0) < 0.5) continue;
    lost.add(key);
    const [bi, pi] = key.split('/').map(Number);
    const block = at(blocks, bi ?? -1, 'block');
    const p = at(block.packages, pi ?? -1, 'package of a block');
    const hosts = p.candidates.map((n) => hostName(estate, n));
    const onVpar = p.candidates.some((n) => at(estate.nodes, n, 'node').vpar >= 0);
    out.push({
      scenario: block.id,
      package: p.name,
      reason: onVpar ? 'vpar-max' : 'insufficient-inactive-cores',
      detail: `${p.name} cannot be placed on ${hosts.join(', ')} together with the other packages of this scenario: ${onVpar ? 'the vPar max [V1]' : "the most cores its nPar can hold (the costs file's max_cores, else its cells full)"} leaves no room, whatever is bought`,
    });
  }
  return out;
}

/** The purchase in the solution (integers, rounded against solver tolerance). */
function readPurchase(estate: Estate, milp: Milp, values: ReadonlyMap<string, number>): Purchase {
  const pick = <K>(vars: ReadonlyMap<K, string>, key: (k: K) => string): Map<string, number> => {
    const out = new Map<string, number>();
    for (const [k, name] of vars) {
      const v = Math.round(values.get(name) ?? 0);
      if (v > 0) out.set(key(k), v);
    }
    return out;
  };
  return {
    cores: pick(milp.x, (m) => nparName(estate, m)),
    rights: pick(milp.r, (c) => complexName(estate, c)),
    ticap: pick(milp.u, (c) => complexName(estate, c)),
    sharing: pick(milp.s, (g) => groupName(estate, g)),
  };
}

export function purchaseCost(p: Purchase, costs: PurchaseCosts): number {
  const sum = (m: ReadonlyMap<string, number>): number =>
    [...m.values()].reduce((s, n) => s + n, 0);
  return (
    sum(p.cores) * costs.unit.inactive_core +
    sum(p.rights) * costs.unit.core_right +
    sum(p.ticap) * costs.unit.ticap_unit +
    sum(p.sharing) * costs.unit.sharing_right
  );
}

/** Each positive quantity as an item, with its cost and the scenario that binds it. */
function describeItems(
  inv: Inventory,
  estate: Estate,
  purchase: Purchase,
  costs: PurchaseCosts,
  verifyOpts: {
    maxFailures: number;
    outageMinutes: number;
    expectedLosses: ReadonlySet<string>;
  },
): PurchaseItem[] {
  const items: PurchaseItem[] = [];
  const oneFewer = (kind: PurchaseKind, where: string): Purchase => {
    const less = (m: ReadonlyMap<string, number>, hit: boolean): Map<string, number> => {
      const out = new Map(m);
      if (hit) out.set(where, (out.get(where) ?? 0) - 1);
      return out;
    };
    return {
      cores: less(purchase.cores, kind === 'inactive-cores'),
      rights: less(purchase.rights, kind === 'core-rights'),
      ticap: less(purchase.ticap, kind === 'ticap-units'),
      sharing: less(purchase.sharing, kind === 'sharing-rights'),
    };
  };
  const binding = (kind: PurchaseKind, where: string): string | null => {
    if (kind === 'sharing-rights') {
      // Sharing rights bind on compliance, not on a scenario [G1].
      const short = sharingNeeded(inv, oneFewer(kind, where)).get(where) ?? 0;
      return short > 0 ? 'compliance' : null;
    }
    const check = verifyPurchase(inv, oneFewer(kind, where), { ...verifyOpts, limit: 1 });
    return check.failed[0]?.id ?? null;
  };
  const after = deriveFigures(applyPurchase(inv, purchase));
  const add = (kind: PurchaseKind, where: string, quantity: number, detail: string): void => {
    const unitCost = costs.unit[KIND_ITEM[kind]];
    items.push({
      kind,
      where,
      quantity,
      unitCost,
      cost: unitCost * quantity,
      binding: binding(kind, where),
      detail,
    });
  };
  for (const [key, q] of purchase.cores) {
    const n = estate.npars.find((x) => x.key === key);
    if (n === undefined) continue;
    add(
      'inactive-cores',
      key,
      q,
      `${key}: installed ${n.installed} → ${n.installed + q} cores, inactive ${n.inactive} → ${n.inactive + q}`,
    );
  }
  for (const [c, q] of purchase.rights) {
    const cx = inv.complexes.find((x) => x.complex === c);
    add(
      'core-rights',
      c,
      q,
      `${c}: unassigned rights ${cx?.unassignedRights ?? 0} → ${(cx?.unassignedRights ?? 0) + q}`,
    );
  }
  for (const [c, q] of purchase.ticap) {
    const cx = inv.complexes.find((x) => x.complex === c);
    const before = cx?.ticapMinutes ?? 0;
    add(
      'ticap-units',
      c,
      q,
      `${c}: TiCAP balance ${before} → ${before + q * TICAP_UNIT_MINUTES} core-minutes`,
    );
  }
  for (const [g, q] of purchase.sharing) {
    const grp = inv.groups.find((x) => x.group === g);
    const required = after.groups.get(g)?.sharingRightsRequired ?? 0;
    add(
      'sharing-rights',
      g,
      q,
      `${g}: sharing rights ${grp?.sharingRights ?? 0} → ${(grp?.sharingRights ?? 0) + q}, required after the purchase ${required} [G1]`,
    );
  }
  return items.sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || compareText(a.where, b.where),
  );
}

/** The purchase a result lists (its items back as quantities by place). */
export function purchaseOf(result: Pick<OptimizeResult, 'items'>): Purchase {
  const out = emptyPurchase() as {
    cores: Map<string, number>;
    rights: Map<string, number>;
    ticap: Map<string, number>;
    sharing: Map<string, number>;
  };
  const target: Readonly<Record<PurchaseKind, Map<string, number>>> = {
    'inactive-cores': out.cores,
    'core-rights': out.rights,
    'ticap-units': out.ticap,
    'sharing-rights': out.sharing,
  };
  for (const item of result.items) target[item.kind].set(item.where, item.quantity);
  return out;
}
