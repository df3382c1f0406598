// CPU time and resident memory of another process, read from Linux's /proc (the bot runs as its
// own process, exactly as in production, so it cannot report on itself).
import { readFileSync } from 'node:fs';

/** USER_HZ: the unit of utime/stime in /proc/<pid>/stat; 100 on every mainstream Linux build. */
const TICKS_PER_SECOND = 100;

export class ProcStatError extends Error {
  readonly code = 'BENCH_PROCSTAT_UNAVAILABLE';
}

/** User plus system CPU time the process has used so far, in milliseconds. */
export function cpuMs(pid: number): number {
  const stat = read(`/proc/${pid}/stat`);
  // The command name (field 2) may contain spaces; fields are counted after its closing paren.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) {
    throw new ProcStatError(`Unreadable CPU times for process ${pid}`);
  }
  return ((utime + stime) * 1000) / TICKS_PER_SECOND;
}

/** Resident set size in MiB. */
export function rssMb(pid: number): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(read(`/proc/${pid}/status`));
  if (match?.[1] === undefined) throw new ProcStatError(`No VmRSS for process ${pid}`);
  return Number(match[1]) / 1024;
}

function read(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ProcStatError(`The benchmark needs Linux's /proc (${path})`, { cause: error });
  }
}

/** CPU time the whole machine spent busy so far (all cores, every process), in milliseconds. */
export function machineBusyMs(): number {
  const line = read('/proc/stat').split('\n', 1)[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
  const total = ticks.slice(0, 8).reduce((sum, t) => sum + (Number.isFinite(t) ? t : 0), 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return ((total - idle) * 1000) / TICKS_PER_SECOND;
}
