/**
 * Streaming `--all-scenarios` output (issues 6 and 14): every scenario is written once, as the engine
 * describes it, into the run's report set: one line of `scenarios.jsonl` (one thin JSON object per
 * scenario: its verdict and what changed, src/report/json.ts `renderScenarioJsonLine`) and its rows
 * of `scenarios.csv`. Memory does not grow with the number of scenarios and nothing is copied
 * afterwards; `report.json` stays small (the listed scenarios, and where the full list is). Nothing
 * is in place until the set is committed.
 */
import type { ReportSet, SetStream } from './report-set.js';

export const SCENARIOS_JSONL = 'scenarios.jsonl';
export const SCENARIOS_CSV = 'scenarios.csv';

export class ScenarioStream<S> {
  private readonly jsonl: SetStream | null;
  private readonly csv: SetStream | null;
  private readonly renderJsonLine: ((s: S) => string) | null;
  private readonly renderCsv: ((s: S) => string) | null;

  constructor(
    set: ReportSet,
    renderers: {
      /** One scenario as one line of JSON, without the newline. */
      jsonLine: ((s: S) => string) | null;
      csv: ((s: S) => string) | null;
      csvHeader: string;
    },
  ) {
    this.renderJsonLine = renderers.jsonLine;
    this.renderCsv = renderers.csv;
    this.jsonl = renderers.jsonLine === null ? null : set.openStream(SCENARIOS_JSONL);
    this.csv = renderers.csv === null ? null : set.openStream(SCENARIOS_CSV);
    this.csv?.write(renderers.csvHeader);
  }

  /** The files this stream writes (each holds every scenario). */
  files(): string[] {
    return [
      ...(this.jsonl === null ? [] : [SCENARIOS_JSONL]),
      ...(this.csv === null ? [] : [SCENARIOS_CSV]),
    ];
  }

  /** Append one scenario (synchronously: the engine calls this from its loop). */
  write(s: S): void {
    if (this.renderJsonLine !== null && this.jsonl !== null) {
      this.jsonl.write(this.renderJsonLine(s));
      this.jsonl.write('\n');
    }
    if (this.renderCsv !== null) this.csv?.write(this.renderCsv(s));
  }
}
