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
import { comparedReport, mixedReport } from '../fixtures/reports/mixed-report.js';

const opts = { inventory: 'data/mixed' };

describe('gicap plan on the terminal', () => {
  it('prints the first questions answered, in totals', () => {
    const base = mixedReport();
    // g1 compliant, but its minimum (13) above the 12 it owns: that needs a word.
    const report: PlanReport = {
      ...base,
      groups: base.groups.map((g) => (g.group === 'g1' ? { ...g, sharingRightsMinimum: 13 } : g)),
    };
    expect(renderPlanText(report, opts)).toEqual([
      'mixed-estate: 6 scenarios (up to 1 failure), 4 survive, 2 lose 2 packages in all',
      '  N+1: 2 of 6 scenarios lose 2 packages',
      '  A purchase can fix 2 losing scenarios (2 package losses); every loss is one a purchase can fix.',
      '  Shortfall: g1 2 inactive cores (server1/db3); g2 1 sharing right',
      '  g1: sharing rights owned 12, required 12, minimum 13: compliant (minimum above owned: installing the inactive cores short needs 1 more sharing right)',
      '  g2: sharing rights owned 4, required 5, minimum 3: NOT compliant (short by 1)',
      '  Worst: complex:sd1 (1 package lost); npar:server2/db4 (1 package lost)',
      '  Slowest back (listed scenarios): pkg3 up to 7 min 29 s (typ. 4 min 16 s) in site:east; pkg1 up to 7 min 1 s (typ. 3 min 47 s) in site:east; pkg4 up to 2 min 15 s (typ. 108 s) in vpar:sd1/np1/vp1',
      '  Next: gicap optimize data/mixed --costs COSTS.csv --max-failures 1',
    ]);
  });

  it('marks a changed estate and compares first: losses, shortfall, flips', () => {
    expect(renderPlanText(comparedReport(), opts).slice(0, 3)).toEqual([
      'mixed-estate (changed estate, 1 --set change): 6 scenarios (up to 1 failure), 4 survive, 2 lose 2 packages in all',
      '  Against the baseline (packages.pkg2.cores=2):',
      '    scenarios that lose a package 2 → 1; packages lost (sum over scenarios) 2 → 1; inactive cores short (nPars) 2 → 0; 1 scenario flips (1 now survives, 0 now lose)',
    ]);
  });

  it('says "all survive" rather than "0 lose 0 packages", and formats large counts with commas', () => {
    const base = mixedReport();
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
    const base = mixedReport();
    const g1 = base.groups.find((g) => g.group === 'g1');
    if (g1 === undefined) throw new Error('fixture changed');
    const more = ['g3', 'g4', 'g5'].map((group) => ({ ...g1, group, members: [] }));
    const lines = renderPlanText({ ...base, groups: [...base.groups, ...more] }, opts);
    expect(lines.filter((l) => /^ {2}(Groups|g\d)/.test(l))).toEqual([
      '  Groups: 4 of 5 groups compliant',
      '  g2: sharing rights owned 4, required 5, minimum 3: NOT compliant (short by 1)',
    ]);
  });
});

describe('the first screen, shared by every format', () => {
  it('counts a group’s shortfall on nPar rows only (a vPar row repeats its nPar’s)', () => {
    const base = mixedReport();
    const report: PlanReport = {
      ...base,
      partitions: base.partitions.map((p) =>
        p.complex === 'sd1' && p.npar === 'np1' ? { ...p, shortfall: 3 } : p,
      ),
    };
    // sd1/np1 and its two vPar rows all show 3: g2 is short of 3 cores, not 9.
    expect(report.partitions.filter((p) => p.shortfall === 3)).toHaveLength(3);
    expect(shortfallByGroup(report).find((g) => g.group === 'g2')).toEqual({
      group: 'g2',
      inactiveCores: 3,
      partitions: ['sd1/np1'],
      sharingRights: 1,
      compliant: false,
    });
  });

  it('lists losing scenarios worst first: packages lost, then the latest back', () => {
    const base = mixedReport();
    const db4 = base.scenarios.find((s) => s.id === 'npar:server2/db4') as ScenarioResult;
    const lostPkg = db4.packages[0];
    if (lostPkg === undefined) throw new Error('fixture changed');
    const twoLost: ScenarioResult = {
      ...db4,
      id: 'site:west',
      packages: [lostPkg, { ...lostPkg, package: 'pkg9' }],
    };
    const report: PlanReport = { ...base, scenarios: [...base.scenarios, twoLost] };
    expect(losingWorstFirst(report).map((s) => s.id)).toEqual([
      'site:west', // 2 packages lost
      'complex:sd1', // 1 lost, pkg5 back after 93 s at most
      'npar:server2/db4', // 1 lost, nothing moved
    ]);
  });
});
