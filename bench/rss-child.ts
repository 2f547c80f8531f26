/**
 * Child process of the benchmark (issue 6, `peakRssMbLargeK2`): load one inventory and plan it with
 * k failures, aggregates only, then print one line of JSON with the process's peak resident memory
 * (`process.resourceUsage().maxRSS`, KiB), so the figure covers this plan alone and not the
 * harness's other cases. Run by bench/cases.ts as `node --import tsx bench/rss-child.ts DIR K`.
 */
import { loadTimingModel } from '../src/io/load-model.js';
import { timePlan, type RssChildResult } from './cases.js';

const [dir, kText] = process.argv.slice(2);
const k = Number(kText);
if (dir === undefined || !Number.isInteger(k) || k < 1) {
  console.error('usage: node --import tsx bench/rss-child.ts INVENTORY_DIR K');
  process.exit(2);
}
const baselineKiB = Math.round(process.memoryUsage().rss / 1024);
const model = await loadTimingModel();
const run = await timePlan(dir, k, model);
const result: RssChildResult = {
  maxRssKiB: process.resourceUsage().maxRSS,
  baselineKiB,
  seconds: run.seconds,
  summary: run.summary,
};
console.log(JSON.stringify(result));
