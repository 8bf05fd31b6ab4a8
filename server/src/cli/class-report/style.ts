/** The report's stylesheet, inlined into the page. Status colours follow the editor's (red fail, amber error). */
export const REPORT_CSS = `
:root { --pass: #2e7d32; --fail: #c62828; --error: #ef6c00; --unbound: #607d8b; --missing: #6a1b9a; --none: #eceff1; --ink: #1d2733; --muted: #5f6b7a; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0; padding: 20px 28px 40px; background: #fafbfc; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 24px 0 8px; }
.summary { margin: 0 0 8px; color: var(--muted); }
.hint { color: var(--muted); font-size: 12px; margin: 4px 0 8px; }
.legend { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 14px; font-size: 13px; }
.legend .cell { display: inline-block; width: 20px; height: 20px; line-height: 20px; text-align: center; border-radius: 3px; vertical-align: middle; }
.scroll { overflow-x: auto; max-width: 100%; border: 1px solid #dde3ea; border-radius: 6px; background: #fff; }
table.grid { border-collapse: collapse; font-size: 13px; }
table.grid th, table.grid td { padding: 0; border-bottom: 1px solid #eef1f4; }
table.grid thead th { position: sticky; top: 0; background: #f3f5f8; border-bottom: 1px solid #dde3ea; }
table.grid thead button { font: inherit; font-weight: 600; border: 0; background: none; padding: 6px 8px; cursor: pointer; color: inherit; width: 100%; }
table.grid thead th.claim button { padding: 6px 2px; min-width: 24px; }
table.grid th[aria-sort=ascending] button::after { content: " ▲"; font-size: 9px; }
table.grid th[aria-sort=descending] button::after { content: " ▼"; font-size: 9px; }
table.grid tbody th { text-align: left; font-weight: 500; padding: 4px 10px; white-space: nowrap; max-width: 260px; overflow: hidden; text-overflow: ellipsis; }
table.grid td.num { text-align: right; padding: 4px 8px; font-variant-numeric: tabular-nums; }
table.grid td.score { font-weight: 600; }
td.cell, span.cell { color: #fff; text-align: center; width: 24px; min-width: 24px; height: 24px; font-weight: 700; border-left: 1px solid #fff; cursor: default; }
.s-pass { background: var(--pass); }
.s-fail { background: var(--fail); }
.s-error { background: var(--error); }
.s-unbound { background: var(--unbound); }
.s-missing { background: var(--missing); }
.s-none { background: var(--none); }
.note { color: #8a5300; font-size: 12px; margin-left: 6px; cursor: help; }
.charts { display: flex; flex-wrap: wrap; gap: 32px; align-items: flex-start; }
table.rates { border-collapse: collapse; font-size: 13px; }
table.rates td, table.rates th { padding: 3px 8px; text-align: left; }
table.rates td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.rates td.src code { font-size: 12px; }
table.rates td.detail { color: var(--muted); font-size: 12px; white-space: nowrap; }
.track { display: flex; width: 220px; height: 14px; background: var(--none); border-radius: 3px; overflow: hidden; }
.seg { display: block; height: 100%; }
.key { font-size: 11px; color: var(--missing); border: 1px solid var(--missing); border-radius: 3px; padding: 0 3px; }
svg.histogram .hbar { fill: #3f6fb5; }
svg.histogram .axis { stroke: #9aa5b1; }
svg.histogram .hcount { font-size: 12px; text-anchor: middle; fill: var(--ink); }
svg.histogram .hlabel { font-size: 11px; text-anchor: middle; fill: var(--muted); }
svg.histogram .hlabel.end { text-anchor: end; }
#notes li { margin: 2px 0; }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
`;
