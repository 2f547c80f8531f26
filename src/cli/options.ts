/** Option value parsers: strings from the command line → typed values, with precise errors (exit 2). */
import { InvalidArgumentError } from 'commander';

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

export function parsePositiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new InvalidArgumentError(`expected a number of hours > 0, found "${value}"`);
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
