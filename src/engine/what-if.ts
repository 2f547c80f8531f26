/**
 * Resolving a planner's `--fail` arguments into one explicit scenario (spec 6, what-if): a unit id as
 * in the JSON (`complex:C`, `npar:C/N`, `vpar:C/N/V`, `site:S`, `host:H`), a bare host name (an nPar
 * host, a vPar, or an external manager host), a bare complex or site name, or `gm:GROUP` for the
 * group's active manager.
 */
import { editDistance } from '../text/names.js';
import { inputError } from '../errors.js';
import { compareText } from './estate.js';
import { DownState } from './failure-units.js';
import type { ExplicitScenario, PlanContext } from './plan.js';
import { at } from './names.js';

export function resolveFailures(ctx: PlanContext, specs: readonly string[]): ExplicitScenario {
  const { estate, index } = ctx;
  const unitById = new Map(index.units.map((u, i) => [u.id, i]));
  const units = new Set<number>();
  const managerDown = new Set<string>();
  const gmUnits = new Set<string>();
  const errors: string[] = [];

  const addSite = (site: string): boolean => {
    const s = estate.sites.indexOf(site);
    if (s < 0) return false;
    const u = at(index.siteUnit, s, 'site unit');
    if (u >= 0) {
      units.add(u);
    } else {
      // A single-site estate has no site units: fail what the site holds instead.
      for (const c of estate.complexes)
        if (c.site === s) units.add(at(index.complexUnit, c.idx, 'complex unit'));
      for (const h of estate.externalHosts)
        if (h.site === s) units.add(at(index.externalUnit, h.idx, 'host unit'));
    }
    return true;
  };

  for (const spec of specs) {
    const text = spec.trim();
    if (text.startsWith('gm:')) {
      const group = estate.groups.find((g) => g.name === text.slice(3));
      if (group === undefined) {
        errors.push(
          `--fail ${spec}: unknown group "${text.slice(3)}" (known groups: ${estate.groups.map((g) => g.name).join(', ') || 'none'})`,
        );
      } else if (group.active.external >= 0) {
        units.add(at(index.externalUnit, group.active.external, 'host unit'));
      } else {
        // A manager on a partition: its role fails, the partition keeps running (assumption A-06).
        managerDown.add(group.active.host);
        gmUnits.add(`gm:${group.name}`);
      }
      continue;
    }
    if (text.startsWith('site:')) {
      if (!addSite(text.slice(5)))
        errors.push(
          `--fail ${spec}: unknown site (known sites: ${estate.sites.join(', ') || 'none'})`,
        );
      continue;
    }
    const direct = unitById.get(text);
    if (direct !== undefined) {
      units.add(direct);
      continue;
    }
    const node = estate.nodeByHost.get(text);
    if (node !== undefined) {
      const n = at(estate.nodes, node, 'node');
      units.add(
        n.vpar >= 0
          ? at(index.vparUnit, n.vpar, 'vPar unit')
          : at(index.nparUnit, n.npar, 'nPar unit'),
      );
      continue;
    }
    const ext = estate.externalHosts.find((h) => h.host === text);
    if (ext !== undefined) {
      units.add(at(index.externalUnit, ext.idx, 'host unit'));
      continue;
    }
    const complex = estate.complexes.find((c) => c.name === text);
    if (complex !== undefined) {
      units.add(at(index.complexUnit, complex.idx, 'complex unit'));
      continue;
    }
    if (addSite(text)) continue;
    errors.push(
      `--fail ${spec}: unknown unit (expected complex:C, npar:C/N, vpar:C/N/V, site:S, host:H, gm:GROUP or a host name; closest of each kind: ${closestUnits(ctx, text).join(', ')})`,
    );
  }
  if (errors.length > 0)
    throw inputError(
      `${errors.length} --fail ${errors.length === 1 ? 'argument' : 'arguments'} not understood`,
      errors,
    );
  if (units.size === 0 && gmUnits.size === 0)
    throw inputError('what-if needs at least one --fail UNIT');

  // The scenario is the canonical form of what was failed (spec 3.1).
  const down = new DownState(estate, index);
  down.apply([...units].filter((u) => u >= 0).sort((a, b) => a - b));
  return {
    units: down.canonical(),
    managerDown: [...managerDown].sort(compareText),
    gmUnits: [...gmUnits].sort(compareText),
  };
}

/** A unit a planner may name, the id to suggest and the names it may be typed as. */
interface UnitName {
  readonly id: string;
  readonly aliases: readonly string[];
}

const UNIT_PREFIX = /^(complex|npar|vpar|site|host):/;

/**
 * For an unknown `--fail` text, the closest unit of every kind the estate has (complex, nPar, vPar,
 * site, host), as ids `--fail` accepts, so a mistyped kind or name shows its likely target
 * whichever kind was meant. An nPar also matches as `C/HOST` (its host name in place of its name).
 */
export function closestUnits(ctx: PlanContext, text: string): string[] {
  const { estate } = ctx;
  const typed = text.replace(UNIT_PREFIX, '').toLowerCase();
  const hosts = [...estate.nodeByHost.keys(), ...estate.externalHosts.map((h) => h.host)].sort(
    compareText,
  );
  // A host is one name: compare it with the last part of what was typed (`npar:C/HOST` → HOST).
  const typedHost = typed.slice(typed.lastIndexOf('/') + 1);
  const kinds: [string, readonly UnitName[]][] = [
    [typed, estate.complexes.map((c) => ({ id: `complex:${c.name}`, aliases: [c.name] }))],
    [
      typed,
      estate.npars.map((n) => {
        const complex = n.key.slice(0, n.key.indexOf('/'));
        return {
          id: `npar:${n.key}`,
          aliases: n.host === null ? [n.key] : [n.key, `${complex}/${n.host}`],
        };
      }),
    ],
    [typed, estate.vpars.map((v) => ({ id: `vpar:${v.key}`, aliases: [v.key] }))],
    [typed, estate.sites.map((s) => ({ id: `site:${s}`, aliases: [s] }))],
    [typedHost, hosts.map((h) => ({ id: h, aliases: [h] }))],
  ];
  const out: string[] = [];
  for (const [target, names] of kinds) {
    let best: string | null = null;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const u of names) {
      const d = Math.min(...u.aliases.map((a) => editDistance(target, a.toLowerCase())));
      if (d < bestDistance) {
        best = u.id;
        bestDistance = d;
      }
    }
    if (best !== null) out.push(best);
  }
  return out;
}
