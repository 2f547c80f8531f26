/**
 * `npm run readme`: re-runs every `<!-- run: gicap … -->` block of README.md with the built CLI and
 * writes its real output in place, then writes the screenshot of the bundled report
 * (reports/mixed/report.png, headless Debian Chromium), and docs/rules.md from the rules catalogue
 * (src/domain/rules.ts). Run after `npm run build`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.js';
import { renderRulesDoc } from '../src/report/rules-key.js';
import { blockContent, findRunBlocks } from './readme-blocks.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const readmePath = `${root}README.md`;
let readme = readFileSync(readmePath, 'utf8');

for (const block of findRunBlocks(readme).reverse()) {
  const r = spawnSync(process.execPath, ['dist/cli/main.js', ...block.args], {
    cwd: root,
    encoding: 'utf8',
  });
  console.log(`gicap ${block.args.join(' ')} → exit ${r.status ?? '?'}`);
  readme =
    readme.slice(0, block.start) + blockContent(block.args, r.stdout) + readme.slice(block.end);
}
writeFileSync(readmePath, readme);
writeFileSync(`${root}docs/rules.md`, renderRulesDoc());
console.log('wrote docs/rules.md');

const html = `${root}reports/mixed/report.html`;
if (!existsSync(CHROMIUM)) {
  console.log(`no ${CHROMIUM}: screenshot not refreshed`);
} else if (existsSync(html)) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [...CHROMIUM_ARGS],
  });
  const page = await browser.newPage({ viewport: { width: 1366, height: 1100 } });
  await page.goto(`file://${html}`);
  await page.screenshot({ path: `${root}reports/mixed/report.png` });
  await browser.close();
  console.log('wrote reports/mixed/report.png');
}
