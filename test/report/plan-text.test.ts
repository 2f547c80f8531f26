/**
 * The first screen of `gicap plan` on the terminal (issue 12, points 3–5): totals, not one line per
 * partition; losses by number of failures; what a purchase can fix; the shortfall per group counted
 * on nPar rows only; worst scenarios first; the next command; one number formatter and proper
 * plurals; a word why a compliant group's minimum is above what it owns.
 */
import { describe, expect, it } from 'vitest';
import type { PlanReport, ScenarioResult } from '../../src/domain/result.js';
import { losingWorstFirst, shortfallByGroup } from '../../src/report/headline.js';
import { renderPlanText } from '../../src/report/plan-text.js';
import { goldenReports } from '../helpers/golden-cases.js';

const reports = goldenReports(['mixed-estate-k1', 'mixed-estate-k2', 'mixed-estate-changed']);
const opts = { inventory: 'data/mixed-estate' };

describe('gicap plan on the terminal', () => {
  it('prints the first questions answered, in totals', () => {
    expect(renderPlanText(reports['mixed-estate-k2'], opts)).toEqual([
      'mixed-estate: 258 scenarios (up to 2 failures), 210 survive, 48 lose 357 packages in all',
      '  N+1: none of 24 scenarios loses a package',
      '  N+2: 48 of 234 scenarios lose 357 packages',
      // The numbers optimize gives: after its purchase, 43 scenarios lose 342 packages.
      '  A purchase can fix 5 losing scenarios (15 package losses); no purchase can fix 342 package losses (no-surviving-node 71, vpar-max 2, cluster-halted 252, dependency 17): 43 scenarios lose only these.',
      '  Shortfall: none (no partition short of inactive cores, no group short of sharing rights); sizing counts only those, so what saves the 5 losing scenarios a purchase can fix (core usage rights, TiCAP) is priced by gicap optimize',
      '  gA: sharing rights owned 28, required 28, minimum 28: compliant',
      '  gB: sharing rights owned 45, required 45, minimum 31: compliant',
      '  Worst: complex:east-sd1 + site:dc-west (16 packages lost); complex:west-sd1 + site:dc-east (16 packages lost); site:dc-east + site:dc-west (16 packages lost)',
      '  Slowest back (listed scenarios): bwdb up to 1 h 13 min 56 s (typ. 24 min 26 s) in complex:west-sd2 + npar:east-sd2/adm; sapdb up to 1 h 13 min 56 s (typ. 24 min 26 s) in complex:east-sd2 + npar:west-sd2/sap; vm-tools up to 1 h 12 min 20 s (typ. 22 min 53 s) in complex:east-sd2 + npar:west-sd2/ora2',
      '  Next: gicap optimize data/mixed-estate --costs COSTS.csv --max-failures 2',
    ]);
  });

  it('marks a changed estate and compares first: losses, shortfall, flips; explains a minimum above owned', () => {
    const base = reports['mixed-estate-changed'];
    // gA compliant, but its minimum (29) above the 28 it owns: that needs a word.
    const report: PlanReport = {
      ...base,
      groups: base.groups.map((g) => (g.group === 'gA' ? { ...g, sharingRightsMinimum: 29 } : g)),
    };
    expect(renderPlanText(report, opts)).toEqual([
      'mixed-estate (changed estate, 2 --set changes): 24 scenarios (up to 1 failure), 21 survive, 3 lose 3 packages in all',
      '  Against the baseline (cells.west-sd1/c1.cores=6, groups.gB.sharing_rights=44):',
      '    scenarios that lose a package 0 → 3; packages lost (sum over scenarios) 0 → 3; inactive cores (nPars) 78 → 76; inactive cores short (nPars) 0 → 2; sharing rights short 0 → 1; groups not compliant 0 → 1; 3 scenarios flip (0 now survive, 3 now lose)',
      '  N+1: 3 of 24 scenarios lose 3 packages',
      '  A purchase can fix 3 losing scenarios (3 package losses); every loss is one a purchase can fix.',
      '  Shortfall: gA 2 inactive cores (west-sd1/np-db); gB 1 sharing right',
      '  gA: sharing rights owned 28, required 26, minimum 29: compliant (minimum above owned: installing the inactive cores short needs 1 more sharing right)',
      '  gB: sharing rights owned 44, required 45, minimum 31: NOT compliant (short by 1)',
      '  Worst: site:dc-east (1 package lost); complex:east-sd1 (1 package lost); npar:east-sd1/np-db (1 package lost)',
      '  Slowest back (listed scenarios): sapdb up to 1 h 11 min 37 s (typ. 23 min 19 s) in site:dc-east; vm-tools up to 1 h 9 min 23 s (typ. 21 min 32 s) in site:dc-east; mon up to 1 h 6 min 13 s (typ. 18 min 22 s) in site:dc-east',
      // The next command runs on the changed estate, not the baseline.
      '  Next: gicap optimize data/mixed-estate --costs COSTS.csv --max-failures 1 --set cells.west-sd1/c1.cores=6 --set groups.gB.sharing_rights=44',
    ]);
  });

  it('carries the changes and a non-default outage into every next command', () => {
    const base = reports['mixed-estate-changed'];
    const noPurchase: PlanReport = {
      ...base,
      parameters: { ...base.parameters, outageHours: 8_760 },
      summary: { ...base.summary, lostFixable: 0, nonCompliantGroups: 0 },
      partitions: base.partitions.map((p) => ({ ...p, shortfall: 0 })),
    };
    const next = (r: PlanReport): string | undefined =>
      renderPlanText(r, opts).find((l) => l.startsWith('  Next: '));
    expect(next(noPurchase)).toBe(
      '  Next: gicap what-if data/mixed-estate --fail site:dc-east --outage-hours 8760 --set cells.west-sd1/c1.cores=6 --set groups.gB.sharing_rights=44',
    );
    expect(next({ ...noPurchase, scenarios: [] })).toBe(
      '  Next: gicap plan data/mixed-estate --max-failures 2 --outage-hours 8760 --set cells.west-sd1/c1.cores=6 --set groups.gB.sharing_rights=44',
    );
  });

  it('says "all survive" rather than "0 lose 0 packages", and formats large counts with commas', () => {
    const base = reports['mixed-estate-k1'];
    expect(renderPlanText(base, opts)[0]).toBe(
      'mixed-estate: 24 scenarios (up to 1 failure), all survive',
    );
    const report: PlanReport = {
      ...base,
      summary: {
        ...base.summary,
        scenarios: 356_989,
        survived: 356_989,
        lost: 0,
        packagesLost: 0,
        byFailures: [
          { failures: 1, scenarios: 1_024, lost: 0, packagesLost: 0 },
          { failures: 2, scenarios: 355_965, lost: 0, packagesLost: 0 },
        ],
        lostFixable: 0,
        packagesLostFixable: 0,
        packagesLostByReason: [],
      },
      parameters: { ...base.parameters, maxFailures: 2 },
      scenarios: [],
    };
    const lines = renderPlanText(report, opts);
    expect(lines[0]).toBe('mixed-estate: 356,989 scenarios (up to 2 failures), all survive');
    expect(lines[1]).toBe('  N+1: none of 1,024 scenarios loses a package');
    expect(lines[2]).toBe('  N+2: none of 355,965 scenarios loses a package');
  });
});

describe('gicap plan on the terminal, many groups', () => {
  it('prints one total line and only the groups that need a word beyond four groups', () => {
    const base = reports['mixed-estate-changed'];
    const gA = base.groups.find((g) => g.group === 'gA');
    if (gA === undefined) throw new Error('the estate has group gA');
    const more = ['g3', 'g4', 'g5'].map((group) => ({ ...gA, group, members: [] }));
    const lines = renderPlanText({ ...base, groups: [...base.groups, ...more] }, opts);
    expect(lines.filter((l) => /^ {2}(Groups|g[A-Z\d])/.test(l))).toEqual([
      '  Groups: 4 of 5 groups compliant',
      '  gB: sharing rights owned 44, required 45, minimum 31: NOT compliant (short by 1)',
    ]);
  });
});

describe('the first screen, shared by every format', () => {
  it('counts a group’s shortfall on nPar rows only (a vPar row repeats its nPar’s)', () => {
    const base = reports['mixed-estate-k1'];
    const report: PlanReport = {
      ...base,
      partitions: base.partitions.map((p) =>
        p.complex === 'east-sd1' && p.npar === 'np-app' ? { ...p, shortfall: 3 } : p,
      ),
    };
    // east-sd1/np-app and its three vPar rows all show 3: gA is short of 3 cores, not 12.
    expect(report.partitions.filter((p) => p.shortfall === 3)).toHaveLength(4);
    expect(shortfallByGroup(report).find((g) => g.group === 'gA')).toEqual({
      group: 'gA',
      inactiveCores: 3,
      partitions: ['east-sd1/np-app'],
      sharingRights: 0,
      compliant: true,
    });
  });

  it('lists losing scenarios worst first: packages lost, then the latest back', () => {
    const base = reports['mixed-estate-changed'];
    const npar = base.scenarios.find((s) => s.id === 'npar:east-sd1/np-db') as ScenarioResult;
    const lostPkg = npar.packages[0];
    if (lostPkg === undefined) throw new Error('npar:east-sd1/np-db loses oradb-e');
    const twoLost: ScenarioResult = {
      ...npar,
      id: 'site:west',
      packages: [lostPkg, { ...lostPkg, package: 'pkg9' }],
    };
    const report: PlanReport = { ...base, scenarios: [...base.scenarios, twoLost] };
    expect(losingWorstFirst(report).map((s) => s.id)).toEqual([
      'site:west', // 2 packages lost
      'site:dc-east', // 1 lost, sapdb back after 1 h 11 min 37 s at most
      'complex:east-sd1', // 1 lost, web-e back after 4 min 44 s at most
      'npar:east-sd1/np-db', // 1 lost, nothing moved
    ]);
  });
});
