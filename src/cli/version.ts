import { readFileSync } from 'node:fs';

/** The tool's version, from package.json (two folders up from src/cli or dist/cli). */
export const TOOL_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

export const TOOL = { name: 'gicap-planner', version: TOOL_VERSION } as const;
