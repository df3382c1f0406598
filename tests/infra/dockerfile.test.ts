// infra/Dockerfile. Docker cannot run on the test machines, so the image is rehearsed on disk:
// each stage's COPY instructions are carried out from the repository into a temporary folder,
// `npm ci` is replaced by links to the installed node_modules (for `--omit=dev`, only the
// packages npm lists as production dependencies), the build stage's other RUN steps run for
// real, and the runtime stage's CMD is started and checked with the image's own HEALTHCHECK
// command, and its `npm run doctor` is run. What this cannot check: the base image itself.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { enginesAllow, packageEngines } from '../support/engines.js';
import { waitFor } from '../support/http.js';
import {
  baseImage,
  copiesOf,
  execForm,
  imageNodeMajor,
  readDockerfile,
  stage,
  type Copy,
  type Stage,
} from './dockerfile.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const stages = readDockerfile(join(root, 'infra/Dockerfile'));
const WORKDIR = '/app/';

function runsOf(s: Stage): string[] {
  return s.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
}

/** Source paths of a COPY, with `dir/*.ext` patterns expanded. */
function expand(base: string, source: string): string[] {
  if (!source.includes('*')) return [join(base, source)];
  const folder = join(base, dirname(source));
  const pattern = new RegExp(`^${basename(source).replace(/\./g, '\\.').replace(/\*/g, '.*')}$`);
  return readdirSync(folder)
    .filter((f) => pattern.test(f))
    .map((f) => join(folder, f));
}

function applyCopy(copy: Copy, from: (stageName: string) => string, target: string): void {
  const base = copy.from === undefined ? root : from(copy.from);
  for (const source of copy.sources) {
    const relative = copy.from === undefined ? source : source.replace(WORKDIR, '');
    const matches = expand(base, relative);
    assert.ok(matches.length > 0 && matches.every(existsSync), `COPY source ${source} exists`);
    for (const path of matches) {
      const intoFolder = copy.destination.endsWith('/') || copy.destination === '.';
      const destination =
        statSync(path).isDirectory() || !intoFolder
          ? join(target, copy.destination)
          : join(target, copy.destination, basename(path));
      cpSync(path, destination, { recursive: true });
    }
  }
}

/** Top-level packages (`name` or `@scope/name`) of the production dependency tree, as npm lists it. */
function productionPackages(): Set<string> {
  const listed = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], {
    cwd: root,
    encoding: 'utf8',
  });
  const packages = new Set<string>();
  for (const line of listed.stdout.split('\n')) {
    const parts = line.slice(root.length).split(/[\\/]/);
    if (parts[0] !== 'node_modules' || parts[1] === undefined) continue;
    packages.add(parts[1].startsWith('@') ? `${parts[1]}/${parts[2] ?? ''}` : parts[1]);
  }
  assert.ok(packages.has('botbuilder') && !packages.has('tsx'), 'npm listed the production tree');
  return packages;
}

/**
 * Stands in for `npm ci`: links to the installed packages (only the production ones when
 * `production` is given), with the workspace package linked locally.
 */
function linkNodeModules(target: string, production?: Set<string>): void {
  const modules = join(target, 'node_modules');
  mkdirSync(join(modules, '@live-agent'), { recursive: true });
  const installed = readdirSync(join(root, 'node_modules')).flatMap((entry) =>
    entry.startsWith('@')
      ? readdirSync(join(root, 'node_modules', entry)).map((name) => `${entry}/${name}`)
      : [entry],
  );
  for (const name of installed) {
    if (name.startsWith('@live-agent/') || name.startsWith('.')) continue;
    if (production !== undefined && !production.has(name)) continue;
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(join(root, 'node_modules', name), join(modules, name));
  }
  symlinkSync(join(target, 'snow'), join(modules, '@live-agent', 'snow'));
}

function rehearse(s: Stage, target: string, from: (stageName: string) => string): void {
  mkdirSync(target, { recursive: true });
  for (const instruction of s.instructions) {
    if (instruction.keyword === 'COPY') {
      const copy = copiesOf({ name: s.name, instructions: [instruction] })[0];
      if (copy !== undefined) applyCopy(copy, from, target);
    } else if (instruction.keyword === 'RUN') {
      if (instruction.args.startsWith('npm ci')) {
        const omitDev = instruction.args.includes('--omit=dev');
        linkNodeModules(target, omitDev ? productionPackages() : undefined);
        continue;
      }
      const result = spawnSync('sh', ['-c', instruction.args], { cwd: target, encoding: 'utf8' });
      assert.equal(result.status, 0, `RUN ${instruction.args}\n${result.stdout}${result.stderr}`);
    }
  }
}

function envOf(s: Stage): Record<string, string> {
  const pairs = s.instructions
    .filter((i) => i.keyword === 'ENV')
    .flatMap((i) => i.args.split(/\s+/).map((p) => p.split('=') as [string, string]));
  return Object.fromEntries(pairs);
}

describe('the Dockerfile (static checks)', () => {
  const build = stage(stages, 'build');
  const runtime = stage(stages, 'runtime');

  it('builds in one stage and runs from another with production dependencies only', () => {
    assert.deepEqual(
      stages.map((s) => s.name),
      ['build', 'runtime'],
    );
    assert.ok(runsOf(build).includes('npm run build'));
    const install = runsOf(runtime).find((r) => r.startsWith('npm ci'));
    assert.match(install ?? '', /--omit=dev/);
    for (const copy of copiesOf(runtime)) {
      assert.ok(
        !copy.sources.some((s) => s.includes('node_modules')),
        'no dev dependencies copied',
      );
      assert.ok(!copy.sources.includes('.'), 'the whole context is never copied');
    }
  });

  it('runs as the unprivileged node user, with a health check on /healthz', () => {
    const keywords = runtime.instructions.map((i) => i.keyword);
    assert.ok(keywords.includes('USER'));
    assert.ok(keywords.indexOf('USER') < keywords.indexOf('CMD'));
    assert.equal(runtime.instructions.find((i) => i.keyword === 'USER')?.args, 'node');
    assert.ok(execForm(runtime, 'HEALTHCHECK').join(' ').includes('/healthz'));
    assert.equal(envOf(runtime).NODE_ENV, 'production');
  });
});

describe('the Dockerfile (base image)', () => {
  const text = readFileSync(join(root, 'infra/Dockerfile'), 'utf8');
  const base = baseImage(join(root, 'infra/Dockerfile'));

  it('bases both stages on NODE_IMAGE, by default an official Node image of a major CI fetches', () => {
    assert.deepEqual(
      text.split('\n').filter((l) => l.startsWith('FROM ')),
      ['FROM ${NODE_IMAGE} AS build', 'FROM ${NODE_IMAGE} AS runtime'],
    );
    // .ci/image-node reads the major from this form to run the suite on the same Node.
    assert.match(base, /^node:\d+-bookworm-slim$/);
  });

  it("runs a Node major the package's engines allow, and not Node 20, which reached its end of life", () => {
    const major = imageNodeMajor(join(root, 'infra/Dockerfile'));
    const engines = packageEngines();
    assert.ok(enginesAllow(engines, major), `${base} against engines ${engines}`);
    assert.ok(major >= 22, base);
    assert.equal(enginesAllow(engines, 24), false, 'restify 11 cannot load on Node 24');
    assert.equal(enginesAllow('>=20.19 <21 || >=22', 21), false);
    assert.equal(enginesAllow('>=20.19 <21 || >=22', 20), false, '20.0.0 is below 20.19');
  });
});

describe('the Dockerfile (rehearsed on disk)', { timeout: 300_000 }, () => {
  const temp = mkdtempSync(join(tmpdir(), 'dockerfile-'));
  const folders: Record<string, string> = {
    build: join(temp, 'build'),
    runtime: join(temp, 'runtime'),
  };
  const from = (name: string): string => {
    const folder = folders[name];
    assert.ok(folder !== undefined, `stage ${name}`);
    return folder;
  };
  let bot: ChildProcess | undefined;
  const lines: string[] = [];

  before(() => {
    rehearse(stage(stages, 'build'), from('build'), from);
    rehearse(stage(stages, 'runtime'), from('runtime'), from);
  });

  after(() => {
    if (bot?.exitCode === null) bot.kill('SIGKILL');
    rmSync(temp, { recursive: true, force: true });
  });

  function healthcheck(port: number): number | null {
    const [command = '', ...args] = execForm(stage(stages, 'runtime'), 'HEALTHCHECK');
    const result = spawnSync(command === 'node' ? process.execPath : command, args, {
      env: { PATH: process.env.PATH ?? '', PORT: String(port) },
      timeout: 10_000,
    });
    return result.status;
  }

  it('starts the CMD from the copied files, and the HEALTHCHECK command sees it healthy', async () => {
    const runtime = stage(stages, 'runtime');
    const [command = '', ...args] = execForm(runtime, 'CMD');
    assert.equal(command, 'node');
    assert.ok(existsSync(join(from('runtime'), args.at(-1) ?? '')), 'CMD script exists');
    // The image's production settings require a real Cosmos DB and ServiceNow; in development
    // mode the same files start in sandbox mode, which is what this rehearsal needs.
    const env = { ...envOf(runtime), NODE_ENV: 'development', PORT: '0', LOG_LEVEL: 'info' };
    bot = spawn(process.execPath, args, {
      cwd: from('runtime'),
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    bot.stdout?.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n')));
    bot.stderr?.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
    const port = await waitFor(
      () => lines.map(listeningPort).find((p) => p !== undefined),
      `the bot to listen (output: ${lines.join('\n').slice(-2000)})`,
      60_000,
    );
    assert.equal(healthcheck(port), 0);
    const exited = new Promise((resolve) => bot?.once('exit', resolve));
    bot.kill('SIGTERM');
    await Promise.race([exited, waitFor(() => false, 'the bot to stop on SIGTERM', 20_000)]);
    assert.equal(healthcheck(port), 1);
  });

  it('runs the compiled doctor with production dependencies only, and says why the package is not checked', () => {
    const result = spawnSync('npm', ['run', '--silent', 'doctor', '--', '--no-bot', '--json'], {
      cwd: from('runtime'),
      env: { PATH: process.env.PATH ?? '', HOME: from('runtime'), NODE_ENV: 'development' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const report = JSON.parse(result.stdout) as {
      results: { id: string; status: string; detail: string; fix?: string }[];
    };
    const byId = new Map(report.results.map((r) => [r.id, r]));
    assert.equal(byId.get('config')?.status, 'pass', result.stderr);
    const pkg = byId.get('teams-package');
    assert.equal(pkg?.status, 'skip');
    assert.match(pkg.detail, /package validator needs development dependencies/);
    assert.match(pkg.fix ?? '', /npm run package validates it/);
  });
});

function listeningPort(line: string): number | undefined {
  try {
    const entry = JSON.parse(line) as { msg?: string; port?: number };
    return entry.msg?.startsWith('listening') === true ? entry.port : undefined;
  } catch {
    return undefined;
  }
}
