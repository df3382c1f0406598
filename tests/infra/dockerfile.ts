// A small reader for infra/Dockerfile: stages and their instructions, enough for the tests to
// check what the image copies and runs (Docker itself cannot run on the test machines).
import { readFileSync } from 'node:fs';

export interface Instruction {
  readonly keyword: string;
  /** The rest of the line, continuations joined. */
  readonly args: string;
}

export interface Stage {
  readonly name: string;
  readonly instructions: readonly Instruction[];
}

export interface Copy {
  readonly from?: string;
  readonly sources: readonly string[];
  readonly destination: string;
}

export function readDockerfile(path: string): Stage[] {
  const lines = readFileSync(path, 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const stages: { name: string; instructions: Instruction[] }[] = [];
  for (const line of lines) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') {
      stages.push({ name: /\sAS\s+(\S+)$/i.exec(line)?.[1] ?? '', instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

/** The default of the image's base, `ARG NODE_IMAGE=...` (before the first FROM). */
export function baseImage(path: string): string {
  const base = /^ARG NODE_IMAGE=(\S+)$/m.exec(readFileSync(path, 'utf8'))?.[1];
  if (base === undefined) throw new Error(`no ARG NODE_IMAGE=<image> in ${path}`);
  return base;
}

/** The Node.js major of the image's default base, `node:<major>-...` (what .ci/image-node reads). */
export function imageNodeMajor(path: string): number {
  const major = /^node:(\d+)-/.exec(baseImage(path))?.[1];
  if (major === undefined) throw new Error(`the base image of ${path} is not node:<major>-...`);
  return Number(major);
}

export function stage(stages: readonly Stage[], name: string): Stage {
  const found = stages.find((s) => s.name === name);
  if (found === undefined) throw new Error(`no stage named ${name}`);
  return found;
}

export function copiesOf(s: Stage): Copy[] {
  return s.instructions
    .filter((i) => i.keyword === 'COPY')
    .map((i) => {
      const words = i.args.split(/\s+/);
      const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
      const paths = words.filter((w) => !w.startsWith('--'));
      return {
        ...(from === undefined ? {} : { from }),
        sources: paths.slice(0, -1),
        destination: paths.at(-1) ?? '',
      };
    });
}

/** The JSON (exec) form of CMD or HEALTHCHECK ... CMD, as an argument vector. */
export function execForm(s: Stage, keyword: 'CMD' | 'HEALTHCHECK'): string[] {
  const instruction = s.instructions.find((i) => i.keyword === keyword);
  if (instruction === undefined) throw new Error(`no ${keyword} in stage ${s.name}`);
  const json = /(\[.*\])\s*$/.exec(instruction.args)?.[1];
  if (json === undefined) throw new Error(`${keyword} is not in exec form`);
  return JSON.parse(json) as string[];
}
