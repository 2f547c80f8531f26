import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  csvText,
  renderScenarioCsvRows,
  renderScenariosCsv,
  renderSizingCsv,
  scenariosCsvHeader,
} from '../../src/report/csv.js';
import { toCsv } from '../../src/text/csv.js';
import { goldenReports } from '../helpers/golden-cases.js';

const reports = goldenReports(['mixed-estate-k1', 'mixed-estate-changed']);

describe('scenarios.csv', () => {
  let lines: string[];
  beforeAll(() => {
    lines = renderScenariosCsv(reports['mixed-estate-k1']).split('\n');
  });

  it('has the header of issue 5 and one row per scenario × package', () => {
    expect(lines[0]).toBe(
      'id,failed,survives,package,from,to,status,activated,own,vpar,complex,pool,seized,ticap,' +
        'reason,time_min_s,time_typical_s,time_max_s',
    );
    // The 10 listed scenarios move 22 packages (site:dc-west 9 of them).
    expect(lines).toHaveLength(1 + 22 + 1);
    expect(lines.filter((l) => l.startsWith('site:dc-west,'))).toHaveLength(9);
    expect(lines.at(-1)).toBe('');
  });

  it('writes a moved and a lost package exactly', () => {
    expect(lines).toContain(
      'npar:east-sd1/np-db,npar:east-sd1/np-db,true,oradb-e,edb1,wdb1,moved,8,0,0,2,0,6,0,,273.6,290,334',
    );
    expect(lines).toContain(
      'site:dc-west,site:dc-west,true,testdb,tst1,eadm1,moved,4,0,0,0,0,0,4,,214.8,223,249',
    );
    expect(renderScenariosCsv(reports['mixed-estate-changed']).split('\n')).toContain(
      'npar:east-sd1/np-db,npar:east-sd1/np-db,false,oradb-e,edb1,,lost,0,0,0,0,0,0,0,' +
        'insufficient-inactive-cores,,,',
    );
  });

  it('keeps a scenario in which nothing moved as one row', () => {
    const base = reports['mixed-estate-k1'];
    const quiet = { ...base.scenarios[1]!, id: 'host:gmA2', failed: ['host:gmA2'], packages: [] };
    const csv = renderScenariosCsv({ ...base, scenarios: [quiet] });
    expect(csv.split('\n')[1]).toBe('host:gmA2,host:gmA2,true,,,,,,,,,,,,,,,');
  });
});

describe('scenarios.csv streamed (--all-scenarios)', () => {
  it('writes the same bytes as papaparse, row by row', () => {
    const report = reports['mixed-estate-k1'];
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
  let lines: string[];
  beforeAll(() => {
    lines = renderSizingCsv(reports['mixed-estate-changed']).split('\n');
  });

  it('has one row per partition with the PartitionSizing fields', () => {
    expect(lines[0]).toBe(
      'complex,npar,vpar,host,installed_cores,rights,active_cores,inactive_cores,' +
        'minimum_inactive_cores,binding_scenario,shortfall',
    );
    expect(lines).toHaveLength(1 + 13 + 1);
    expect(lines).toContain('west-sd1,np-db,,wdb1,14,8,8,6,8,npar:east-sd1/np-db,2');
    expect(lines).toContain('east-sd1,np-app,eapp1,eapp1,,,3,8,4,npar:west-sd1/np-app,0');
    expect(lines).toContain('east-sd1,np-app,,,16,8,8,8,8,npar:west-sd1/np-app,0');
    expect(lines).toContain('east-sd1,np-app,eweb1,eweb1,,,2,8,0,,0');
  });
});
