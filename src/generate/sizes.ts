/**
 * The estate sizes the generator makes (spec section 7, issue 6). Every count here is exact in the
 * generated inventory, whatever the seed; only the layout inside those counts varies.
 *
 * | size   | complexes | nPars (per complex) | vPars | nPars with vPars | groups | managers | sites | packages |
 * |--------|-----------|---------------------|-------|------------------|--------|----------|-------|----------|
 * | small  | 4         | 12 (3)              | 8     | 3                | 1      | 2        | 2     | 20       |
 * | medium | 16        | 64 (4)              | 96    | 32               | 4      | 8        | 2     | 150      |
 * | large  | 64        | 256 (4)             | 512   | 128              | 8      | 16       | 4     | 600      |
 *
 * "managers" counts rows of managers.csv: one active and one standby per group (2 × groups).
 * "sites" counts the distinct sites named by complexes.csv and managers.csv together.
 * Of the complexes, `sd2Complexes` are Superdome 2 (about a quarter, the rest cellular) and
 * `standaloneComplexes` belong to no GiCAP group (a few; the rest are spread evenly over the groups).
 */

export const ESTATE_SIZE_NAMES = ['small', 'medium', 'large'] as const;
export type EstateSize = (typeof ESTATE_SIZE_NAMES)[number];

export interface EstateSizeSpec {
  readonly complexes: number;
  /** nPartitions per complex (every complex has the same number). */
  readonly nparsPerComplex: number;
  readonly vpars: number;
  /** nPars that run vPars (their `host` is empty); the others run HP-UX directly. */
  readonly vparNpars: number;
  readonly groups: number;
  /** Rows of managers.csv: one active and one standby per group. */
  readonly managers: number;
  readonly sites: number;
  readonly packages: number;
  /** Complexes of platform `sd2` (Superdome 2, blades); the rest are `cellular`. */
  readonly sd2Complexes: number;
  /** Complexes in no GiCAP group. */
  readonly standaloneComplexes: number;
}

export const ESTATE_SIZES: Readonly<Record<EstateSize, EstateSizeSpec>> = {
  small: {
    complexes: 4,
    nparsPerComplex: 3,
    vpars: 8,
    vparNpars: 3,
    groups: 1,
    managers: 2,
    sites: 2,
    packages: 20,
    sd2Complexes: 1,
    standaloneComplexes: 1,
  },
  medium: {
    complexes: 16,
    nparsPerComplex: 4,
    vpars: 96,
    vparNpars: 32,
    groups: 4,
    managers: 8,
    sites: 2,
    packages: 150,
    sd2Complexes: 4,
    standaloneComplexes: 2,
  },
  large: {
    complexes: 64,
    nparsPerComplex: 4,
    vpars: 512,
    vparNpars: 128,
    groups: 8,
    managers: 16,
    sites: 4,
    packages: 600,
    sd2Complexes: 16,
    standaloneComplexes: 6,
  },
};

export function isEstateSize(value: string): value is EstateSize {
  return (ESTATE_SIZE_NAMES as readonly string[]).includes(value);
}
