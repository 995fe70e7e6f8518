import type { ReportData } from './report-data.js';
import { pageScript } from './page-script.js';

/** uPlot's browser build and stylesheet, inlined into the page. */
export interface ChartAssets {
  readonly js: string;
  readonly css: string;
}

/**
 * Nothing may leave the page: no external URL at all. The policy makes any that slipped in fail
 * visibly instead of hanging an offline viewer.
 */
const contentSecurityPolicy = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

const style = `
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2733; margin: 0; background: #fff; }
  main { max-width: 1280px; margin: 0 auto; padding: 20px 24px 48px; }
  header h1 { font-size: 22px; margin: 0 12px 0 0; display: inline-block; }
  .verdict { display: inline-block; padding: 3px 10px; border-radius: 4px; font-weight: 600; color: #fff; background: #6b7785; vertical-align: 3px; }
  .verdict.passed { background: #2e7d32; } .verdict.failed { background: #c62828; } .verdict.unknown, .verdict.errored, .verdict.interrupted { background: #b26a00; }
  #description { margin: 6px 0 2px; } #meta { color: #5b6775; font-size: 12px; }
  #reason { border-left: 4px solid #b26a00; background: #fff8e6; padding: 6px 10px; margin: 10px 0; }
  h2 { font-size: 15px; margin: 26px 0 8px; text-transform: uppercase; letter-spacing: .04em; color: #3d4a58; }
  table { border-collapse: collapse; width: 100%; font-size: 13px; }
  td { border-top: 1px solid #e3e7eb; padding: 4px 8px; vertical-align: top; }
  thead td { font-weight: 600; border-top: none; color: #5b6775; }
  tr.slo.pass td:first-child { color: #2e7d32; font-weight: 700; } tr.slo.fail td:first-child { color: #c62828; font-weight: 700; }
  tr.slo.fail td { background: #fdecea; } tr.slo.no-data td { background: #fff8e6; }
  .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 24px; } @media (max-width: 900px) { .grid { grid-template-columns: 1fr; } }
  #charts { margin-top: 8px; } #lanes { display: block; margin-top: 2px; }
  #events tr { cursor: pointer; } #events tr:hover td { background: #f3f5f7; }
  .drill { margin: 8px 0 14px; } .drill-title { font-weight: 600; }
  .rto-bar { display: flex; height: 22px; margin: 4px 0; border-radius: 3px; overflow: hidden; font-size: 11px; color: #fff; }
  .rto-bar span { display: flex; align-items: center; justify-content: center; overflow: hidden; white-space: nowrap; border-right: 1px solid #fff; }
  .rto-bar span:nth-child(6n+1) { background: #3d6fa3; } .rto-bar span:nth-child(6n+2) { background: #5a8f3c; } .rto-bar span:nth-child(6n+3) { background: #b26a00; }
  .rto-bar span:nth-child(6n+4) { background: #7d4e9e; } .rto-bar span:nth-child(6n+5) { background: #a33d3d; } .rto-bar span:nth-child(6n) { background: #3d8f8f; }
  .drill-parts { color: #5b6775; font-size: 12px; }
  #tip { position: absolute; background: #1d2733; color: #fff; padding: 4px 8px; border-radius: 3px; font-size: 12px; pointer-events: none; max-width: 520px; }
  .hint { color: #5b6775; font-size: 12px; }
`;

/** report.html: one self-contained file (data, script, chart library and styles inline). Pure. */
export function htmlReport(data: ReportData, assets: ChartAssets): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>faultline report</title>
<style>${inlineText(assets.css)}</style>
<style>${style}</style>
</head>
<body>
<main>
<header>
  <h1 id="scenario"></h1><span id="verdict" class="verdict"></span>
  <p id="description"></p>
  <div id="meta"></div>
  <div id="reason" hidden></div>
</header>
<h2>SLOs</h2>
<table id="slos"><thead><tr><td></td><td>objective</td><td>measured</td><td>detail</td></tr></thead></table>
<h2>Timeline</h2>
<div class="hint">Drag across a chart to zoom, double-click to reset; click to link to that moment (#t=…).</div>
<div id="charts"><div id="chart-throughput"></div><div id="chart-latency"></div><canvas id="lanes"></canvas></div>
<div class="grid">
  <section><h2>Key figures</h2><table id="figures"></table></section>
  <section id="drills-section"><h2>Recovery drills</h2><div id="drills"></div></section>
</div>
<h2>Phases</h2>
<table id="phases"><thead><tr><td>phase</td><td>requests</td><td>availability</td><td>p50</td><td>p99</td><td>max</td><td>p99 from the schedule</td></tr></thead></table>
<h2>Events on the timeline</h2>
<table id="events"><thead><tr><td>from</td><td>to</td><td>lane</td><td>what</td></tr></thead></table>
</main>
<div id="tip" hidden></div>
<script type="application/json" id="report-data">${jsonForScript(data)}</script>
<script>${inlineText(assets.js)}</script>
<script>${pageScript}</script>
</body>
</html>
`;
}

/** JSON that cannot end the script element it sits in, whatever the user's text holds. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** A library's text, kept from closing its own element. */
function inlineText(text: string): string {
  return text.replace(/<\/(script|style)/gi, '<\\/$1');
}
