/**
 * Line charts as SVG text, written by hand (no dependency): `npm run bench` draws how time and memory grow with the
 * number of resources, ours beside the libraries it is compared to. Deterministic: the same figures give the same bytes
 * (fixed size, fixed colours by series order, numbers rounded for the coordinates), and every text is escaped.
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Series {
  readonly name: string;
  readonly points: readonly Point[];
  /** Dashed line: a baseline (another library), beside our solid lines. */
  readonly dashed?: boolean;
  /** A CSS colour; by default the palette's, by the series' position. */
  readonly color?: string;
}

export interface Chart {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly Series[];
  /** Logarithmic axes (default: both), for figures that span decades. */
  readonly logX?: boolean;
  readonly logY?: boolean;
  readonly width?: number;
  readonly height?: number;
  /** A line under the title (how it was measured). */
  readonly note?: string;
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];

/** Text for SVG/XML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

/** A coordinate with at most one decimal, without a trailing `.0` (stable across platforms). */
function n(v: number): string {
  const r = Math.round(v * 10) / 10;
  return Object.is(r, -0) ? '0' : String(r);
}

/** A figure as an axis label: 1, 10, 100, 1k, 10k, 1M; 0.1, 0.01; or up to 3 significant digits. */
export function tickLabel(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e6 && Number.isInteger(v / 1e6)) return `${v / 1e6}M`;
  if (a >= 1e3 && Number.isInteger(v / 1e3)) return `${v / 1e3}k`;
  return String(Number(v.toPrecision(3)));
}

interface Axis {
  readonly min: number;
  readonly max: number;
  readonly log: boolean;
  readonly ticks: readonly number[];
}

function axis(values: readonly number[], log: boolean): Axis {
  const vs = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  if (vs.length === 0) return { min: log ? 1 : 0, max: log ? 10 : 1, log, ticks: log ? [1, 10] : [0, 1] };
  let lo = Math.min(...vs);
  let hi = Math.max(...vs);
  if (log) {
    const min = 10 ** Math.floor(Math.log10(lo));
    let max = 10 ** Math.ceil(Math.log10(hi));
    if (max === min) max = min * 10;
    const ticks: number[] = [];
    for (let t = min; t <= max * 1.0001; t *= 10) ticks.push(Number(t.toPrecision(1)));
    return { min, max, log, ticks };
  }
  if (lo > 0) lo = 0;
  if (hi === lo) hi = lo + 1;
  const step = niceStep((hi - lo) / 5);
  const min = Math.floor(lo / step) * step;
  const max = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let t = min; t <= max + step / 1000; t += step) ticks.push(Number(t.toPrecision(6)));
  return { min, max, log, ticks };
}

function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

function scale(a: Axis, from: number, to: number): (v: number) => number {
  if (a.log) {
    const l0 = Math.log10(a.min);
    const l1 = Math.log10(a.max);
    return (v) => from + ((Math.log10(v) - l0) / (l1 - l0)) * (to - from);
  }
  return (v) => from + ((v - a.min) / (a.max - a.min)) * (to - from);
}

/** The chart as a standalone SVG document. Points that cannot be drawn (not finite, ≤ 0 on a log axis) are left out. */
export function lineChart(c: Chart): string {
  const width = c.width ?? 840;
  const height = c.height ?? 420;
  const logX = c.logX ?? true;
  const logY = c.logY ?? true;
  const drawable = (p: Point): boolean => Number.isFinite(p.x) && Number.isFinite(p.y) && (!logX || p.x > 0) && (!logY || p.y > 0);
  const series = c.series.map((s) => ({ ...s, points: s.points.filter(drawable).slice().sort((a, b) => a.x - b.x) }));
  const all = series.flatMap((s) => s.points);
  const xa = axis(all.map((p) => p.x), logX);
  const ya = axis(all.map((p) => p.y), logY);
  const legendWidth = 290;
  const left = 64;
  const right = width - legendWidth - 16;
  const top = c.note ? 58 : 44;
  const bottom = height - 48;
  const sx = scale(xa, left, right);
  const sy = scale(ya, bottom, top);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  out.push(`<title>${escapeXml(c.title)}</title>`);
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${n(width / 2)}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(c.title)}</text>`);
  if (c.note) out.push(`<text x="${n(width / 2)}" y="40" text-anchor="middle" fill="#555555">${escapeXml(c.note)}</text>`);
  // Grid and ticks.
  for (const t of xa.ticks) {
    const x = n(sx(t));
    out.push(`<line x1="${x}" y1="${n(top)}" x2="${x}" y2="${n(bottom)}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${x}" y="${n(bottom + 16)}" text-anchor="middle">${escapeXml(tickLabel(t))}</text>`);
  }
  for (const t of ya.ticks) {
    const y = n(sy(t));
    out.push(`<line x1="${n(left)}" y1="${y}" x2="${n(right)}" y2="${y}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${n(left - 6)}" y="${n(sy(t) + 4)}" text-anchor="end">${escapeXml(tickLabel(t))}</text>`);
  }
  out.push(`<rect x="${n(left)}" y="${n(top)}" width="${n(right - left)}" height="${n(bottom - top)}" fill="none" stroke="#999999"/>`);
  out.push(`<text x="${n((left + right) / 2)}" y="${n(height - 12)}" text-anchor="middle">${escapeXml(c.xLabel)}</text>`);
  out.push(`<text x="16" y="${n((top + bottom) / 2)}" text-anchor="middle" transform="rotate(-90 16 ${n((top + bottom) / 2)})">${escapeXml(c.yLabel)}</text>`);
  // Lines, points, legend.
  series.forEach((s, i) => {
    const color = escapeXml(s.color ?? PALETTE[i % PALETTE.length]);
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    if (s.points.length > 1) {
      const d = s.points.map((p, k) => `${k === 0 ? 'M' : 'L'}${n(sx(p.x))} ${n(sy(p.y))}`).join(' ');
      out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"${dash}/>`);
    }
    for (const p of s.points) {
      out.push(`<circle cx="${n(sx(p.x))}" cy="${n(sy(p.y))}" r="3" fill="${s.dashed ? '#ffffff' : color}" stroke="${color}" stroke-width="1.5"><title>${escapeXml(`${s.name}: ${tickLabel(p.x)} → ${tickLabel(p.y)}`)}</title></circle>`);
    }
    const ly = top + 8 + i * 20;
    const lx = right + 16;
    out.push(`<line x1="${n(lx)}" y1="${n(ly)}" x2="${n(lx + 24)}" y2="${n(ly)}" stroke="${color}" stroke-width="2"${dash}/>`);
    out.push(`<text x="${n(lx + 30)}" y="${n(ly + 4)}">${escapeXml(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
