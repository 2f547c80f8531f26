/**
 * Issue 14, calibration that scales: least squares from normal equations accumulated row by row
 * (src/model/math.ts), so `gicap calibrate` is linear in the observation rows. The collinearity
 * test works from XᵀX alone and agrees with the QR definition it replaced (|R_jj| / ‖a_j‖).
 */
import { describe, expect, it } from 'vitest';
import { columnIndependence, leastSquares, NormalEquations } from '../../src/model/math.js';

function gramOf(rows: readonly (readonly number[])[], b: readonly number[] = []): NormalEquations {
  const eq = new NormalEquations(rows[0]?.length ?? 0);
  rows.forEach((r, i) => eq.add(r, b[i] ?? 0));
  return eq;
}

describe('NormalEquations', () => {
  it('accumulates XᵀX and Xᵀy one row at a time', () => {
    const eq = gramOf(
      [
        [1, 2],
        [3, 4],
        [0, 5],
      ],
      [1, 2, 3],
    );
    expect(eq.gram).toEqual([
      [10, 14],
      [14, 45],
    ]);
    expect(eq.rhs).toEqual([7, 25]);
  });
});

describe('columnIndependence from the Gram matrix', () => {
  it('gives the distance of each column from the span of the earlier ones, over its length', () => {
    // a1 = (1, 0, 1), a2 = (0, 1, 1): a2 less its projection on a1 is (−½, 1, ½), length √1.5.
    const shares = columnIndependence(
      gramOf([
        [1, 0],
        [0, 1],
        [1, 1],
      ]).gram,
    );
    expect(shares[0]).toBeCloseTo(1, 12);
    expect(shares[1]).toBeCloseTo(Math.sqrt(1.5) / Math.sqrt(2), 12);
  });

  it('a column that is a combination of earlier ones gives ~0; a zero column gives 0', () => {
    const rows = [
      [1, 0, 1, 0, 2],
      [0, 1, 1, 0, 0],
      [1, 1, 2, 0, 1],
      [2, 0, 2, 0, 5],
    ];
    const shares = columnIndependence(gramOf(rows).gram);
    expect(shares[2]).toBeLessThan(1e-7); // a3 = a1 + a2
    expect(shares[3]).toBe(0);
    expect(shares[4]).toBeGreaterThan(0.1); // independent again after the dependent columns
  });
});

describe('leastSquares from the normal equations', () => {
  it('recovers exact coefficients from 4,000 noiseless rows', () => {
    const rows: number[][] = [];
    const b: number[] = [];
    for (let i = 0; i < 4000; i += 1) {
      const row = [1, i % 7, (i * 13) % 11, i % 2];
      rows.push(row);
      b.push(36 + 3 * (row[1] ?? 0) + 60 * (row[2] ?? 0) + 900 * (row[3] ?? 0));
    }
    const eq = gramOf(rows, b);
    const x = leastSquares(eq.gram, eq.rhs);
    [36, 3, 60, 900].forEach((v, j) => expect(x[j]).toBeCloseTo(v, 8));
  });
});
