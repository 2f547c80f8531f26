/**
 * Debian's Chromium as the browser test and `npm run readme` launch it (no tool downloads a browser
 * of its own): the executable, and the flags for a quiet, offline, sandbox-free headless run.
 */
export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
