/**
 * The plan sequence, one way through: files → validated inventory → engine result → renderers →
 * files (style.md practice 6). Used by `gicap plan` and by each run of `gicap batch` (also inside a
 * worker thread). It never prints; it returns the report and the files written.
 */
import type { PlanReport, StreamedScenario } from '../domain/result.js';
import type { TimingModel } from '../domain/timing.js';
import { planCapacity, planChanged, type PlanParams } from '../engine/index.js';
import { loadInventory, loadInventoryWithBaseline } from '../io/load-inventory.js';
import { loadTimingModel } from '../io/load-model.js';
import { checkOutputFolder } from '../io/output-dir.js';
import { removeStale, ReportSet, type SetInfo } from '../io/report-set.js';
import { SCENARIOS_CSV, SCENARIOS_JSONL, ScenarioStream } from '../io/scenario-stream.js';
import { writeOutputs } from '../io/write-output.js';
import { renderScenarioCsvRows, scenariosCsvHeader } from '../report/csv.js';
import { FORMAT_FILES, renderReport, type ReportFormat } from '../report/index.js';
import { renderScenarioJsonLine } from '../report/json.js';
import { TOOL } from './version.js';
import { hasFindings } from '../domain/result.js';

export interface PlanJob {
  readonly inventoryDir: string;
  /** The output folder, absolute; checked before anything is loaded (src/io/output-dir.ts). */
  readonly outDir: string;
  /** How error messages name the output folder (default `--out DIR`). */
  readonly outLabel?: string;
  readonly formats: readonly ReportFormat[];
  readonly maxFailures: number;
  readonly outageHours: number;
  /** Model file, or undefined for the bundled default. */
  readonly modelPath: string | undefined;
  readonly allScenarios: boolean;
  /** Losing scenarios to list at most (all are counted). */
  readonly maxListed: number;
  readonly changes: readonly string[];
  readonly now: string | null;
}

export interface PlanJobResult {
  readonly report: PlanReport;
  readonly files: readonly string[];
  /** 0 clean, 1 findings (a lost package or a non-compliant group). */
  readonly exitCode: 0 | 1;
}

export function findingsExitCode(report: PlanReport): 0 | 1 {
  return hasFindings(report.summary) ? 1 : 0;
}

/** Files an earlier plan may have written before run.json existed: replaced like a set. */
const LEGACY_PLAN_FILES = [...Object.values(FORMAT_FILES).flat(), SCENARIOS_JSONL];

/**
 * Check the output folder, load everything (any problem throws before a file is written), then plan,
 * render and write the files as one report set with its run.json (src/io/report-set.ts).
 */
export async function runPlanJob(job: PlanJob): Promise<PlanJobResult> {
  const folder = checkOutputFolder(job.outDir, job.outLabel ?? `--out ${job.outDir}`);
  // What killed runs left is cleared before the work, so a run interrupted during the plan leaves
  // nothing behind either (its own temporaries are cleaned by the signal handler).
  if (folder.missing.length === 0) removeStale(folder.path);
  const model = await loadTimingModel(job.modelPath);
  const wantsJson = job.formats.includes('json');
  const wantsCsv = job.formats.includes('csv');
  if (!job.allScenarios || job.changes.length > 0 || (!wantsJson && !wantsCsv)) {
    const report = await computePlan(job, model);
    const rendered = await renderReport(report, job.formats);
    const files = writeOutputs(folder, rendered, setInfo(report, job), {
      legacyNames: LEGACY_PLAN_FILES,
    });
    return { report, files, exitCode: findingsExitCode(report) };
  }
  // --all-scenarios: every scenario is streamed once, as it is described, to scenarios.jsonl (JSON:
  // one thin line, its verdict and what changed) and scenarios.csv, so memory stays flat and nothing
  // is copied afterwards; report.json and the other formats render what the default lists, in full,
  // and say which files hold every scenario.
  const inventory = await loadInventory(job.inventoryDir, { changes: job.changes });
  const set = new ReportSet(folder, { legacyNames: LEGACY_PLAN_FILES });
  try {
    const stream = new ScenarioStream<StreamedScenario>(set, {
      jsonLine: wantsJson ? renderScenarioJsonLine : null,
      csv: wantsCsv ? renderScenarioCsvRows : null,
      csvHeader: scenariosCsvHeader(),
    });
    const planned = planCapacity(inventory, {
      ...planParams(job, model),
      onScenario: (s) => stream.write(s),
    });
    const report: PlanReport = { ...planned, scenariosFiles: stream.files() };
    for (const f of await renderReport(report, job.formats)) {
      if (f.name !== SCENARIOS_CSV) set.writeFile(f.name, f.content);
    }
    const files = set.commit(setInfo(report, job));
    return { report, files, exitCode: findingsExitCode(report) };
  } catch (err) {
    set.abort();
    throw err;
  }
}

/** What run.json says about a plan: the inventory hash and every parameter of the run. */
function setInfo(report: PlanReport, job: PlanJob): SetInfo {
  const p = report.parameters;
  return {
    tool: TOOL,
    command: 'plan',
    inventory: report.inventory,
    parameters: {
      maxFailures: p.maxFailures,
      outageHours: p.outageHours,
      model: p.model,
      allScenarios: p.allScenarios,
      maxListed: job.maxListed,
      changes: [...p.changes],
      now: p.now,
      formats: [...job.formats],
    },
  };
}

function planParams(
  job: Omit<PlanJob, 'outDir' | 'formats' | 'outLabel'>,
  model: TimingModel,
): PlanParams {
  return {
    maxFailures: job.maxFailures,
    outageHours: job.outageHours,
    model,
    allScenarios: job.allScenarios,
    maxListed: job.maxListed,
    changes: job.changes,
    now: job.now,
    tool: TOOL,
  };
}

/** The plan of one inventory; with `--set` changes, the changed estate compared with the baseline. */
export async function computePlan(
  job: Omit<PlanJob, 'outDir' | 'formats' | 'outLabel'>,
  model: TimingModel,
): Promise<PlanReport> {
  const params = planParams(job, model);
  if (job.changes.length === 0) return planCapacity(await loadInventory(job.inventoryDir), params);
  // With --set: the baseline and the changed estate side by side (spec 6).
  const { base, changed } = await loadInventoryWithBaseline(job.inventoryDir, job.changes);
  return planChanged(base, changed, params);
}
