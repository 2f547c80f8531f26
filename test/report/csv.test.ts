import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../src/io/csv.js';
import {
  csvText,
  renderScenarioCsvRows,
  renderScenariosCsv,
  renderSizingCsv,
  scenariosCsvHeader,
} from '../../src/report/csv.js';
import { mixedReport } from '../fixtures/reports/mixed-report.js';

describe('scenarios.csv', () => {
  const text = renderScenariosCsv(mixedReport());
  const lines = text.split('\n');

  it('has the header of issue 5 and one row per scenario × package', () => {
    expect(lines[0]).toBe(
      'id,failed,survives,package,from,to,status,activated,own,vpar,complex,pool,seized,ticap,' +
        'reason,time_min_s,time_typical_s,time_max_s',
    );
    // 6 scenarios: complex:sd1 has 2 packages, site:east 2, the others 1 each.
    expect(lines).toHaveLength(1 + 8 + 1);
    expect(lines.at(-1)).toBe('');
  });

  it('writes a moved and a lost package exactly', () => {
    expect(lines).toContain(
      'npar:server1/db1,npar:server1/db1,true,pkg1,db1,db2,moved,6,0,0,0,0,6,0,,38.2,56,96',
    );
    expect(lines).toContain(
      'npar:server2/db4,npar:server2/db4,false,pkg2,db4,,lost,0,0,0,0,0,0,0,' +
        'insufficient-inactive-cores,,,',
    );
  });

  it('keeps a scenario in which nothing moved as one row', () => {
    const base = mixedReport();
    const quiet = { ...base.scenarios[1]!, id: 'host:ap2', failed: ['host:ap2'], packages: [] };
    const csv = renderScenariosCsv({ ...base, scenarios: [quiet] });
    expect(csv.split('\n')[1]).toBe('host:ap2,host:ap2,true,,,,,,,,,,,,,,,');
  });

  it('matches the golden file', async () => {
    await expect(text).toMatchFileSnapshot('__golden__/mixed.scenarios.csv');
  });
});

describe('scenarios.csv streamed (--all-scenarios)', () => {
  it('writes the same bytes as papaparse, row by row', () => {
    const report = mixedReport();
    const quiet = { ...report.scenarios[1]!, id: 'host:ap2', failed: ['host:ap2'], packages: [] };
    const odd = {
      ...report.scenarios[0]!,
      id: 'a, "b" ',
      failed: [' a', 'b\nc'],
      packages: report.scenarios[0]!.packages.map((p) => ({ ...p, package: 'x,y', from: '"q"' })),
    };
    const scenarios = [...report.scenarios, quiet, odd];
    expect(scenariosCsvHeader() + scenarios.map(renderScenarioCsvRows).join('')).toBe(
      renderScenariosCsv({ ...report, scenarios }),
    );
  });

  it('quotes a field exactly when papaparse does', () => {
    const chars = fc.constantFrom(
      'a',
      'Z',
      '0',
      ' ',
      ',',
      ';',
      '"',
      '\n',
      '\r',
      '\t',
      '\uFEFF',
      'é',
      "'",
    );
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 8 }), (parts) => {
        const field = parts.join('');
        expect(`${csvText(field)}\n`).toBe(toCsv([field], []));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('sizing.csv', () => {
  const text = renderSizingCsv(mixedReport());
  const lines = text.split('\n');

  it('has one row per partition with the PartitionSizing fields', () => {
    expect(lines[0]).toBe(
      'complex,npar,vpar,host,installed_cores,rights,active_cores,inactive_cores,' +
        'minimum_inactive_cores,binding_scenario,shortfall',
    );
    expect(lines).toHaveLength(1 + 8 + 1);
    expect(lines).toContain('server1,db3,,db3,8,6,6,2,4,npar:server2/db4,2');
    expect(lines).toContain('sd1,np1,vp2,vp2,,,2,4,1,vpar:sd1/np1/vp1,0');
    expect(lines).toContain('sd1,np1,,,8,5,4,4,1,vpar:sd1/np1/vp1,0');
  });

  it('matches the golden file', async () => {
    await expect(text).toMatchFileSnapshot('__golden__/mixed.sizing.csv');
  });
});
