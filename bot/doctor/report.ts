// The doctor's table: one row per check with its status and finding, the fix under every
// failure and warning, and a summary line. Plain text, so it reads the same in a terminal, a CI
// log or a support ticket.
import type { DoctorReport } from './run.js';
import { CheckStatus, type CheckResult } from './types.js';

const labels: Readonly<Record<CheckStatus, string>> = {
  pass: 'PASS',
  fail: 'FAIL',
  warn: 'WARN',
  skip: 'SKIP',
};

export function formatRow(result: CheckResult, titleWidth: number): string {
  const row = `${labels[result.status].padEnd(7)}${result.title.padEnd(titleWidth + 2)}${result.detail}`;
  if (result.fix === undefined || result.status === CheckStatus.pass) return row;
  if (result.status === CheckStatus.skip)
    return `${row}\n${' '.repeat(7 + titleWidth + 2)}→ ${result.fix}`;
  return `${row}\n${' '.repeat(7 + titleWidth + 2)}fix: ${result.fix}`;
}

export function formatReport(report: DoctorReport): string {
  const width = Math.max(...report.results.map((r) => r.title.length), 'CHECK'.length);
  const header = `${'STATUS'.padEnd(7)}${'CHECK'.padEnd(width + 2)}FINDING`;
  const rows = report.results.map((r) => formatRow(r, width));
  return [header, ...rows, '', summary(report)].join('\n');
}

export function summary(report: DoctorReport): string {
  const count = (status: CheckStatus): number =>
    report.results.filter((r) => r.status === status).length;
  const parts = [
    `${count(CheckStatus.fail)} failed`,
    `${count(CheckStatus.warn)} warning(s)`,
    `${count(CheckStatus.pass)} passed`,
    `${count(CheckStatus.skip)} not checked`,
  ];
  return `${report.ok ? 'OK' : 'PROBLEMS FOUND'}: ${parts.join(', ')}`;
}
