// A hand-written SVG chart of delivery latency against offered load, bot and floor side by side,
// one panel per direction, on a logarithmic latency axis (an overloaded bot is off by decades).
import type { BenchResults, DirectionResults } from './results.js';

const WIDTH = 960;
const HEIGHT = 440;
const PANEL = { width: 380, height: 280, top: 60, left: [80, 555] } as const;
const COLORS = { bot: '#c4441c', floor: '#2a67a8' } as const;

interface Series {
  readonly label: string;
  readonly color: string;
  readonly dashed: boolean;
  readonly points: readonly (readonly [number, number])[];
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function seriesOf(results: DirectionResults): Series[] {
  const make = (target: 'bot' | 'floor', which: 'p50' | 'p99'): Series => ({
    label: `${target} ${which}`,
    color: COLORS[target],
    dashed: which === 'p50',
    points: results.loads
      .map((l) => [l.offered, l[target].delivery?.[which] ?? Number.NaN] as const)
      .filter(([, v]) => Number.isFinite(v) && v > 0),
  });
  return [make('bot', 'p99'), make('bot', 'p50'), make('floor', 'p99'), make('floor', 'p50')];
}

interface Scale {
  readonly x: (v: number) => number;
  readonly y: (v: number) => number;
  readonly decades: readonly number[];
  readonly loads: readonly number[];
}

function scaleFor(left: number, loads: readonly number[], values: readonly number[]): Scale {
  const low = Math.floor(Math.log10(Math.min(...values, 1)));
  const high = Math.max(low + 1, Math.ceil(Math.log10(Math.max(...values, 10))));
  // A margin on the right, so that the last point and its label stay inside the panel.
  const maxLoad = Math.max(...loads, 1) * 1.08;
  return {
    x: (v) => left + (v / maxLoad) * PANEL.width,
    y: (v) => PANEL.top + PANEL.height - ((Math.log10(v) - low) / (high - low)) * PANEL.height,
    decades: Array.from({ length: high - low + 1 }, (_, i) => 10 ** (low + i)),
    loads,
  };
}

function axes(scale: Scale, left: number, title: string): string[] {
  const bottom = PANEL.top + PANEL.height;
  const out = [
    `<text x="${left + PANEL.width / 2}" y="${PANEL.top - 16}" text-anchor="middle" font-weight="bold">${escapeXml(title)}</text>`,
    `<rect x="${left}" y="${PANEL.top}" width="${PANEL.width}" height="${PANEL.height}" fill="none" stroke="#999"/>`,
  ];
  for (const d of scale.decades) {
    const y = scale.y(d).toFixed(1);
    out.push(`<line x1="${left}" x2="${left + PANEL.width}" y1="${y}" y2="${y}" stroke="#ddd"/>`);
    out.push(
      `<text x="${left - 8}" y="${y}" text-anchor="end" dominant-baseline="middle">${d >= 1 ? d : d.toString()}</text>`,
    );
  }
  for (const load of scale.loads) {
    const x = scale.x(load).toFixed(1);
    out.push(`<line x1="${x}" x2="${x}" y1="${bottom}" y2="${bottom + 5}" stroke="#999"/>`);
    out.push(`<text x="${x}" y="${bottom + 18}" text-anchor="middle">${load}</text>`);
  }
  out.push(
    `<text x="${left + PANEL.width / 2}" y="${bottom + 38}" text-anchor="middle">offered load (messages/s)</text>`,
  );
  out.push(
    `<text transform="translate(${left - 52} ${PANEL.top + PANEL.height / 2}) rotate(-90)" text-anchor="middle">delivery latency (ms, log)</text>`,
  );
  return out;
}

function lines(scale: Scale, series: readonly Series[]): string[] {
  return series.flatMap((s) => {
    const points = s.points.map(([x, y]) => `${scale.x(x).toFixed(1)},${scale.y(y).toFixed(1)}`);
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    return [
      `<polyline fill="none" stroke="${s.color}" stroke-width="2"${dash} points="${points.join(' ')}"/>`,
      ...s.points.map(
        ([x, y]) =>
          `<circle cx="${scale.x(x).toFixed(1)}" cy="${scale.y(y).toFixed(1)}" r="3" fill="${s.color}"><title>${escapeXml(`${s.label} at ${x}/s: ${y.toFixed(2)} ms`)}</title></circle>`,
      ),
    ];
  });
}

function legend(): string[] {
  const items: [string, string, boolean][] = [
    ['bot p99', COLORS.bot, false],
    ['bot p50', COLORS.bot, true],
    ['floor p99', COLORS.floor, false],
    ['floor p50', COLORS.floor, true],
  ];
  return items.flatMap(([label, color, dashed], i) => {
    const x = 250 + i * 130;
    const y = HEIGHT - 22;
    const dash = dashed ? ' stroke-dasharray="6 4"' : '';
    return [
      `<line x1="${x}" x2="${x + 30}" y1="${y}" y2="${y}" stroke="${color}" stroke-width="2"${dash}/>`,
      `<text x="${x + 36}" y="${y}" dominant-baseline="middle">${label}</text>`,
    ];
  });
}

export function latencyChart(results: BenchResults): string {
  const panels: [DirectionResults, string][] = [
    [results.toServiceNow, 'Teams → ServiceNow'],
    [results.toTeams, 'ServiceNow → Teams'],
  ];
  const body = panels.flatMap(([direction, title], i) => {
    const series = seriesOf(direction);
    const left = PANEL.left[i] ?? 0;
    const scale = scaleFor(
      left,
      direction.loads.map((l) => l.offered),
      series.flatMap((s) => s.points.map(([, y]) => y)),
    );
    return [...axes(scale, left, title), ...lines(scale, series)];
  });
  const m = results.machine;
  const caption = `${m.cpu}, ${m.cores} cores, Node ${m.node}; ${results.startedAt}; medians of ${String(results.plan.repetitions)} runs`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${WIDTH / 2}" y="20" text-anchor="middle" font-size="14">${escapeXml(caption)}</text>`,
    ...body,
    ...legend(),
    '</svg>',
    '',
  ].join('\n');
}
