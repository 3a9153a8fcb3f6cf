/// <reference lib="dom" />
/**
 * Plain SVG bar charts for the coordinators' dashboard, each with its data table and a text summary (RGAA: the
 * chart is an image described by the summary; the table carries every number). Horizontal bars: one group per
 * category, one bar per series, the value written at its end. No library: a few hundred bytes of code.
 */
import { h } from '../console/dom';

export interface Series {
  name: string;
  values: Array<number | null>;
}

const SVG = 'http://www.w3.org/2000/svg';
/** Contrast ≥ 3:1 on white for each (WCAG 1.4.11), and told apart by their order and legend too. */
const COLOURS = ['#000091', '#b34000', '#18753c', '#6e445a'];

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const k of Object.keys(attrs)) e.setAttribute(k, String(attrs[k]));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A figure: title, summary (the image's description), the SVG, and the data table. */
export function barChart(id: string, title: string, summary: string, categories: string[], series: Series[], labels: { category: string; noData: string; table: string }): HTMLElement {
  const max = Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const labelW = 210;
  const barW = 360;
  const barH = 14;
  const groupH = series.length * (barH + 2) + 8;
  const height = Math.max(1, categories.length) * groupH + (series.length > 1 ? 24 : 4);
  const chart = svg('svg', { viewBox: `0 0 ${labelW + barW + 60} ${height}`, width: '100%', role: 'img', 'aria-labelledby': `${id}-title ${id}-summary`, focusable: 'false' });
  categories.forEach((cat, i) => {
    const y0 = i * groupH;
    chart.append(svg('text', { x: labelW - 6, y: y0 + groupH / 2 + 4, 'text-anchor': 'end', 'font-size': 12, fill: '#161616' }, cat.length > 32 ? `${cat.slice(0, 31)}…` : cat));
    series.forEach((s, j) => {
      const v = s.values[i] ?? 0;
      const w = max > 0 ? Math.max(v > 0 ? 2 : 0, (v / max) * barW) : 0;
      const y = y0 + 4 + j * (barH + 2);
      chart.append(svg('rect', { x: labelW, y, width: w, height: barH, fill: COLOURS[j % COLOURS.length] }));
      chart.append(svg('text', { x: labelW + w + 4, y: y + barH - 3, 'font-size': 11, fill: '#161616' }, s.values[i] === null ? '–' : String(v)));
    });
  });
  if (series.length > 1) {
    let x = labelW;
    series.forEach((s, j) => {
      chart.append(svg('rect', { x, y: height - 14, width: 10, height: 10, fill: COLOURS[j % COLOURS.length] }));
      chart.append(svg('text', { x: x + 14, y: height - 5, 'font-size': 11, fill: '#161616' }, s.name));
      x += 24 + s.name.length * 6.5;
    });
  }
  const table = h('table', { class: 'pa-table' },
    h('caption', {}, title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, labels.category), ...series.map((s) => h('th', { scope: 'col' }, s.name)))),
    h('tbody', {}, ...categories.map((cat, i) => h('tr', {}, h('th', { scope: 'row' }, cat), ...series.map((s) => h('td', {}, s.values[i] === null ? '–' : String(s.values[i])))))));
  return h('figure', { id, class: 'pa-chart' },
    h('h3', { id: `${id}-title` }, title),
    h('p', { id: `${id}-summary` }, categories.length ? summary : labels.noData),
    categories.length ? chart : null,
    // The table scrolls sideways in its own box on a narrow screen (never the page); a keyboard can scroll it too.
    h('details', {}, h('summary', {}, labels.table), h('div', { class: 'pa-scroll', role: 'group', tabindex: 0, 'aria-label': title }, table)));
}
