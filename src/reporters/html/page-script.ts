/**
 * The script of report.html, run in the browser. It only draws: every number it shows is in the
 * embedded data, computed by faultline. uPlot draws the two charts; the lanes below them are one
 * canvas on the same x scale. Zoom by dragging on a chart (double-click resets); `#t=12.5` in the
 * address puts a marker at 12.5 s and zooms around it; a click on a chart sets that link.
 */
export const pageScript = String.raw`
(() => {
  'use strict';
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const $ = (id) => document.getElementById(id);
  const el = (tag, attrs, text) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const row = (table, cells, cls) => {
    const tr = el('tr', cls ? { class: cls } : {});
    for (const cell of cells) tr.appendChild(el('td', {}, String(cell)));
    table.appendChild(tr);
    return tr;
  };
  const palette = {
    kill: '#e06666', stop: '#e06666', restart: '#e69138', pause: '#6d9eeb', isolate: '#8e7cc3', partition: '#c9a227',
    latency: '#f6b26b', bandwidth: '#f6b26b', blackhole: '#999999', reset: '#b45f06', 'slow-close': '#f6b26b',
    switchover: '#76a5af', promote: '#76a5af', 'disk-loss': '#990000', 'disk-full': '#a64d79', restore: '#38761d', rebuild: '#38761d',
    'corrupt-backup': '#741b47', 'backup-loss': '#741b47',
    outage: '#cc0000', degraded: '#f1c232', up: '#6aa84f', down: '#cc0000',
  };
  const tone = (t) => palette[t] || '#5b7083';

  // Header, tables.
  const m = data.meta;
  document.title = m.scenario + ' ' + m.verdict.toUpperCase() + ' (faultline)';
  $('scenario').textContent = m.scenario;
  const verdict = $('verdict');
  verdict.textContent = m.verdict.toUpperCase() + ' · exit ' + m.exitCode;
  verdict.className = 'verdict ' + m.verdict;
  $('description').textContent = m.description;
  $('meta').textContent = 'run ' + m.runId + ' · started ' + m.startedAt + ' · ' + m.duration + (m.file ? ' · ' + m.file : '') + (m.load ? ' · ' + m.load : '');
  if (m.reason) { $('reason').textContent = m.reason; $('reason').hidden = false; }
  const marks = { pass: '✓', fail: '✗', 'no-data': '?' };
  for (const slo of data.slos) row($('slos'), [marks[slo.status] || '?', slo.name, slo.measured, slo.detail], 'slo ' + slo.status);
  for (const f of data.figures) row($('figures'), [f.name, f.value]);
  for (const p of data.phases) row($('phases'), [p.phase, p.requests, p.availability, p.p50, p.p99, p.max, p.p99FromDue]);
  for (const d of data.drills) {
    const box = el('div', { class: 'drill' });
    box.appendChild(el('div', { class: 'drill-title' }, d.title));
    const bar = el('div', { class: 'rto-bar' });
    const total = d.breakdown.reduce((sum, p) => sum + p.ms, 0) || 1;
    for (const p of d.breakdown) {
      const seg = el('span', { title: p.name + ' ' + p.text, style: 'flex:' + Math.max(p.ms / total, 0.002) }, p.ms / total > 0.08 ? p.name + ' ' + p.text : '');
      bar.appendChild(seg);
    }
    box.appendChild(bar);
    box.appendChild(el('div', { class: 'drill-parts' }, d.breakdown.map((p) => p.name + ' ' + p.text).join(' + ')));
    $('drills').appendChild(box);
  }
  if (data.drills.length === 0) $('drills-section').hidden = true;

  // The list of everything on the timeline (text a person can copy into an incident review).
  const events = [];
  for (const b of data.bands) events.push({ lane: 'faults', ...b });
  for (const lane of data.lanes) for (const item of lane.items) events.push({ lane: lane.name, ...item });
  events.sort((a, b) => a.fromS - b.fromS);
  const fmt = (s) => (s < 10 ? s.toFixed(2) : s.toFixed(1)) + ' s';
  for (const e of events) {
    const tr = row($('events'), [fmt(e.fromS), e.toS === undefined ? '' : fmt(e.toS), e.lane, e.label]);
    tr.dataset.lane = e.lane;
    tr.addEventListener('click', () => { location.hash = 't=' + e.fromS; });
  }

  // Charts.
  const s = data.series;
  const width = () => Math.max(600, $('charts').clientWidth);
  let charts = [];
  let marker = null;
  // uPlot sets its scales while it is being built: lanes are drawn only once everything exists.
  let ready = false;
  const bandsPlugin = (withOutages) => ({
    hooks: {
      drawClear: (u) => {
        const ctx = u.ctx;
        const top = u.bbox.top, height = u.bbox.height;
        const paint = (from, to, colour, alpha) => {
          const x0 = u.valToPos(from, 'x', true), x1 = u.valToPos(to, 'x', true);
          ctx.save(); ctx.globalAlpha = alpha; ctx.fillStyle = colour;
          ctx.fillRect(x0, top, Math.max(1, x1 - x0), height); ctx.restore();
        };
        for (const b of data.bands) paint(b.fromS, b.toS, tone(b.kind), 0.14);
        if (withOutages) for (const lane of data.lanes.filter((l) => l.name === 'outages')) for (const w of lane.items) paint(w.fromS, w.toS, tone('outage'), 0.18);
      },
      draw: (u) => {
        if (marker === null) return;
        const x = u.valToPos(marker, 'x', true);
        const ctx = u.ctx;
        ctx.save(); ctx.strokeStyle = '#000'; ctx.setLineDash([4, 3]); ctx.beginPath();
        ctx.moveTo(x, u.bbox.top); ctx.lineTo(x, u.bbox.top + u.bbox.height); ctx.stroke(); ctx.restore();
      },
      setScale: (u, key) => { if (key === 'x') syncX(u); },
    },
  });
  let syncing = false;
  const syncX = (source) => {
    if (syncing) return;
    syncing = true;
    const { min, max } = source.scales.x;
    for (const c of charts) if (c !== source) c.setScale('x', { min, max });
    syncing = false;
    drawLanes();
  };
  const common = (title, height) => ({
    title, width: width(), height,
    scales: { x: { time: false, range: (u, min, max) => [min, max] } },
    cursor: { sync: { key: 'faultline' }, drag: { x: true, y: false } },
    // A wide y axis: the lanes' names sit in the same margin below.
    axes: [{ label: 'seconds of measured load' }, { size: 120 }],
  });
  const throughput = new uPlot({
    ...common('requests per second by outcome (shaded: faults; red: outages)', 220),
    series: [{}, { label: 'ok', stroke: '#38761d', fill: 'rgba(56,118,29,0.10)', width: 1 }, { label: 'fail', stroke: '#cc0000', width: 1.5 }, { label: 'unknown', stroke: '#e69138', width: 1.5 }],
    plugins: [bandsPlugin(true)],
  }, [s.t, s.ok, s.fail, s.unknown], $('chart-throughput'));
  const latency = new uPlot({
    ...common('latency, ms (log scale)', 240),
    scales: { x: { time: false, range: (u, min, max) => [min, max] }, y: { distr: 3 } },
    series: [{}, { label: 'p50', stroke: '#6d9eeb', width: 1 }, { label: 'p99', stroke: '#1155cc', width: 1.5 }, { label: 'max', stroke: '#999999', width: 1 }, { label: 'p99 from the schedule', stroke: '#a64d79', width: 1, dash: [5, 3] }],
    plugins: [bandsPlugin(false)],
  }, [s.t, s.p50, s.p99, s.max, s.dueP99], $('chart-latency'));
  charts = [throughput, latency];
  for (const c of charts) {
    c.over.addEventListener('click', () => {
      const t = c.posToVal(c.cursor.left, 'x');
      if (Number.isFinite(t)) location.hash = 't=' + t.toFixed(2);
    });
  }

  // Lanes: one canvas under the charts, on the charts' x scale.
  const lanes = [{ name: 'faults', items: data.bands }, ...data.lanes];
  const laneCanvas = $('lanes');
  const laneHeight = 22, laneGap = 4, labelWidth = 110;
  const hits = [];
  function drawLanes() {
    if (!ready) return;
    const u = throughput;
    const dpr = window.devicePixelRatio || 1;
    const cssWidth = u.width;
    const cssHeight = lanes.length * (laneHeight + laneGap) + 24;
    laneCanvas.style.width = cssWidth + 'px'; laneCanvas.style.height = cssHeight + 'px';
    laneCanvas.width = cssWidth * dpr; laneCanvas.height = cssHeight * dpr;
    const ctx = laneCanvas.getContext('2d');
    ctx.scale(dpr, dpr);
    ctx.clearRect(0, 0, cssWidth, cssHeight);
    const left = u.bbox.left / dpr, plotWidth = u.bbox.width / dpr;
    const { min, max } = u.scales.x;
    const xOf = (t) => left + ((t - min) / (max - min)) * plotWidth;
    hits.length = 0;
    ctx.font = '11px system-ui, sans-serif';
    lanes.forEach((lane, i) => {
      const y = 4 + i * (laneHeight + laneGap);
      ctx.fillStyle = '#f3f5f7'; ctx.fillRect(left, y, plotWidth, laneHeight);
      ctx.fillStyle = '#333'; ctx.textBaseline = 'middle'; ctx.textAlign = 'right';
      ctx.fillText(lane.name, left - 6, y + laneHeight / 2);
      for (const item of lane.items) {
        const x0 = Math.max(left, xOf(item.fromS));
        const x1 = item.toS === undefined ? x0 : Math.min(left + plotWidth, xOf(item.toS));
        if (x1 < left || x0 > left + plotWidth) continue;
        ctx.fillStyle = tone(item.tone || item.kind);
        if (item.toS === undefined) {
          ctx.fillRect(x0 - 1, y + 2, 3, laneHeight - 4);
        } else {
          ctx.globalAlpha = 0.75; ctx.fillRect(x0, y + 3, Math.max(2, x1 - x0), laneHeight - 6); ctx.globalAlpha = 1;
          if (x1 - x0 > 60) { ctx.fillStyle = '#fff'; ctx.textAlign = 'left'; ctx.fillText(item.label.slice(0, Math.floor((x1 - x0) / 6)), x0 + 4, y + laneHeight / 2); }
        }
        hits.push({ x0: x0 - 3, x1: Math.max(x1, x0) + 3, y0: y, y1: y + laneHeight, item, lane: lane.name });
      }
    });
    if (marker !== null && marker >= min && marker <= max) {
      const x = xOf(marker);
      ctx.strokeStyle = '#000'; ctx.setLineDash([4, 3]); ctx.beginPath(); ctx.moveTo(x, 0); ctx.lineTo(x, cssHeight); ctx.stroke();
    }
  }
  const tip = $('tip');
  laneCanvas.addEventListener('mousemove', (ev) => {
    const rect = laneCanvas.getBoundingClientRect();
    const x = ev.clientX - rect.left, y = ev.clientY - rect.top;
    const hit = hits.find((h) => x >= h.x0 && x <= h.x1 && y >= h.y0 && y <= h.y1);
    if (!hit) { tip.hidden = true; return; }
    tip.hidden = false;
    tip.textContent = hit.lane + ': ' + hit.item.label + ' · ' + fmt(hit.item.fromS) + (hit.item.toS === undefined ? '' : ' → ' + fmt(hit.item.toS));
    tip.style.left = (ev.pageX + 12) + 'px'; tip.style.top = (ev.pageY + 12) + 'px';
  });
  laneCanvas.addEventListener('mouseleave', () => { tip.hidden = true; });

  // Deep links.
  function followHash() {
    const match = /t=(-?[\d.]+)/.exec(location.hash);
    marker = match ? Number(match[1]) : null;
    if (marker !== null && Number.isFinite(marker)) {
      const half = Math.max(5, data.spanS / 20);
      throughput.setScale('x', { min: Math.max(0, marker - half), max: Math.min(data.spanS, marker + half) });
    }
    for (const c of charts) c.redraw(false);
    drawLanes();
  }
  ready = true;
  window.addEventListener('hashchange', followHash);
  window.addEventListener('resize', () => { for (const c of charts) c.setSize({ width: width(), height: c.height }); drawLanes(); });
  followHash();
  document.body.dataset.ready = 'true';
})();
`;
