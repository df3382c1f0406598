// Summarises a V8 CPU profile (`node --cpu-prof`): where the time goes by package, and the
// functions with the most self and inclusive time.

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  readonly children?: readonly number[];
}

export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface ProfileSummary {
  readonly totalMs: number;
  readonly byPackage: readonly (readonly [string, number])[];
  readonly selfTop: readonly (readonly [string, number])[];
  readonly inclusiveTop: readonly (readonly [string, number])[];
}

/** node_modules package, `node:` internals, (program)/(gc)/(idle), or the project's own file. */
export function packageOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules?.[1] !== undefined) return modules[1];
  if (url.startsWith('node:')) return 'node:internal';
  const own = /\/(bot|dialogs|snow)\//.exec(url);
  return own?.[1] === undefined ? url : `project ${own[1]}/`;
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^.*node_modules\//, '').replace(/^.*\/(bot|dialogs|snow)\//, '$1/');
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
}

function top(map: Map<string, number>, n: number): (readonly [string, number])[] {
  return [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
}

function add(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}

export function summarizeProfile(profile: CpuProfile, n = 25): ProfileSummary {
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const byPackage = new Map<string, number>();
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const walk = (node: ProfileNode, open: ReadonlySet<string>): number => {
    let total = selfMs.get(node.id) ?? 0;
    const key = label(node);
    add(byPackage, packageOf(node.callFrame.url, node.callFrame.functionName), total);
    add(self, key, total);
    const inner = new Set(open).add(key);
    for (const child of node.children ?? []) {
      const next = byId.get(child);
      if (next !== undefined) total += walk(next, inner);
    }
    // Recursion would count the same time twice: only the outermost frame of a function counts.
    if (!open.has(key)) add(inclusive, key, total);
    return total;
  };
  const root = profile.nodes[0];
  const totalMs = root === undefined ? 0 : walk(root, new Set());
  const busy = (entries: (readonly [string, number])[]) =>
    entries.filter(([k, ms]) => ms > 0 && !k.startsWith('(idle)'));
  return {
    totalMs,
    byPackage: busy(top(byPackage, n)),
    selfTop: busy(top(self, n)),
    inclusiveTop: busy(top(inclusive, n)).filter(([k]) => !k.startsWith('(root)')),
  };
}

export function formatProfile(summary: ProfileSummary): string {
  const section = (title: string, rows: readonly (readonly [string, number])[]): string[] => [
    title,
    ...rows.map(
      ([k, ms]) =>
        `  ${ms.toFixed(0).padStart(7)} ms  ${((ms / summary.totalMs) * 100).toFixed(1).padStart(5)}%  ${k}`,
    ),
  ];
  return [
    `total ${summary.totalMs.toFixed(0)} ms`,
    ...section('by package (self time):', summary.byPackage),
    ...section('functions by self time:', summary.selfTop),
    ...section('functions by inclusive time:', summary.inclusiveTop),
  ].join('\n');
}
