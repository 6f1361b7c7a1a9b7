// The RobustGrid sweeps page: polls api/sweeps (every sweep's status) and api/sweeps/<id> (the selected sweep's
// counts, curves, table and failed runs) and draws the curves as inline SVG. No library, nothing fetched from elsewhere.
'use strict';

const LIST_MS = 2000;
const DETAIL_MS = 1000;
const SVG = 'http://www.w3.org/2000/svg';
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];

let selected = decodeURIComponent(location.hash.slice(1)) || null;
let sweeps = [];

const $ = id => document.getElementById(id);
const el = (tag, text, cls) => {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  if (cls) e.className = cls;
  return e;
};
const fixed = (v, digits) => (v === null || v === undefined) ? '–' : v.toFixed(digits);
const meanStd = (v, digits) => (v === null || v === undefined || v.mean === null) ? '–' : `${v.mean.toFixed(digits)} ± ${(v.std ?? 0).toFixed(digits)}`;
const of = (n, total) => (n === null || n === undefined) ? '–' : `${n} of ${total ?? '?'}`;

async function getJson(path) {
  const response = await fetch(path, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

function renderList() {
  const body = $('sweeps').tBodies[0];
  body.replaceChildren();
  $('no-sweeps').hidden = sweeps.length > 0;
  for (const s of sweeps) {
    const row = el('tr');
    if (s.id === selected) row.className = 'selected';
    const link = el('a', s.id);
    link.href = '#' + encodeURIComponent(s.id);
    const idCell = el('td');
    idCell.append(link);
    row.append(idCell, el('td', s.phase), el('td', of(s.done, s.total), 'num'), el('td', of(s.failed, s.total), 'num'),
      el('td', of(s.running, s.total), 'num'), el('td', of(s.pending, s.total), 'num'),
      el('td', fixed(s.runsPerSecond, 2), 'num'), el('td', s.eta ?? '–', 'num'));
    const report = el('td');
    if (s.reportUrl) {
      const a = el('a', 'report');
      a.href = s.reportUrl;
      report.append(a);
    }
    row.append(report);
    body.append(row);
  }
}

function renderStatus(s) {
  $('detail').hidden = false;
  $('sweep-id').textContent = s.id;
  $('phase').textContent = s.phase;
  $('phase').className = 'phase ' + s.phase.split(' ')[0];
  $('done').textContent = of(s.done, s.total);
  $('failed').textContent = of(s.failed, s.total);
  $('running').textContent = of(s.running, s.total);
  $('pending').textContent = of(s.pending, s.total);
  $('committed').textContent = of(s.committed, s.total);
  $('rate').textContent = fixed(s.runsPerSecond, 2);
  $('eta').textContent = s.eta ?? '–';
  $('source').textContent = s.source === 'cluster' ? `coordinator${s.coordinator ? ' on ' + s.coordinator : ''}` : s.source === 'files' ? 'its files' : 'not started yet';
  const silos = s.silos ?? [];
  $('silos').hidden = silos.length === 0;
  $('silos').tBodies[0].replaceChildren(...silos.map(silo => {
    const row = el('tr');
    row.append(el('td', silo.silo), el('td', String(silo.completed), 'num'), el('td', fixed(silo.runsPerSecond, 2), 'num'));
    return row;
  }));
  $('report-link').hidden = !s.reportUrl;
  if (s.reportUrl) $('report-link').firstElementChild.href = s.reportUrl;
  $('error').hidden = !s.error;
  $('error').textContent = s.error ?? '';
}

function svgEl(tag, attributes) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
  return e;
}

// One chart per section: each model's mean curve (a line) and its band mean ± std over seeds (a filled polygon),
// accuracy 0..1 against attack eps.
function drawSection(section, curves) {
  const W = 560, H = 340, L = 50, R = 150, T = 12, B = 38;
  const maxEps = Math.max(...curves.flatMap(c => c.eps), 1e-9);
  const minEps = Math.min(...curves.flatMap(c => c.eps), 0);
  const x = e => L + (e - minEps) / (maxEps - minEps || 1) * (W - L - R);
  const y = a => T + (1 - Math.max(0, Math.min(1, a))) * (H - T - B);
  const svg = svgEl('svg', { class: 'curves', width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'img' });
  svg.setAttribute('aria-label', `robustness curves, ${section}`);
  for (let i = 0; i <= 4; i++) {
    const a = i / 4;
    svg.append(svgEl('line', { x1: L, x2: W - R, y1: y(a), y2: y(a), stroke: '#e6e6e6' }));
    const label = svgEl('text', { x: L - 6, y: y(a) + 4, 'text-anchor': 'end' });
    label.textContent = a.toFixed(2);
    svg.append(label);
    const e = minEps + i / 4 * (maxEps - minEps);
    const tick = svgEl('text', { x: x(e), y: H - B + 15, 'text-anchor': 'middle' });
    tick.textContent = +e.toPrecision(3);
    svg.append(tick);
  }
  svg.append(svgEl('line', { x1: L, x2: W - R, y1: y(0), y2: y(0), stroke: '#888' }));
  svg.append(svgEl('line', { x1: L, x2: L, y1: y(0), y2: y(1), stroke: '#888' }));
  const xLabel = svgEl('text', { x: (L + W - R) / 2, y: H - 6, 'text-anchor': 'middle' });
  xLabel.textContent = 'attack eps';
  const yLabel = svgEl('text', { x: 12, y: (T + H - B) / 2, 'text-anchor': 'middle', transform: `rotate(-90 12 ${(T + H - B) / 2})` });
  yLabel.textContent = 'accuracy under attack';
  svg.append(xLabel, yLabel);
  curves.forEach((c, i) => {
    const colour = COLOURS[i % COLOURS.length];
    if (c.eps.length === 0) return;
    const upper = c.eps.map((e, k) => `${x(e).toFixed(1)},${y(c.mean[k] + c.std[k]).toFixed(1)}`);
    const lower = c.eps.map((e, k) => `${x(e).toFixed(1)},${y(c.mean[k] - c.std[k]).toFixed(1)}`).reverse();
    svg.append(svgEl('path', { class: 'band', d: 'M' + upper.concat(lower).join('L') + 'Z', fill: colour, 'fill-opacity': 0.18, stroke: 'none' }));
    const line = c.eps.map((e, k) => `${x(e).toFixed(1)},${y(c.mean[k]).toFixed(1)}`);
    const path = svgEl('path', { class: 'mean', d: 'M' + line.join('L'), fill: 'none', stroke: colour, 'stroke-width': 2 });
    path.dataset.points = String(c.eps.length);
    path.dataset.model = c.model;
    svg.append(path);
    const ly = T + 14 + i * 18;
    svg.append(svgEl('line', { x1: W - R + 10, x2: W - R + 30, y1: ly - 4, y2: ly - 4, stroke: colour, 'stroke-width': 2 }));
    const name = svgEl('text', { x: W - R + 35, y: ly });
    name.textContent = `${c.model} (${c.seeds})`;
    svg.append(name);
  });
  const box = el('div', null, 'chart');
  box.append(el('h4', section), svg);
  return box;
}

function renderCurves(curves) {
  const target = $('curves');
  target.replaceChildren();
  if (curves.length === 0) {
    target.append(el('p', 'No committed runs yet.', 'muted'));
    return;
  }
  const sections = new Map();
  for (const c of curves) {
    if (!sections.has(c.section)) sections.set(c.section, []);
    sections.get(c.section).push(c);
  }
  for (const [section, list] of sections) target.append(drawSection(section, list));
}

function renderSummary(rows) {
  const table = $('summary');
  table.tHead.replaceChildren();
  table.tBodies[0].replaceChildren();
  if (rows.length === 0) return;
  const head = el('tr');
  ['section', 'model', 'seeds', 'failed', 'clean accuracy'].forEach(h => head.append(el('th', h)));
  rows[0].tableEps.forEach(e => head.append(el('th', `acc @ eps ${+e.toPrecision(4)}`)));
  head.append(el('th', 'eps50'));
  table.tHead.append(head);
  for (const r of rows) {
    const row = el('tr');
    row.append(el('td', r.section), el('td', r.model), el('td', String(r.completed), 'num'), el('td', String(r.failed), 'num'),
      el('td', meanStd(r.cleanAccuracy, 4), 'num'));
    r.accuracyAt.forEach(v => row.append(el('td', meanStd(v, 4), 'num')));
    row.append(el('td', r.eps50.count > 0 ? `${meanStd(r.eps50, 4)} (${r.eps50.count})` : '–', 'num'));
    table.tBodies[0].append(row);
  }
}

function renderFailed(page) {
  const body = $('failed-runs').tBodies[0];
  body.replaceChildren();
  $('failed-count').textContent = page.failedRunsTotal === 0 ? 'None committed.'
    : page.failedRuns.length < page.failedRunsTotal ? `${page.failedRunsTotal} failed; the first ${page.failedRuns.length}:` : `${page.failedRunsTotal} failed:`;
  for (const f of page.failedRuns) {
    const row = el('tr');
    row.append(el('td', f.runKey), el('td', f.section), el('td', f.model), el('td', String(f.seed), 'num'), el('td', f.error, 'error-text'));
    body.append(row);
  }
  const faults = $('faults');
  faults.replaceChildren(...page.faults.map(f => el('li', f)));
}

async function pollList() {
  try {
    sweeps = await getJson('api/sweeps');
    if (!selected && sweeps.length > 0) selected = (sweeps.find(s => !s.finished) ?? sweeps[0]).id;
    renderList();
    $('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
  } catch (e) {
    $('updated').textContent = 'cannot reach the server: ' + e.message;
  }
  setTimeout(pollList, LIST_MS);
}

async function pollDetail() {
  if (selected) {
    try {
      const page = await getJson('api/sweeps/' + encodeURIComponent(selected));
      renderStatus(page.status);
      renderCurves(page.curves);
      renderSummary(page.summary);
      renderFailed(page);
    } catch (e) {
      $('error').hidden = false;
      $('error').textContent = e.message;
    }
  }
  setTimeout(pollDetail, DETAIL_MS);
}

window.addEventListener('hashchange', () => {
  selected = decodeURIComponent(location.hash.slice(1)) || selected;
  renderList();
});
pollList();
pollDetail();
