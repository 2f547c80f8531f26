import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/io/csv.js';
import { toCsv } from '../../src/text/csv.js';

describe('parseCsv', () => {
  it('reads a plain comma file with LF line ends and numbers rows as a spreadsheet does', () => {
    const t = parseCsv('complex,cell,cores\nserver1,c0,4\nserver1,c1,4\n', 'cells.csv');
    expect(t.delimiter).toBe(',');
    expect(t.header).toEqual(['complex', 'cell', 'cores']);
    expect(t.rows).toEqual([
      { line: 2, fields: ['server1', 'c0', '4'] },
      { line: 3, fields: ['server1', 'c1', '4'] },
    ]);
    expect(t.problems).toEqual([]);
  });

  it('removes a UTF-8 BOM from the first header name', () => {
    const t = parseCsv('\uFEFFcomplex,cell\r\nserver1,c0\r\n', 'cells.csv');
    expect(t.header).toEqual(['complex', 'cell']);
    expect(t.columns).toEqual(['complex', 'cell']);
  });

  it('accepts CRLF line ends without leaving \\r in the last field', () => {
    const t = parseCsv('complex,cores\r\nserver1,4\r\nserver2,8\r\n', 'cells.csv');
    expect(t.rows.map((r) => r.fields)).toEqual([
      ['server1', '4'],
      ['server2', '8'],
    ]);
  });

  it('detects semicolons as the delimiter (European spreadsheets)', () => {
    const t = parseCsv('package;cores;nodes\npkg1;8;"db1;db2"\n', 'packages.csv');
    expect(t.delimiter).toBe(';');
    expect(t.rows[0]?.fields).toEqual(['pkg1', '8', 'db1;db2']);
  });

  it('keeps commas detected when a quoted field holds semicolons', () => {
    const t = parseCsv('"a;b;c",d\n1,2\n', 'x.csv');
    expect(t.delimiter).toBe(',');
    expect(t.header).toEqual(['a;b;c', 'd']);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks', () => {
    const t = parseCsv('a,b,c\n"x,y","say ""hi""","two\nlines"\nlast,1,2\n', 'x.csv');
    expect(t.rows).toEqual([
      { line: 2, fields: ['x,y', 'say "hi"', 'two\nlines'] },
      // A spreadsheet numbers records: the quoted line break does not shift the next row.
      { line: 3, fields: ['last', '1', '2'] },
    ]);
  });

  it('ignores a trailing empty line and blank rows but still counts them', () => {
    const t = parseCsv('a,b\n1,2\n\n,\n3,4\n\n', 'x.csv');
    expect(t.rows).toEqual([
      { line: 2, fields: ['1', '2'] },
      { line: 5, fields: ['3', '4'] },
    ]);
  });

  it('trims header names and fields, and lower-cases the column keys', () => {
    const t = parseCsv(' Complex , CORES \n server1 , 4 \n', 'cells.csv');
    expect(t.header).toEqual(['Complex', 'CORES']);
    expect(t.columns).toEqual(['complex', 'cores']);
    expect(t.rows[0]?.fields).toEqual(['server1', '4']);
  });

  it('reports an unterminated quote on its line', () => {
    const t = parseCsv('a,b\n1,2\n3,"oops\n', 'x.csv');
    expect(t.problems).toEqual([
      {
        line: 3,
        message:
          'malformed quotes (expected a quoted field to end with a closing " before the next delimiter, found: quoted field unterminated)',
      },
    ]);
  });

  it('reports an empty file as a missing header', () => {
    expect(parseCsv('', 'x.csv').problems).toEqual([
      { line: 1, message: 'no header row (expected column names on line 1)' },
    ]);
  });
});

describe('toCsv', () => {
  it('writes LF line ends, a final LF, and quotes only what needs it (RFC 4180)', () => {
    expect(
      toCsv(
        ['name', 'note', 'n', 'ok'],
        [
          ['a', 'x,y', 1, true],
          ['b', 'say "hi"', null, false],
          ['c', 'two\nlines', 2.5, undefined],
        ],
      ),
    ).toBe('name,note,n,ok\na,"x,y",1,true\nb,"say ""hi""",,false\nc,"two\nlines",2.5,\n');
  });

  it('round-trips through parseCsv for any printable field text', () => {
    const field = fc
      .string({ unit: fc.constantFrom('a', 'Z', '0', ',', ';', '"', '\n', 'é', '-', '.') })
      .map((s) => s.trim())
      .filter((s) => s !== '');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(field, field, field), { minLength: 1, maxLength: 8 }),
        (rows) => {
          const t = parseCsv(toCsv(['a', 'b', 'c'], rows), 'x.csv');
          expect(t.problems).toEqual([]);
          expect(t.rows.map((r) => r.fields)).toEqual(rows);
        },
      ),
    );
  });
});
