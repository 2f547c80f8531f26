/**
 * Options several commands share, defined once (style.md practice 6) so that their flags, help and
 * parsing never drift apart: `cmd.addOption(formatOption())`.
 */
import { Option } from 'commander';
import {
  DEFAULT_MAX_FAILURES,
  DEFAULT_MAX_LISTED,
  DEFAULT_OUTAGE_HOURS,
  MAX_FAILURES_RANGE,
} from '../domain/defaults.js';
import { BOUNDS, formatBound } from '../domain/bounds.js';
import { INVENTORY_FILES, KEY_COLUMNS, REQUIRED_FILES } from '../domain/inventory-files.js';
import { collect, parseNow, parseOutageHours, parseWholeNumber } from './options.js';

const base = (file: string): string => file.replace(/\.csv$/, '');

/**
 * What an inventory argument is, from the inventory's own file list (domain/inventory-files.ts), so
 * a file added there shows in every command's help: the required files, then the optional ones.
 */
export const INVENTORY_ARGUMENT =
  `Inventory folder of CSV files (${REQUIRED_FILES.map(base).join(', ')}; optional ` +
  `${INVENTORY_FILES.filter((f) => !REQUIRED_FILES.includes(f))
    .map(base)
    .join(', ')})`;

/**
 * The `--set` paragraph of a command's help: every inventory file can be changed, each row named by
 * its key columns joined with `/` (apply-changes.ts reads the same tables).
 */
export const SET_CHANGE_HELP =
  '--set CHANGE edits one cell in memory before the checks: FILE.KEY.COLUMN=VALUE, where FILE is ' +
  'an inventory file without .csv and KEY its key columns joined with /: ' +
  `${INVENTORY_FILES.map((f) => `${base(f)} ${KEY_COLUMNS[f].join('/')}`).join(', ')} ` +
  '(a default weight row: */CLUSTER/CAPACITY). An empty VALUE clears the cell (its default ' +
  'applies). Every file and column: docs/inventory.md.';

/** Report formats, comma-separated. */
export const formatOption = (what = 'Comma-separated formats: md, html, json, csv'): Option =>
  new Option('-f, --format <list>', what).default('md,html,json,csv');

export const maxFailuresOption = (): Option =>
  new Option(
    '-k, --max-failures <k>',
    `Scenarios of up to k failed units at once, ${MAX_FAILURES_RANGE.min} to ${MAX_FAILURES_RANGE.max}`,
  )
    .argParser(parseWholeNumber(MAX_FAILURES_RANGE.min, MAX_FAILURES_RANGE.max))
    .default(DEFAULT_MAX_FAILURES);

export const outageHoursOption = (): Option =>
  new Option(
    '--outage-hours <h>',
    `Outage length in hours that TiCAP is charged for (above 0, at most ${formatBound(BOUNDS.outageHours)})`,
  )
    .argParser(parseOutageHours)
    .default(DEFAULT_OUTAGE_HOURS);

export const modelOption = (): Option =>
  new Option('--model <file>', 'Timing model file (default: the bundled data/timing-model.json)');

export const maxListedOption = (): Option =>
  new Option(
    '--max-listed <n>',
    'List at most n losing scenarios (all are counted; binding ones are always listed)',
  )
    .argParser(parseWholeNumber(0, 1_000_000))
    .default(DEFAULT_MAX_LISTED);

export const nowOption = (): Option =>
  new Option(
    '--now <date>',
    'Stamp this date in the reports (default: no date, reproducible output)',
  ).argParser(parseNow);

export const setOption = (
  what = 'Edit the inventory in memory first: FILE.KEY.COLUMN=VALUE (repeatable)',
): Option =>
  // No default: commander would print `(default: [])`; an absent --set reads as no change.
  new Option('--set <change>', what).argParser(collect);
