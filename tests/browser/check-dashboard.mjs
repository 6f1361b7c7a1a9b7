// Watches a RobustGrid sweeps page (robustgrid sweep --dashboard) in headless Debian Chromium while its sweep runs:
// samples the done count ("N of M") as the page updates itself (no reload), waits for the robustness curves to be
// drawn (SVG paths with points) and for the phase to read "complete"; prints what it saw as JSON (with mostSilos, the
// most silos its per-silo table showed with a rate) and saves a screenshot.
// Each new state it sees is printed at once as a line "sample {...}", for a caller that acts while the page runs.
// usage: node tests/browser/check-dashboard.mjs <page url> <screenshot.png> [timeout seconds, default 240] [resets]
// "resets": the done count may fall (a coordinator that resumed on another silo counts its runs again); by default
// it may only rise.
// exit 0: all good; 1: a check failed (each problem is printed); 2: bad usage; 3: the browser could not run.
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';

const [url, screenshot, timeoutText, resetsText] = process.argv.slice(2);
const resetsAllowed = resetsText === 'resets';
if (!url || !screenshot || !/^https?:\/\//.test(url)) {
  console.error('usage: node check-dashboard.mjs <page url> <screenshot.png> [timeout seconds]');
  process.exit(2);
}
const timeoutMs = (Number(timeoutText) || 240) * 1000;
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`no Chromium at ${executablePath}: apt-get install chromium (or set CHROMIUM)`);
  process.exit(3);
}
const guard = setTimeout(() => { console.error(`dashboard check timed out after ${timeoutMs / 1000 + 30} s`); process.exit(3); }, timeoutMs + 30_000);

const problems = [];
const samples = [];
let browser;
let curves = null;
let navigations = 0;
let mostSilos = 0; // the most silos the page showed with a measured rate (a coordinator's per-silo counts)
try {
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('console', m => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', e => problems.push(`page error: ${e.message}`));
  page.on('framenavigated', f => { if (f === page.mainFrame()) navigations++; });
  await page.goto(url, { waitUntil: 'load' });
  const started = Date.now();
  let phase = '';
  while (Date.now() - started < timeoutMs) {
    const state = await page.evaluate(() => ({
      phase: document.getElementById('phase')?.textContent ?? '',
      done: document.getElementById('done')?.textContent ?? '',
      paths: [...document.querySelectorAll('svg.curves path.mean')].map(p => ({
        model: p.dataset.model, points: Number(p.dataset.points), segments: (p.getAttribute('d') ?? '').split('L').length,
      })),
      bands: document.querySelectorAll('svg.curves path.band').length,
      summaryRows: document.querySelectorAll('#summary tbody tr').length,
      silosWithRate: [...document.querySelectorAll('#silos tbody tr')].filter(r => r.cells[2]?.textContent !== '–').length,
    }));
    mostSilos = Math.max(mostSilos, state.silosWithRate);
    phase = state.phase;
    const last = samples[samples.length - 1];
    if (state.done && (!last || last.done !== state.done || last.phase !== state.phase)) {
      const sample = { t: Date.now() - started, done: state.done, phase: state.phase, paths: state.paths.length };
      samples.push(sample);
      console.log('sample ' + JSON.stringify(sample));
    }
    if (state.paths.length > 0 && state.paths.every(p => p.points > 1 && p.segments === p.points)) {
      curves = state;
    }
    if (phase === 'complete' && curves && curves.summaryRows > 0) break;
    await page.waitForTimeout(250);
  }
  const counts = samples.map(s => /^(\d+) of (\d+)$/.exec(s.done)).filter(m => m).map(m => ({ done: Number(m[1]), total: Number(m[2]) }));
  const distinct = [...new Set(counts.map(c => c.done))];
  if (counts.length === 0) problems.push('the page never showed a done count "N of M"');
  else {
    const total = counts[counts.length - 1].total;
    if (distinct.length < 2 || counts[0].done >= total) problems.push(`the done count did not rise while the page watched: ${JSON.stringify(distinct)} of ${total}`);
    for (let i = 1; i < counts.length && !resetsAllowed; i++) {
      if (counts[i].done < counts[i - 1].done) problems.push(`the done count went down: ${counts[i - 1].done} then ${counts[i].done}`);
    }
    if (counts[counts.length - 1].done !== total) problems.push(`the last done count is ${counts[counts.length - 1].done} of ${total}`);
  }
  if (phase !== 'complete') problems.push(`the phase never read "complete" (last: "${phase}")`);
  if (!curves) problems.push('no robustness curve was drawn (svg.curves path.mean with points)');
  else if (curves.bands !== curves.paths.length) problems.push(`${curves.paths.length} mean curves but ${curves.bands} seed bands`);
  if (navigations !== 1) problems.push(`the page navigated ${navigations} times: it should update itself without a reload`);
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({ phase, samples, distinctDone: distinct, curves, mostSilos, problems, screenshot }));
} catch (e) {
  console.error(`dashboard check could not run: ${e.message}`);
  process.exit(3);
} finally {
  clearTimeout(guard);
  await browser?.close();
}
for (const p of problems) {
  console.error(p);
}
process.exit(problems.length === 0 ? 0 : 1);
