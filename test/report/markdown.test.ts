import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanReport, ScenarioResult } from '../../src/domain/result.js';
import { escapeMarkdown, renderMarkdown } from '../../src/report/markdown.js';
import { goldenReports } from '../helpers/golden-cases.js';

const reports = goldenReports(['mixed-estate-k1', 'mixed-estate-k2', 'mixed-estate-changed']);

describe('report.md on the mixed estate, single failures (all survive)', () => {
  let md: string;
  let lines: string[];
  beforeAll(() => {
    md = renderMarkdown(reports['mixed-estate-k1']);
    lines = md.split('\n');
  });

  it('starts with the inventory name and the verdict', () => {
    expect(lines[0]).toBe('# Capacity plan: mixed-estate');
    expect(lines[2]).toBe(
      '**No findings:** every scenario evaluated survives and every group is compliant.',
    );
  });

  it('answers the first questions first: losses by failures, shortfall per group, worst times, next command', () => {
    const glance = md.slice(md.indexOf('## At a glance'), md.indexOf('## Summary'));
    expect(md.indexOf('## At a glance')).toBeLessThan(md.indexOf('## Summary'));
    expect(glance).toContain('| N+1 (1 failure) |        24 |              0 |             0 |');
    expect(glance).toContain('No scenario loses a package.');
    expect(glance).toContain(
      '| `gA`  |                    0 | –           |                    0 | yes       |',
    );
    expect(glance).toContain(
      '| vm-tools | 9 min 43 s – 1 h 7 min 42 s (typ. 20 min 39 s) | npar:east-sd2/adm    |                        0 |',
    );
    expect(glance).toContain('… and 6 more packages: see Failover times.');
    expect(glance).toContain(
      '**Next:** `gicap plan mixed-estate --max-failures 2` — every scenario of up to 1 failure survives',
    );
  });

  it('has the summary counts', () => {
    expect(lines).toContain('| Scenarios evaluated                                |    24 |');
    expect(lines).toContain('| Lost (a package is lost)                           |     0 |');
    expect(lines).toContain('| Skipped as equivalent                              |     1 |');
    expect(lines).toContain('| Listed in this report (lose a package, or binding) |    10 |');
  });

  it('has one compliance row per group (owned, required, minimum, compliant, shortfall)', () => {
    expect(lines).toContain(
      '| `gA`  | east-sd1, west-sd1 |    28 |       28 |      28 | yes       |         0 |',
    );
    expect(lines).toContain(
      '| `gB`  | east-sd2, west-sd2 |    45 |       45 |      31 | yes       |         0 |',
    );
  });

  it('has the clusters, with the lock each uses', () => {
    expect(lines).toContain(
      '| campus  |    10 | quorum server qs1 in dc-quorum   |           25 s |       14 |            2 | never    |',
    );
  });

  it('has one sizing row per partition with its binding scenario', () => {
    expect(lines).toContain(
      '| east-sd2/adm          |         0 |               12 |       12 |      4 |      4 |        16 | eadm1 | site:dc-west         |',
    );
    expect(lines).toContain(
      '| east-sd1/np-app/eweb1 |         0 |                0 |        8 |      2 |      – |         – | eweb1 | –                    |',
    );
  });

  it('sorts the sizing table by shortfall, then minimum', () => {
    const sizing = md.slice(md.indexOf('## Sizing'), md.indexOf('## Scenarios that lose'));
    const names = sizing
      .split('\n')
      .filter((l) => /^\| (east|west|lab)-/.test(l))
      .map((l) => l.split('|')[1]?.trim());
    expect(names).toEqual([
      'east-sd2/adm',
      'east-sd1/np-app',
      'east-sd1/np-db',
      'east-sd2/ora1',
      'west-sd1/np-app',
      'west-sd1/np-db',
      'west-sd2/ora2',
      'east-sd1/np-app/eapp1',
      'east-sd1/np-app/eapp2',
      'west-sd2/sap',
      'lab-rx/lab1',
      'lab-rx/lab2',
      'east-sd1/np-app/eweb1',
    ]);
  });

  it('has the binding scenarios, the timing ranges, the slowest package and the takeovers', () => {
    expect(md).toContain('No listed scenario loses a package.');
    expect(lines).toContain(
      '| npar:west-sd1/np-app | survives | east-sd1/np-app (8), east-sd1/np-app/eapp1 (4), east-sd1/np-app/eapp2 (4) |',
    );
    expect(md).toMatch(
      /^\| site:dc-west +\| testdb +\| 3 min 35 s – 4 min 9 s \(typ\. 3 min 43 s\) +\| tst1 → eadm1 +\| +4 \| TiCAP 4 +\| no +\|$/m,
    );
    expect(md).toMatch(
      /^\| npar:east-sd2\/adm +\| .+ \| vm-tools +\| operator_response 55 min, takeover_per_unreachable 90 s, takeover_per_member 18 s \|$/m,
    );
    expect(md).toMatch(
      /^\| npar:east-sd2\/adm +\| gB +\| gmB2 +\| manual \(an operator runs icapmanage -Q\) \| 6 min 3 s – 1 h 3 min 20 s \(typ\. 16 min 49 s\) \|$/m,
    );
    expect(md).toMatch(/^\| site:dc-west +\| gB +\| +14 \| +14 \| +2 \| +0 \| +5,760 \|$/m);
  });

  it('has estate and scenario warnings, the model with assumptions marked, and the run', () => {
    expect(md).toMatch(
      /^\| `gm-colocated` +\| gB\/eadm1 +\| manager eadm1 of gB runs on east-sd2/m,
    );
    // The TiCAP figure once: the detail states it, so the minutes are not added again.
    expect(md).toMatch(
      /^\| site:dc-west +\| `ticap-used` +\| testdb +\| 4 cores of testdb run on TiCAP for the outage: 5760 core-minutes \[T1, T2\] +\|$/m,
    );
    expect(md).toMatch(/^\| `sg_failover` +\| +28 \| +36 \| +45 \| s +\| \[S1 p\.31\] +\|$/m);
    expect(md).toMatch(/^\| `takeover_base` +\| +2 \| +5 \| +10 \| s +\| \*assumption\* \|$/m);
    expect(md).toContain('18 coefficients, 14 of them assumptions');
    expect(md).toMatch(/^\| Input SHA-256 +\| `f17cd117df59/m);
    expect(md).toMatch(/^\| Tool +\| gicap-planner 0\.1\.0 +\|$/m);
  });

  it('prints no date without --now, and no comparison without --set', () => {
    expect(md).not.toContain('Generated');
    expect(md).not.toContain('## Comparison');
  });

  it('contains no HTML and no chart placeholder', () => {
    expect(md).not.toMatch(/<[a-z/]/i);
  });

  it('is byte-identical on a second render', () => {
    expect(renderMarkdown(reports['mixed-estate-k1'])).toBe(md);
  });
});

describe('report.md on the mixed estate, double failures (losses)', () => {
  let md: string;
  let lines: string[];
  beforeAll(() => {
    md = renderMarkdown(reports['mixed-estate-k2']);
    lines = md.split('\n');
  });

  it('states the findings and the losses by number of failures', () => {
    expect(lines[2]).toBe('**Findings:** 48 scenarios lose 357 packages in all.');
    expect(lines).toContain('| N+1 (1 failure)  |        24 |              0 |             0 |');
    expect(lines).toContain('| N+2 (2 failures) |       234 |             48 |           357 |');
    expect(md).toContain(
      'A purchase can fix 5 losing scenarios (15 package losses); no purchase can fix 342 package losses (no-surviving-node 71, vpar-max 2, cluster-halted 252, dependency 17): 43 scenarios lose only these.',
    );
    expect(lines).toContain('| Scenarios in which a cluster halts                 |    18 |');
  });

  it('lists each lost package with its reason and every attempt, worst scenario first', () => {
    const losing = lines.filter((l) => /^### .*: \d+ packages? lost$/.test(l));
    expect(losing).toHaveLength(48);
    expect(losing[0]).toBe('### complex:east-sd1 + site:dc-west: 16 packages lost');
    expect(lines).toContain('### host:gmB2 + site:dc-east: 3 packages lost');
    expect(lines).toContain('- **sapdb** from eora1: lost, `gm-unavailable`');
    expect(lines).toContain(
      '  - wora1: `gm-unavailable`, needs 8, 1 available — wora1 has 8 active cores with 8 in use; ' +
        'sapdb needs 8: rights found for 1 of 8 cores (complex 1); short by 7, and group gB has no ' +
        'manager in control, so no rights cross complexes [M1]',
    );
    expect(lines).toContain('- **sapdb** from eora1: lost, `cluster-halted` (no purchase can fix)');
    expect(lines).toContain('- **web-e** from eweb1: lost, `dependency` (no purchase can fix)');
  });
});

describe('report.md with --set and --now', () => {
  let md: string;
  let lines: string[];
  beforeAll(() => {
    md = renderMarkdown(reports['mixed-estate-changed']);
    lines = md.split('\n');
  });

  it('stamps the date given with --now', () => {
    expect(md).toMatch(/^\| Generated +\| 2026-11-25 +\|$/m);
  });

  it('has the comparison: flipped scenarios, sizing, groups and time deltas', () => {
    expect(md).toContain('## Comparison: baseline against the changed estate');
    expect(md).toContain(
      'Changes applied (--set): `cells.west-sd1/c1.cores=6`, `groups.gB.sharing_rights=44`.',
    );
    expect(md).toMatch(/^\| Inactive cores short \(nPars\) +\| +0 \| +2 \| +\+2 \|$/m);
    expect(md).toMatch(/^\| Scenarios that lose a package +\| +0 \| +3 \| +\+3 \|$/m);
    expect(md).toMatch(/^\| npar:east-sd1\/np-db \| survives +\| loses packages \|$/m);
    expect(md).toMatch(/^\| west-sd1\/np-db \| +8 → 6 \| +8 \| +0 → 2 \|$/m);
    expect(md).toMatch(/^\| `gB` +\| 45 → 44 \| +45 \| +31 \| yes → no +\| +0 → 1 \|$/m);
    expect(md).toMatch(
      /^\| npar:east-sd1\/np-db \| 4 min 34 s – 5 min 34 s \(typ\. 4 min 50 s\) \| – +\|$/m,
    );
  });

  it('marks the changed estate in the title and the verdict, and puts the comparison first', () => {
    expect(lines[0]).toBe('# Capacity plan: mixed-estate (changed estate, 2 --set changes)');
    expect(lines[2]).toBe(
      '**Findings (changed estate, 2 --set changes):** 3 scenarios lose 3 packages in all; 2 inactive cores are short; 1 group is not compliant.',
    );
    expect(lines[4]).toBe('## Comparison: baseline against the changed estate');
  });

  it('shows the shortfall per group and the non-compliant group at a glance and in compliance', () => {
    const glance = md.slice(md.indexOf('## At a glance'), md.indexOf('## Summary'));
    expect(glance).toContain(
      'A purchase can fix 3 losing scenarios (3 package losses); every loss is one a purchase can fix.',
    );
    expect(glance).toContain(
      '| `gA`  |                    2 | west-sd1/np-db |                    0 | yes       |',
    );
    expect(glance).toContain(
      '| `gB`  |                    0 | –              |                    1 | no        |',
    );
    expect(glance).toContain(
      '**Next:** `gicap optimize mixed-estate --costs COSTS.csv --max-failures 1 --set cells.west-sd1/c1.cores=6 --set groups.gB.sharing_rights=44` — the least-cost purchase',
    );
    expect(lines).toContain(
      '| `gB`  | east-sd2, west-sd2 |    44 |       45 |      31 | no        |         1 |',
    );
    expect(lines).toContain(
      '| west-sd1/np-db        |         2 |                8 |        6 |      8 |      8 |        14 | wdb1  | npar:east-sd1/np-db  |',
    );
  });

  it('lists the lost package with the attempt that failed', () => {
    expect(lines).toContain('### npar:east-sd1/np-db: 1 package lost');
    expect(lines).toContain('- **oradb-e** from edb1: lost, `insufficient-inactive-cores`');
    expect(lines).toContain(
      '  - wdb1: `insufficient-inactive-cores`, needs 8, 6 available — wdb1 has 8 active cores with ' +
        '8 in use; oradb-e needs 8: 8 more cores needed, but its nPar has 6 inactive cores left; short by 2',
    );
  });
});

/**
 * The double-failure plan with `lost` copies of its scenario `host:gmB2 + site:dc-east` (3 packages
 * lost), ids `npar:big/n000` … in sorted order, and 40 surviving scenarios left out by the listing
 * limit (spec 5.2).
 */
function manyLosing(base: PlanReport, lost: number): PlanReport {
  const template = base.scenarios.find((s) => s.id === 'host:gmB2 + site:dc-east');
  if (template === undefined) throw new Error('the plan lists host:gmB2 + site:dc-east');
  const scenarios: ScenarioResult[] = Array.from({ length: lost }, (_, i) => {
    const n = `n${String(i).padStart(3, '0')}`;
    return { ...template, id: `npar:big/${n}`, failed: [`npar:big/${n}`] };
  });
  return {
    ...base,
    summary: {
      ...base.summary,
      scenarios: lost + 40,
      survived: 40,
      lost,
      scenariosNotListed: 40,
    },
    scenarios,
  };
}

describe('report.md bounded size', () => {
  it('lists at most 50 scenarios per section and says how many more', () => {
    const md = renderMarkdown(manyLosing(reports['mixed-estate-k2'], 63));
    const lostHeadings = md.split('\n').filter((l) => l.startsWith('### npar:big/'));
    expect(lostHeadings).toHaveLength(50);
    expect(lostHeadings.at(-1)).toBe('### npar:big/n049: 3 packages lost');
    expect(md).toContain(
      '… and 13 more scenarios that lose packages (report.json lists every one).',
    );
    expect(md).toContain('… and 13 more scenarios with warnings (report.json lists every one).');
    expect(md).toMatch(/^\| Left out by the listing limit +\| +40 \|$/m);
    expect(md).toMatch(/^\| Listed in this report \(lose a package, or binding\) \| +63 \|$/m);
  });
});

describe('escaping', () => {
  it('escapes Markdown and HTML syntax in free text', () => {
    expect(escapeMarkdown('a|b *c* `d` <e> \\')).toBe('a\\|b \\*c\\* \\`d\\` \\<e> \\\\');
  });

  it('keeps a table intact when a detail holds a pipe and a line break', () => {
    const report: PlanReport = {
      ...reports['mixed-estate-k1'],
      warnings: [{ code: 'gm-colocated', subject: 'gB', detail: 'a | b\nc' }],
    };
    expect(renderMarkdown(report)).toMatch(/^\| `gm-colocated` \| gB +\| a \\\| b c \|$/m);
  });
});
