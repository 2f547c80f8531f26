/**
 * `gicap what-if --format text`: one scenario told step by step for a planner at a terminal — who
 * fails, who controls each group's rights, where each package goes and why, which rights move from
 * where, the time line, the warnings and the verdict. Pure: report → string.
 */
import type { ClusterState, PackageOutcome, PlanReport, ScenarioResult } from '../domain/result.js';
import { formatOptionalRange as range, formatSeconds as fmtSeconds } from './format.js';
import { formatNumber, plural } from '../text/count.js';
import { changedMarker } from './document.js';
import { SOURCE_KEYS, SOURCE_NAMES } from '../domain/rights-sources.js';

export function renderWhatIfText(report: PlanReport): string {
  const s = report.scenarios[0];
  if (s === undefined) return 'No scenario.\n';
  const out: string[] = [];
  const changes = report.parameters.changes;
  // A changed estate says so in the title and the verdict, as every plan format does (issue 12 point 4).
  const marker = changedMarker(report);
  const tag = marker === null ? '' : ` (${marker})`;
  out.push(`What if ${s.failed.join(' and ')} fail${s.failed.length === 1 ? 's' : ''}?${tag}`);
  out.push(
    `Inventory ${report.inventory.name} (sha256 ${report.inventory.sha256.slice(0, 12)}), outage ${formatNumber(report.parameters.outageHours)} h, model ${report.parameters.model}` +
      (changes.length > 0 ? `, with ${changes.join(', ')}` : ''),
  );
  out.push('');

  out.push('1. What is down');
  const outage = Object.entries(s.outage);
  if (outage.length === 0) out.push('   No partition is down (only a Group Manager).');
  // Without a GiCAP group nothing is seized [M1]: the outage kind then changes nothing.
  const seizable = s.gm.length > 0;
  for (const [complex, kind] of outage) {
    const what =
      kind === 'complete' ? 'complete outage (no nPar up)' : 'partial outage (some nPar still up)';
    const rights =
      kind === 'complete'
        ? ': rights seized from it are a loan that reverts after 10 days [X6]'
        : ': rights seized from it move permanently [X5]';
    out.push(`   ${complex}: ${what}${seizable ? rights : ''}`);
  }
  out.push('');

  out.push('2. Clusters');
  out.push(...clusterLines(report, s));
  out.push('');

  out.push('3. Who controls the rights');
  for (const g of s.gm) {
    if (g.inControl === null) {
      out.push(
        `   ${g.group}: no Group Manager in control: nothing crosses complexes, no seizure [M1]`,
      );
    } else if (g.takeover) {
      out.push(
        `   ${g.group}: standby ${g.inControl} takes control, ${g.takeoverMode === 'manual' ? 'manually (an operator runs icapmanage -Q)' : g.takeoverMode === 'serviceguard' ? 'by script (a Serviceguard package runs icapmanage -Q)' : 'with icapmanage -Q'}: takeover ${range(g.gmTakeover)}, Group Manager failover ${range(g.gmFailover)}`,
      );
    } else {
      out.push(`   ${g.group}: ${g.inControl} in control`);
    }
  }
  if (s.gm.length === 0)
    out.push('   No GiCAP group: each complex uses only its own rights and TiCAP.');
  out.push('');

  out.push(
    `4. Packages (${formatNumber(s.packages.length)} to move or lost, ${formatNumber(s.unaffected)} unaffected), in priority order`,
  );
  if (s.packages.length === 0) out.push('   No package runs on a failed partition.');
  for (const p of s.packages) out.push(...packageLines(p, s));
  out.push('');

  out.push('5. Rights moved');
  for (const r of s.rights) {
    out.push(
      `   ${r.group}: seized ${formatNumber(r.seized)}${r.loaned > 0 ? ` (${formatNumber(r.loaned)} on a 10-day loan)` : ''}, held by the manager before ${formatNumber(r.heldBefore)}, after ${formatNumber(r.gmHeldAfter)}; TiCAP used ${formatNumber(r.ticapMinutes)} core-minutes`,
    );
  }
  if (s.rights.length === 0) out.push('   No group.');
  out.push('');

  out.push('6. Time line (typical times from the failure)');
  out.push(...timeline(report, s));
  out.push('');

  if (s.warnings.length > 0) {
    out.push('7. Warnings');
    for (const w of s.warnings) out.push(`   ${w.code} (${w.subject}): ${w.detail ?? ''}`);
    out.push('');
  }

  const lost = s.packages.filter((p) => p.status === 'lost');
  out.push(
    s.survives
      ? `Verdict${tag}: SURVIVES. Every package comes back${s.time === null ? '' : `; the last one after ${range(s.time)}`}.`
      : `Verdict${tag}: LOSES ${plural(lost.length, 'package', 'packages')}: ${lost.map((p) => `${p.package} (${p.reason ?? '?'})`).join(', ')}.`,
  );
  if (s.slowest !== null && s.slowest.sensitivity.length > 0) {
    const bars = s.slowest.sensitivity.map(
      (e) => `${e.coefficient} ${fmtSeconds(e.low)} to ${fmtSeconds(e.high)} (${e.source})`,
    );
    out.push(
      `Slowest: ${s.slowest.package}. What moves its time most (each coefficient from its min to its max, the others typical): ${bars.join('; ')}.`,
    );
  }
  return `${out.join('\n')}\n`;
}

/**
 * Step 0 of the scenario told (spec 8.2, 8.5): for each cluster with a node down, how many nodes are
 * up of how many, and whether and why it re-forms.
 */
function clusterLines(report: PlanReport, s: ScenarioResult): string[] {
  if (report.warnings.some((w) => w.code === 'no-clusters')) {
    return ['   Not modelled (no clusters.csv): every node is judged alone.'];
  }
  if (s.clusters.length === 0) return ['   No cluster lost a node: every cluster keeps running.'];
  return s.clusters.map(
    (c) => `   ${c.cluster}: ${c.nodesUp} of ${c.nodes} nodes up; ${clusterWhy(c)}`,
  );
}

function lockText(c: ClusterState): string {
  const l = c.lock;
  if (l === null) return 'no cluster lock';
  const what = l.kind === 'quorum-server' ? `quorum server ${l.host ?? '?'}` : `${l.kind} lock`;
  return `${what}${l.site === null ? '' : ` in ${l.site}`} (${l.up ? 'up' : 'down'})`;
}

function clusterWhy(c: ClusterState): string {
  switch (c.reason) {
    case 'majority':
      return 'more than half: re-forms without the lock [C1]';
    case 'lock':
      return `exactly half: takes its ${lockText(c)} and re-forms [C3, C4]`;
    case 'no-lock':
      return 'exactly half with no cluster lock: HALTS, every package of it is lost [C3, C6]';
    case 'lock-down':
      return `exactly half, but its ${lockText(c)} cannot be taken: HALTS, every package of it is lost [C3]`;
    case 'minority':
      return c.nodesUp === 0
        ? 'every node is down'
        : 'fewer than half: HALTS whatever the lock, every package of it is lost [C2]';
  }
}

function noAttemptReason(p: PackageOutcome): string {
  switch (p.reason) {
    case 'cluster-halted':
      return `its cluster ${p.cluster ?? '?'} halted: no node of it runs or adopts a package [C2]`;
    case 'auto-run-off':
      return 'package switching is off (auto_run = n): Serviceguard does not fail it over [C11]';
    case 'dependency':
      return `a package it depends on (${p.dependsOn.join(', ') || '?'}) is down: dependents are halted with it [P4]`;
    default:
      return 'no node in its list is up';
  }
}

function packageLines(p: PackageOutcome, s: ScenarioResult): string[] {
  const lines: string[] = [];
  if (p.status === 'moved') {
    lines.push(
      `   ${p.package}: ${p.from} → ${p.to ?? '?'}, moved, ${p.activated} cores activated`,
    );
  } else {
    lines.push(`   ${p.package}: ${p.from} → nowhere, LOST (${p.reason ?? '?'})`);
  }
  // Spec 9.3: why it moved when its own node did not fail, then each node in the order considered.
  if (p.displacedBy !== null) lines.push(`      displaced by ${p.displacedBy} [P8]`);
  if (p.dependsOn.length > 0) lines.push(`      depends on ${p.dependsOn.join(', ')} [P4]`);
  let tries = 0;
  for (const a of p.attempts) {
    if (a.skipped !== undefined) {
      lines.push(`      skip: ${a.detail}`);
      continue;
    }
    tries++;
    lines.push(`      try ${tries}: ${a.detail}${a.ok ? '' : ` → ${a.reason ?? 'failed'}`}`);
  }
  for (const w of s.warnings) {
    const q = s.packages.find((x) => x.package === w.subject);
    if (w.code === 'displaced' && q?.displacedBy === p.package) {
      lines.push(`      halts ${q.package}: ${w.detail}`);
    }
  }
  if (p.attempts.length === 0) lines.push(`      ${noAttemptReason(p)}`);
  if (p.status === 'moved' && p.activated > 0) {
    const parts = SOURCE_KEYS.filter((k) => p.sources[k] > 0).map(
      (k) => `${p.sources[k]} ${SOURCE_NAMES[k].long}`,
    );
    lines.push(`      rights from: ${parts.join(', ')}`);
  }
  if (p.time !== null) {
    lines.push(
      `      back after ${range(p.time)}${p.rightsMove !== null && p.rightsMove.max > 0 ? `; moving rights ${range(p.rightsMove)}` : ''}${p.waitedForTakeover ? '; waited for the standby takeover' : ''}`,
    );
  }
  return lines;
}

/** The typical time line: failure, Serviceguard failover, takeover, rights, application start. */
function timeline(report: PlanReport, s: ScenarioResult): string[] {
  const failedStart = report.model.find((c) => c.name === 'failed_start')?.typical ?? 0;
  const lines = ['   0 s: failure'];
  for (const g of s.gm) {
    if (g.takeover && g.gmFailover !== null) {
      lines.push(
        `   ${fmtSeconds(g.gmFailover.typical)}: ${g.inControl ?? '?'} in control of ${g.group}`,
      );
    }
  }
  for (const p of s.packages) {
    if (p.time === null) continue;
    // Its Serviceguard failover and the manager's failover both start at the failure (spec 3.4).
    let t = p.sgFailover?.typical ?? 0;
    const steps = [`${fmtSeconds(t)} Serviceguard failover`];
    if (p.waitedForTakeover) {
      const g = s.gm.find((x) => x.takeover);
      t = Math.max(t, g?.gmFailover?.typical ?? 0);
      steps.push(`${fmtSeconds(t)} takeover done`);
    }
    const drivers = [p.displacedBy, ...p.dependsOn].filter((x) => x !== null);
    if (drivers.length > 0) {
      // Moved by another package: it restarts after that one is up (spec 9.2).
      const up = s.packages.filter((x) => drivers.includes(x.package) && x.time !== null);
      const after = Math.max(0, ...up.map((x) => x.time?.typical ?? 0));
      if (after > t) {
        t = after;
        steps.splice(0, steps.length, `${fmtSeconds(t)} after ${drivers.join(', ')}`);
      }
    }
    const failed = p.attempts.filter((a) => a.skipped === undefined).length - 1;
    if (failed > 0) {
      t += failed * failedStart;
      steps.push(`${fmtSeconds(t)} after ${failed} failed ${failed === 1 ? 'start' : 'starts'}`);
    }
    if (p.rightsMove !== null && p.rightsMove.typical > 0) {
      t += p.rightsMove.typical;
      steps.push(`${fmtSeconds(t)} ${p.activated} cores active`);
    }
    steps.push(`${fmtSeconds(p.time.typical)} ${p.package} up on ${p.to ?? '?'}`);
    lines.push(`   ${p.package}: ${steps.join(' → ')}`);
  }
  return lines;
}
