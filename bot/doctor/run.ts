// Runs the doctor's checks in order against the real systems the configuration names. A check
// whose prerequisite failed is not run (its row says which); one that throws or hangs fails on
// its own without stopping the others.
import { ConfigError, loadConfig, type Config, type Environment } from '../config/index.js';
import { agentsCheck } from './checks/agents.js';
import { callbackCheck } from './checks/callback.js';
import { configCheck } from './checks/config.js';
import { cosmosCheck } from './checks/cosmos.js';
import { knowledgeCheck } from './checks/knowledge.js';
import { routingCheck } from './checks/routing.js';
import { runtimeCheck } from './checks/runtime.js';
import { serviceNowCheck } from './checks/servicenow.js';
import { surveyCheck } from './checks/survey.js';
import { teamsPackageCheck } from './checks/teams-package.js';
import { ticketsCheck } from './checks/tickets.js';
import { vaTokenCheck } from './checks/va-token.js';
import { RunningBot } from './running-bot.js';
import { serviceNowParts } from './servicenow-parts.js';
import {
  CheckStatus,
  type Check,
  type CheckResult,
  type DoctorContext,
  type Finding,
} from './types.js';

/** In the order of the table. */
export const CHECKS: readonly Check[] = [
  configCheck,
  runtimeCheck,
  serviceNowCheck,
  vaTokenCheck,
  agentsCheck,
  routingCheck,
  ticketsCheck,
  surveyCheck,
  callbackCheck,
  cosmosCheck,
  teamsPackageCheck,
  knowledgeCheck,
];

export interface DoctorOptions {
  /** The environment as the bot reads it (process.env over `.env`). */
  readonly env: Environment;
  /** The running bot's base URL; `false`: use none; default `http://127.0.0.1:<PORT>`. */
  readonly botUrl?: string | false;
  /** Base URL of its metrics listener; default: `http://127.0.0.1:<METRICS_PORT>` when set. */
  readonly metricsUrl?: string;
  /** Whether to send a probe chat to ServiceNow when a bot runs beside; default true. */
  readonly probe?: boolean;
  /** Whether the ticket check inserts one marked test record and reads it back; default false. */
  readonly ticketTest?: boolean;
  /** Whether the survey check writes one interaction without changing it; default false. */
  readonly surveyTest?: boolean;
  /** How long to wait for the probe's callback; default 20 s. */
  readonly probeTimeoutMs?: number;
  /** The Teams app package to validate, or a folder to take the newest zip from; default teamsAppPackage/build. */
  readonly packagePath?: string;
  /** Bound on any one check; default 60 s. */
  readonly checkTimeoutMs?: number;
  /** Default: process.version. */
  readonly nodeVersion?: string;
  readonly now?: () => number;
  /** Told of each result as soon as it is known. */
  readonly onResult?: (result: CheckResult) => void;
}

export interface DoctorReport {
  readonly results: readonly CheckResult[];
  /** False when any check failed. */
  readonly ok: boolean;
}

export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const context = await buildContext(options);
  for (const check of CHECKS) {
    const result = await runCheck(check, context, options.checkTimeoutMs ?? 60_000);
    context.results.set(check.id, result);
    options.onResult?.(result);
  }
  const results = [...context.results.values()];
  return { results, ok: results.every((r) => r.status !== CheckStatus.fail) };
}

async function buildContext(options: DoctorOptions): Promise<DoctorContext> {
  let config: Config | undefined;
  let configProblems: readonly string[] = [];
  try {
    config = loadConfig(options.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    configProblems = error.problems;
  }
  const sn = config?.serviceNow;
  const { bot, botAbsence } = await findBot(options, config);
  return {
    env: options.env,
    config,
    configProblems,
    serviceNow: sn?.mode === 'instance' ? serviceNowParts(sn) : undefined,
    bot,
    botAbsence,
    probe: { enabled: options.probe ?? true, timeoutMs: options.probeTimeoutMs ?? 20_000 },
    ticketTest: options.ticketTest ?? false,
    surveyTest: options.surveyTest ?? false,
    packagePath: options.packagePath,
    nodeVersion: options.nodeVersion ?? process.version,
    now: options.now ?? Date.now,
    results: new Map(),
    probeOutcome: undefined,
  };
}

async function findBot(
  options: DoctorOptions,
  config: Config | undefined,
): Promise<{ bot: RunningBot | undefined; botAbsence: string }> {
  if (options.botUrl === false) {
    return { bot: undefined, botAbsence: 'no running bot was looked for (--no-bot)' };
  }
  const url = options.botUrl ?? `http://127.0.0.1:${config?.port ?? 3978}`;
  const metricsPort = config?.metrics.port;
  const metricsUrl =
    options.metricsUrl ??
    (metricsPort === undefined ? undefined : `http://127.0.0.1:${metricsPort}`);
  const bot = await RunningBot.find(url, {
    ...(metricsUrl === undefined ? {} : { url: metricsUrl }),
    ...(config?.metrics.token === undefined ? {} : { token: config.metrics.token }),
  });
  const botAbsence = `no bot answers at ${url} (run the doctor on the bot's host, or pass --bot-url)`;
  return { bot, botAbsence: bot === undefined ? botAbsence : '' };
}

async function runCheck(
  check: Check,
  context: DoctorContext,
  timeoutMs: number,
): Promise<CheckResult> {
  const started = context.now();
  const blocker = check.needs
    ?.map((id) => context.results.get(id))
    .find((r) => r?.status === CheckStatus.fail);
  const finding: Finding =
    blocker === undefined
      ? await settle(check.run(context), timeoutMs)
      : { status: CheckStatus.skip, detail: `not checked: "${blocker.title}" failed` };
  return { id: check.id, title: check.title, ...finding, durationMs: context.now() - started };
}

/** The check's finding; a failure finding when it throws or does not finish in time. */
async function settle(work: Promise<Finding>, timeoutMs: number): Promise<Finding> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Finding>((resolve) => {
    timer = setTimeout(() => {
      resolve({
        status: CheckStatus.fail,
        detail: `did not finish within ${Math.round(timeoutMs / 1000)} s`,
        fix: 'Something on the way does not answer: check the network path to the system this check reads.',
      });
    }, timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } catch (error) {
    // Names only: a message from a library could quote a URL with credentials or a payload.
    const code = (error as { code?: unknown } | null)?.code;
    const name = error instanceof Error ? error.name : 'error';
    return {
      status: CheckStatus.fail,
      detail: `unexpected ${name}${typeof code === 'string' ? ` (${code})` : ''}`,
      fix: 'Run again; if it persists, run the bot with LOG_LEVEL=debug and read its log.',
    };
  } finally {
    clearTimeout(timer);
  }
}
