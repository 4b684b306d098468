/**
 * The evaluation charts, drawn with Observable Plot (bundled; this module is fetched only by the evaluation page,
 * after its data has arrived). Bars across for categories (labels wrap at the side, so a 360 px phone in the
 * 特大 size still reads them), up for months. A suppressed cell (under 5 people) is a hatched bar to its ceiling
 * with "<5" beside it, never a zero. Text is the page's colour and size; bar colours are the page's tokens at
 * the time of drawing (redrawn when the reading mode changes).
 */
import * as Plot from '@observablehq/plot';
import { S } from '../admin-desk-strings.ts';

/** One bar: its label, its value (null when suppressed), and the series it belongs to. */
interface Bar {
  label: string;
  value: number | null;
  series?: string;
  /** A target to mark beside the bar. */
  target?: number;
  /** A lighter bar behind (active cards). */
  behind?: number;
}
export interface ChartSpec {
  bars: Bar[];
  /** Bars run across (categories down the side) or up (months along the bottom). */
  orientation: 'x' | 'y';
  /** What a suppressed bar stands for: fewer than 5 people, drawn up to this value. */
  suppressedExtent: number;
  valueLabel: string;
  series?: string[];
  /** Series stacked in one bar per label (months), with a legend of their colours. */
  stacked?: boolean;
}

let hatchN = 0;
const SVG = 'http://www.w3.org/2000/svg';

function token(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || 'currentColor';
}

/** A label's width in ems, roughly: CJK and full-width characters 1, others 0.6. */
const ems = (text: string) => [...text].reduce((w, ch) => w + (/[\u2e80-\uffff]/.test(ch) ? 1 : 0.6), 0);

/** A label broken into lines of at most `max` ems (Plot wraps only at spaces, and Chinese has none). */
function wrapLabel(text: string, max: number): string {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (line && ems(line + ch) > max) {
      lines.push(line.trimEnd());
      line = ch === ' ' ? '' : ch;
    } else line += ch;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** A legend under a chart: a swatch and its words per entry (the figure is decoration; its table is the data). */
function legend(entries: Array<[colour: string | 'hatched', words: string]>): HTMLUListElement {
  const list = document.createElement('ul');
  list.className = 'chart-legend';
  for (const [colour, words] of entries) {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = colour === 'hatched' ? 'swatch hatched' : 'swatch';
    if (colour !== 'hatched') swatch.style.background = colour;
    item.append(swatch, words);
    list.append(item);
  }
  return list;
}

/** Plot's own <style> goes (the page's CSP allows only its stylesheets; evaluation.css does its job). */
function finish(svg: Element, hatch: string, entries: Array<[string, string]>): Element {
  for (const s of svg.querySelectorAll('style')) s.remove();
  svg.prepend(hatchPattern(hatch));
  const box = document.createElement('div');
  box.append(svg);
  if (entries.length) box.append(legend(entries));
  return box;
}

/** The chart (an SVG and, where it needs one, a legend under it). */
export function drawChart(spec: ChartSpec, width: number): Element {
  const font = parseFloat(getComputedStyle(document.documentElement).fontSize) || 18;
  const fontSize = Math.round(font * 0.8);
  const hatch = `hatch-${++hatchN}`;
  if (spec.stacked) return drawStacked(spec, width, fontSize, hatch);
  const shown = spec.bars.filter((b) => b.value !== null);
  const hidden = spec.bars.filter((b) => b.value === null);
  const key = (b: Bar) => (b.series ? `${b.label} · ${b.series}` : b.label);
  const max = Math.max(
    spec.suppressedExtent,
    ...spec.bars.flatMap((b) => [b.value ?? 0, b.target ?? 0, b.behind ?? 0]),
  );
  const seriesFill = (b: Bar) => (spec.series && b.series === spec.series[1] ? token('--accent') : token('--primary'));
  const domain = [...new Set(spec.bars.map(key))];
  const common = {
    width,
    style: { fontSize: `${fontSize}px`, background: 'transparent', color: 'currentColor', overflow: 'visible' },
  };
  const entries: Array<[string, string]> = [];
  if (spec.series)
    spec.series.slice(0, 2).forEach((name, i) => entries.push([i ? token('--accent') : token('--primary'), name]));
  if (spec.bars.some((b) => b.behind !== undefined)) {
    entries.push([token('--primary'), S.evaluation.legendParticipants]);
    entries.push([token('--border'), S.evaluation.colCards]);
  }
  if (spec.bars.some((b) => b.target !== undefined)) entries.push([token('--alert'), S.evaluation.legendTarget]);
  if (hidden.length) entries.push(['hatched', S.evaluation.suppressedNote]);
  let svg: Element;
  if (spec.orientation === 'x') {
    const labelEms = Math.min(Math.max(2, ...domain.map(ems)), Math.floor((width * 0.42) / fontSize));
    const wrapped = new Map(domain.map((d) => [d, wrapLabel(d, labelEms)]));
    const lines = Math.max(1, ...[...wrapped.values()].map((w) => w.split('\n').length));
    const marginLeft = Math.round(labelEms * fontSize + fontSize * 0.8);
    const band = fontSize * Math.max(2.2, lines * 1.25 + 0.9);
    svg = Plot.plot({
      ...common,
      height: Math.round(band * domain.length + fontSize * 3),
      marginLeft,
      marginRight: fontSize * 2.5,
      marginBottom: fontSize * 2.5,
      x: {
        domain: [0, max * 1.1],
        grid: true,
        label: spec.valueLabel,
        ticks: Math.max(2, Math.floor(width / (fontSize * 5))),
      },
      y: { domain, label: null, padding: 0.25 },
      marks: [
        Plot.axisY({ tickSize: 0, tickFormat: (d: string) => wrapped.get(d) ?? d, textAnchor: 'end' }),
        Plot.barX(
          spec.bars.filter((b) => b.behind !== undefined),
          { x1: 0, x2: 'behind', y: key, fill: token('--border') },
        ),
        Plot.barX(shown, { x1: 0, x2: 'value', y: key, fill: seriesFill, insetTop: 3, insetBottom: 3 }),
        Plot.barX(hidden, {
          x1: 0,
          x2: spec.suppressedExtent,
          y: key,
          fill: `url(#${hatch})`,
          stroke: 'currentColor',
          insetTop: 3,
          insetBottom: 3,
        }),
        Plot.text(shown, { x: 'value', y: key, text: (b: Bar) => String(b.value), dx: 4, textAnchor: 'start' }),
        Plot.text(hidden, {
          x: spec.suppressedExtent,
          y: key,
          text: () => S.evaluation.suppressed,
          dx: 4,
          textAnchor: 'start',
        }),
        Plot.tickX(
          spec.bars.filter((b) => b.target !== undefined),
          { x: 'target', y: key, stroke: token('--alert'), strokeWidth: 4 },
        ),
        Plot.ruleX([0]),
      ],
    });
  } else {
    const rotate = domain.length * fontSize * 4.5 > width;
    svg = Plot.plot({
      ...common,
      height: Math.round(fontSize * 16),
      marginLeft: fontSize * 3,
      marginBottom: rotate ? fontSize * 5 : fontSize * 2.5,
      marginTop: fontSize * 1.5,
      x: { domain, label: null, tickRotate: rotate ? -90 : 0, padding: 0.2 },
      y: { domain: [0, max * 1.15], grid: true, label: spec.valueLabel, ticks: 4 },
      marks: [
        Plot.barY(shown, { y1: 0, y2: 'value', x: key, fill: seriesFill }),
        Plot.barY(hidden, { y1: 0, y2: spec.suppressedExtent, x: key, fill: `url(#${hatch})`, stroke: 'currentColor' }),
        Plot.text(shown, { y: 'value', x: key, text: (b: Bar) => String(b.value), dy: -fontSize * 0.7 }),
        Plot.text(hidden, {
          y: spec.suppressedExtent,
          x: key,
          text: () => S.evaluation.suppressed,
          dy: -fontSize * 0.7,
        }),
        Plot.ruleY([0]),
      ],
    });
  }
  return finish(svg, hatch, entries);
}

/** Colours for stacked series: the page's own three, then mid tones readable on white and on black. */
const palette = () => [
  token('--primary'),
  token('--accent'),
  token('--alert'),
  '#3b6fb6',
  '#7a4fa0',
  '#5f7d1d',
  '#8a8f98',
];

/** One bar per label (month) with its series stacked; a suppressed series is a hatched block of its ceiling. */
function drawStacked(spec: ChartSpec, width: number, fontSize: number, hatch: string): Element {
  const series = spec.series ?? [];
  const colours = palette();
  const colourOf = (name: string) => colours[series.indexOf(name) % colours.length]!;
  const labels = [...new Set(spec.bars.map((b) => b.label))].sort();
  const segments = labels.flatMap((label) => {
    let y = 0;
    return series.flatMap((name) => {
      const bar = spec.bars.find((b) => b.label === label && b.series === name);
      if (!bar) return [];
      const h = bar.value ?? spec.suppressedExtent;
      const seg = { label, y1: y, y2: y + h, fill: bar.value === null ? `url(#${hatch})` : colourOf(name) };
      y += h;
      return [seg];
    });
  });
  const totals = labels.map((label) => ({
    label,
    y: Math.max(0, ...segments.filter((s) => s.label === label).map((s) => s.y2)),
  }));
  const rotate = labels.length * fontSize * 4.5 > width;
  const svg = Plot.plot({
    width,
    style: { fontSize: `${fontSize}px`, background: 'transparent', color: 'currentColor', overflow: 'visible' },
    height: Math.round(fontSize * 16),
    marginLeft: fontSize * 3,
    marginBottom: rotate ? fontSize * 5 : fontSize * 2.5,
    marginTop: fontSize * 1.5,
    x: { domain: labels, label: null, tickRotate: rotate ? -90 : 0, padding: 0.2 },
    y: {
      domain: [0, Math.max(spec.suppressedExtent, ...totals.map((t) => t.y)) * 1.1],
      grid: true,
      label: spec.valueLabel,
      ticks: 4,
    },
    color: { type: 'identity' },
    marks: [
      Plot.barY(segments, { x: 'label', y1: 'y1', y2: 'y2', fill: 'fill', stroke: token('--surface'), strokeWidth: 1 }),
      Plot.ruleY([0]),
    ],
  });
  const entries: Array<[string, string]> = series.map((name) => [colourOf(name), name]);
  if (spec.bars.some((b) => b.value === null)) entries.push(['hatched', S.evaluation.suppressedNote]);
  return finish(svg, hatch, entries);
}

/** Diagonal lines in the text colour on the page's surface colour. */
function hatchPattern(id: string): SVGDefsElement {
  const defs = document.createElementNS(SVG, 'defs');
  const pattern = document.createElementNS(SVG, 'pattern');
  pattern.setAttribute('id', id);
  pattern.setAttribute('patternUnits', 'userSpaceOnUse');
  pattern.setAttribute('width', '8');
  pattern.setAttribute('height', '8');
  pattern.setAttribute('patternTransform', 'rotate(45)');
  const ground = document.createElementNS(SVG, 'rect');
  ground.setAttribute('width', '8');
  ground.setAttribute('height', '8');
  ground.setAttribute('fill', token('--surface'));
  const line = document.createElementNS(SVG, 'rect');
  line.setAttribute('width', '3');
  line.setAttribute('height', '8');
  line.setAttribute('fill', token('--text'));
  pattern.append(ground, line);
  defs.append(pattern);
  return defs;
}
