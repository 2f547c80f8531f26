/** Option value parsers: strings from the command line → typed values, with precise errors (exit 2). */
import { InvalidArgumentError } from 'commander';
import { BOUNDS, formatBound, parseDecimal } from '../domain/bounds.js';

export function parseWholeNumber(min: number, max: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value.trim()))
      throw new InvalidArgumentError(
        `expected a whole number from ${min} to ${max}, found "${value}"`,
      );
    const n = Number(value);
    if (n < min || n > max)
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}, found ${n}`);
    return n;
  };
}

/**
 * `--outage-hours`: a decimal number of hours above 0 and at most BOUNDS.outageHours (one year).
 * Decimal only: `0x10`, `1e3`, `Infinity` and signs are refused rather than read as numbers.
 */
export function parseOutageHours(value: string): number {
  const n = parseDecimal(value.trim());
  if (n === null || n <= 0 || n > BOUNDS.outageHours) {
    throw new InvalidArgumentError(
      `expected a number of hours above 0 and at most ${formatBound(BOUNDS.outageHours)} (digits and an optional decimal point), found "${value}"`,
    );
  }
  return n;
}

/** Collects a repeatable option (`--set A --set B`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `--now 2026-11-25` (or a full ISO timestamp): stamped into the reports only when given. */
export function parseNow(value: string): string {
  if (
    !/^\d{4}-\d{2}-\d{2}([T ][\d:.]+Z?)?$/.test(value.trim()) ||
    Number.isNaN(Date.parse(value))
  ) {
    throw new InvalidArgumentError(`expected an ISO date such as 2026-11-25, found "${value}"`);
  }
  return value.trim();
}
