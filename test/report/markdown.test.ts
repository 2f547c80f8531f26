import { describe, expect, it } from 'vitest';
import type { PlanReport } from '../../src/domain/result.js';
import { escapeMarkdown, renderMarkdown } from '../../src/report/markdown.js';
import {
  comparedReport,
  manyScenariosReport,
  mixedReport,
} from '../fixtures/reports/mixed-report.js';

describe('report.md on the mixed estate', () => {
  const md = renderMarkdown(mixedReport());
  const lines = md.split('\n');

  it('starts with the inventory name and the findings', () => {
    expect(lines[0]).toBe('# Capacity plan: mixed-estate');
    expect(lines[2]).toBe(
      '**Findings:** 2 scenarios lose 2 packages in all; 2 inactive cores are short; 1 group is not compliant.',
    );
  });

  it('answers the first questions first: losses by failures, what a purchase fixes, shortfall per group, worst times, next command', () => {
    const glance = md.slice(md.indexOf('## At a glance'), md.indexOf('## Summary'));
    expect(md.indexOf('## At a glance')).toBeLessThan(md.indexOf('## Summary'));
    expect(glance).toContain('| N+1 (1 failure) |         6 |              2 |             2 |');
    expect(glance).toContain(
      'A purchase can fix 2 losing scenarios (2 package losses); every loss is one a purchase can fix.',
    );
    // Shortfall per group: the nPar rows only (sd1/np1's vPars would repeat its figure).
    expect(glance).toContain(
      '| `g1`  |                    2 | server1/db3 |                    0 | yes       |',
    );
    expect(glance).toContain(
      '| `g2`  |                    0 | –           |                    1 | no        |',
    );
    expect(glance).toContain(
      '| pkg3    | 2 min 42 s – 7 min 29 s (typ. 4 min 16 s) | site:east        |                        0 |',
    );
    expect(glance).toContain(
      '**Next:** `gicap optimize mixed-estate --costs COSTS.csv --max-failures 1` — the least-cost purchase',
    );
  });

  it('has the summary counts', () => {
    expect(lines).toContain('| Scenarios evaluated                |     6 |');
    expect(lines).toContain('| Lost (a package is lost)           |     2 |');
    expect(lines).toContain('| Skipped as equivalent              |     0 |');
  });

  it('has one compliance row per group (owned, required, minimum, compliant, shortfall)', () => {
    expect(lines).toContain(
      '| `g1`  | server1, server2 |    12 |       12 |      10 | yes       |         0 |',
    );
    expect(lines).toContain(
      '| `g2`  | sd1              |     4 |        5 |       3 | no        |         1 |',
    );
  });

  it('has one sizing row per partition with its binding scenario', () => {
    expect(lines).toContain(
      '| server1/db3 |         2 |                4 |        2 |      6 |      6 |         8 | db3  | npar:server2/db4 |',
    );
    expect(lines).toContain(
      '| sd1/np1/vp1 |         0 |                0 |        4 |      2 |      – |         – | vp1  | –                |',
    );
  });

  it('sorts the sizing table by shortfall, then minimum', () => {
    const sizing = md.slice(md.indexOf('## Sizing'), md.indexOf('## Scenarios that lose'));
    const names = sizing
      .split('\n')
      .filter((l) => /^\| (server|sd1)/.test(l))
      .map((l) => l.split('|')[1]?.trim());
    expect(names).toEqual([
      'server1/db3',
      'server2/db2',
      'server2/db4',
      'sd1/np1',
      'sd1/np1/vp2',
      'sd1/np1/vp1',
      'sd1/np2',
      'server1/db1',
    ]);
  });

  it('lists each lost package with its reason and every attempt', () => {
    expect(lines).toContain('### npar:server2/db4: 1 package lost');
    expect(lines).toContain('- **pkg2** from db4: lost, `insufficient-inactive-cores`');
    expect(lines).toContain(
      '  - db3: `insufficient-inactive-cores`, needs 4, 2 available — db3 has 2 inactive cores; ' +
        'pkg2 needs 4 more (6 active, 4 used by pkg3)',
    );
  });

  it('has the binding scenarios, the timing ranges and the slowest package', () => {
    expect(lines).toContain('| vpar:sd1/np1/vp1 | survives       | sd1/np1 (1), sd1/np1/vp2 (1) |');
    expect(md).toMatch(
      /^\| site:east +\| pkg3 +\| 2 min 42 s – 7 min 29 s \(typ\. 4 min 16 s\) \| db3 → db4 +\| +4 \| seized 4 +\| yes +\|$/m,
    );
    expect(md).toMatch(
      /^\| site:east +\| .+ \| pkg3 +\| takeover_per_unreachable 3 min, sg_failover 34 s, takeover_per_member 18 s \|$/m,
    );
    expect(md).toMatch(
      /^\| site:east +\| g1 +\| ap2 +\| scripted \(a Serviceguard package runs icapmanage -Q\) \| 93 s – 5 min 20 s \(typ\. 2 min 49 s\) \|$/m,
    );
  });

  it('has estate and scenario warnings, the model with assumptions marked, and the run', () => {
    expect(md).toMatch(/^\| `gm-colocated` +\| g2 +\| manager web1 runs on sd1\/np2/m);
    expect(md).toMatch(
      /^\| complex:sd1 +\| `ticap-used` +\| pkg5 +\| 2 cores on TiCAP for 24 h; 2,880 core-min +\|$/m,
    );
    expect(md).toMatch(/^\| `sg_failover` +\| +28 \| +36 \| +45 \| s +\| \[S1 p\.31\] +\|$/m);
    expect(md).toMatch(/^\| `takeover_base` +\| +2 \| +5 \| +10 \| s +\| \*assumption\* \|$/m);
    expect(md).toContain('16 coefficients, 14 of them assumptions');
    expect(md).toMatch(/^\| Input SHA-256 +\| `3f1c0a9e5b7d/m);
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
    expect(renderMarkdown(mixedReport())).toBe(md);
  });

  it('matches the golden file', async () => {
    await expect(md).toMatchFileSnapshot('__golden__/mixed.report.md.txt');
  });
});

describe('report.md with --set and --now', () => {
  const md = renderMarkdown(comparedReport());

  it('stamps the date given with --now', () => {
    expect(md).toMatch(/^\| Generated +\| 2026-11-25 +\|$/m);
  });

  it('has the comparison: flipped scenarios, sizing and time deltas', () => {
    expect(md).toContain('## Comparison: baseline against the changed estate');
    expect(md).toContain('Changes applied (--set): `packages.pkg2.cores=2`.');
    expect(md).toMatch(/^\| Inactive cores short \(nPars\) +\| +2 \| +0 \| +-2 \|$/m);
    expect(md).toMatch(/^\| Scenarios that lose a package +\| +2 \| +1 \| +-1 \|$/m);
    expect(md).toMatch(/^\| npar:server2\/db4 \| loses packages \| survives +\|$/m);
    expect(md).toMatch(/^\| server1\/db3 \| +2 \| +4 → 2 \| +2 → 0 \|$/m);
    expect(md).toMatch(/^\| npar:server2\/db4 \| – +\| 67–118 s \(typ\. 83 s\) \|$/m);
  });

  it('marks the changed estate in the title and the verdict, and puts the comparison first', () => {
    const lines = md.split('\n');
    expect(lines[0]).toBe('# Capacity plan: mixed-estate (changed estate, 1 --set change)');
    expect(lines[2]).toBe(
      '**Findings (changed estate, 1 --set change):** 2 scenarios lose 2 packages in all; 2 inactive cores are short; 1 group is not compliant.',
    );
    expect(lines[4]).toBe('## Comparison: baseline against the changed estate');
  });

  it('matches the golden file', async () => {
    await expect(md).toMatchFileSnapshot('__golden__/compared.report.md.txt');
  });
});

describe('report.md bounded size', () => {
  it('lists at most 50 scenarios per section and says how many more', () => {
    const md = renderMarkdown(manyScenariosReport(63));
    const lostHeadings = md.split('\n').filter((l) => l.startsWith('### npar:big/'));
    expect(lostHeadings).toHaveLength(50);
    expect(lostHeadings.at(-1)).toBe('### npar:big/n049: 1 package lost');
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
    const base = mixedReport();
    const report: PlanReport = {
      ...base,
      warnings: [{ code: 'gm-colocated', subject: 'g2', detail: 'a | b\nc' }],
    };
    expect(renderMarkdown(report)).toMatch(/^\| `gm-colocated` \| g2 +\| a \\\| b c \|$/m);
  });
});
