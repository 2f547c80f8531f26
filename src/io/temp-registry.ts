/**
 * Temporaries to remove if the process ends early (issue 14, point 2). A path is registered BEFORE
 * anything is written to it, so a write that fails half-way (a full disk, `ulimit -f`) or a signal
 * leaves nothing behind. The CLI entry (src/cli/main.ts) calls `removeTemporaries` on SIGINT, SIGTERM
 * and exit; the writers release a path once it has been renamed into place.
 */
import { rmSync } from 'node:fs';

const registered = new Set<string>();

/** Remember `path` (a file or a folder) for removal; call before creating it. */
export function registerTemporary(path: string): void {
  registered.add(path);
}

/** Forget `path`: it was moved into place or removed. */
export function releaseTemporary(path: string): void {
  registered.delete(path);
}

/** Remove every registered temporary now (synchronous: it runs in signal and exit handlers). */
export function removeTemporaries(): void {
  for (const path of registered) {
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      // Best effort: the next run removes what is left (see report-set.ts, removeStale).
    }
    registered.delete(path);
  }
}
