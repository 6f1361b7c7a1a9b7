// Opens a RobustGrid report (index.html) in headless Debian Chromium and checks that every figure loaded
// (each img is complete with naturalWidth > 0), that every figure has a caption and every section a figure, and that
// nothing on the page errored, and that every in-page link (the overview's table of sections, "back to the overview")
// leads to an element of the page; prints the sections, figures and links it saw and saves a full-page screenshot.
// usage: node tests/browser/check-report.mjs <report>/index.html <screenshot.png>
// exit 0: all good; 1: a check failed (each problem is printed); 2: bad usage; 3: the browser could not run.
import { chromium } from 'playwright-core';
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [index, screenshot] = process.argv.slice(2);
if (!index || !screenshot || !existsSync(index)) {
  console.error('usage: node check-report.mjs <report>/index.html <screenshot.png> (the index must exist)');
  process.exit(2);
}
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.error(`no Chromium at ${executablePath}: apt-get install chromium (or set CHROMIUM)`);
  process.exit(3);
}
const guard = setTimeout(() => { console.error('browser check timed out after 90 s'); process.exit(3); }, 90_000);

const problems = [];
let browser;
try {
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('console', m => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  page.on('pageerror', e => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', r => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  await page.goto(pathToFileURL(resolve(index)).href, { waitUntil: 'load' });
  const images = await page.$$eval('img', all => all.map(i => ({
    src: i.getAttribute('src'), complete: i.complete, width: i.naturalWidth, height: i.naturalHeight,
  })));
  if (images.length === 0) {
    problems.push('the page has no images');
  }
  for (const image of images) {
    if (!image.complete || image.width === 0) {
      problems.push(`figure did not load: ${image.src}`);
    }
  }
  // Every figure has a caption that says something, and every section shows its figures.
  const figures = await page.$$eval('figure', all => all.map(f => ({
    src: f.querySelector('img')?.getAttribute('src') ?? '', caption: (f.querySelector('figcaption')?.textContent ?? '').trim(),
  })));
  for (const figure of figures) {
    if (figure.caption.length < 40) {
      problems.push(`figure without a real caption: ${figure.src}`);
    }
  }
  const sections = await page.$$eval('section', all => all.map(s => ({ id: s.id, images: s.querySelectorAll('img').length })));
  for (const section of sections) {
    if (section.images === 0) {
      problems.push(`section without figures: ${section.id}`);
    }
  }
  const links = await page.$$eval('a[href^="#"]', all => all.map(a => ({ href: a.getAttribute('href'), found: document.getElementById(a.getAttribute('href').slice(1)) !== null })));
  for (const link of links) {
    if (!link.found) {
      problems.push(`in-page link to nothing: ${link.href}`);
    }
  }
  // Chromium cannot capture a page of hundreds of figures (a 45-pair report) in one image: the top 16,000 px then.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.screenshot({ path: screenshot, fullPage: true, ...(height > 16000 ? { clip: { x: 0, y: 0, width: 1400, height: 16000 } } : {}) });
  console.log(JSON.stringify({ images: images.length, loaded: images.filter(i => i.width > 0).length, links: links.length, sections, figures: images.map(i => i.src), problems, screenshot }));
} catch (e) {
  console.error(`browser check could not run: ${e.message}`);
  process.exit(3);
} finally {
  clearTimeout(guard);
  await browser?.close();
}
for (const p of problems) {
  console.error(p);
}
process.exit(problems.length === 0 ? 0 : 1);
