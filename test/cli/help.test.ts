import { describe, expect, it } from 'vitest';
import { runGicap } from '../helpers/run-cli.js';

describe('gicap --help', () => {
  it('lists the commands, examples and exit codes, and exits 0', () => {
    const r = runGicap(['--help']);
    expect(r.status).toBe(0);
    for (const cmd of ['plan', 'what-if', 'validate', 'batch', 'model', 'calibrate', 'optimize']) {
      expect(r.stdout).toMatch(new RegExp(`^  ${cmd}\\b`, 'm'));
    }
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('2  bad input or usage (nothing written)');
  });

  it('rejects an unknown command with exit 2', () => {
    const r = runGicap(['bogus']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown command 'bogus'");
  });
});
