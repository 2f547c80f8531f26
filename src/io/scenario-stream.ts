/**
 * Streaming `--all-scenarios` output (issue 6): every scenario is appended to temporary files as the
 * engine describes it, so memory does not grow with the number of scenarios. `report.json` needs its
 * summary before the scenarios, so its scenarios go to a body file first and the final file is
 * assembled by copying (head + body + tail). Nothing is in place until `writeOutputs` renames it.
 */
import {
  closeSync,
  createReadStream,
  createWriteStream,
  mkdirSync,
  openSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { PrewrittenFile } from './write-output.js';

export class ScenarioStream<S> {
  private readonly dir: string;
  private readonly tag: string;
  private readonly renderJson: ((s: S) => string) | null;
  private readonly renderCsv: ((s: S) => string) | null;
  private jsonFd = -1;
  private csvFd = -1;
  private count = 0;
  private readonly temps: string[] = [];

  constructor(
    dir: string,
    renderers: {
      json: ((s: S) => string) | null;
      csv: ((s: S) => string) | null;
      csvHeader: string;
    },
  ) {
    this.dir = resolve(dir);
    this.tag = `.tmp-${process.pid}-${Date.now().toString(36)}`;
    this.renderJson = renderers.json;
    this.renderCsv = renderers.csv;
    mkdirSync(this.dir, { recursive: true });
    if (this.renderJson !== null) this.jsonFd = this.open('report.json.body');
    if (this.renderCsv !== null) {
      this.csvFd = this.open('scenarios.csv');
      writeSync(this.csvFd, renderers.csvHeader);
    }
  }

  /** Append one scenario (synchronously: the engine calls this from its loop). */
  write(s: S): void {
    if (this.renderJson !== null)
      writeSync(this.jsonFd, `${this.count === 0 ? '\n' : ',\n'}${this.renderJson(s)}`);
    if (this.renderCsv !== null) writeSync(this.csvFd, this.renderCsv(s));
    this.count++;
  }

  /**
   * Close the streams and build the final files under temporary names; returns them for
   * `writeOutputs` to rename into place with the other outputs.
   */
  async finish(json: { head: string; tail: string } | null): Promise<PrewrittenFile[]> {
    const out: PrewrittenFile[] = [];
    if (this.csvFd >= 0) {
      closeSync(this.csvFd);
      out.push({ name: 'scenarios.csv', tempPath: this.path('scenarios.csv') });
    }
    if (this.jsonFd >= 0 && json !== null) {
      closeSync(this.jsonFd);
      const final = this.path('report.json');
      this.temps.push(final);
      const w = createWriteStream(final);
      w.write(json.head);
      await pipeline(createReadStream(this.path('report.json.body')), w, { end: false });
      await new Promise<void>((done, fail) =>
        w.end(`${this.count > 0 ? '\n  ' : ''}${json.tail}`, () => done()).on('error', fail),
      );
      rmSync(this.path('report.json.body'), { force: true });
      out.push({ name: 'report.json', tempPath: final });
    }
    return out;
  }

  /** Remove every temporary file (after a failure). */
  abort(): void {
    for (const fd of [this.jsonFd, this.csvFd]) {
      try {
        if (fd >= 0) closeSync(fd);
      } catch {
        // already closed
      }
    }
    for (const t of this.temps) rmSync(t, { force: true });
  }

  private open(name: string): number {
    const p = this.path(name);
    this.temps.push(p);
    return openSync(p, 'w');
  }

  private path(name: string): string {
    return join(this.dir, `${name}${this.tag}`);
  }
}
