// The shapes the doctor's checks share: what a check finds, what it may use, and the run's state.
import type { Config, Environment } from '../config/index.js';
import type { RunningBot } from './running-bot.js';
import type { ServiceNowParts } from './servicenow-parts.js';

export const CheckStatus = {
  pass: 'pass',
  fail: 'fail',
  /** Works, but something deserves attention. */
  warn: 'warn',
  /** Not checked; `detail` says why (nothing to check, not verifiable from here, a prior failure). */
  skip: 'skip',
} as const;
export type CheckStatus = (typeof CheckStatus)[keyof typeof CheckStatus];

export const CheckId = {
  config: 'config',
  runtime: 'runtime',
  serviceNow: 'servicenow',
  vaToken: 'va-token',
  agents: 'agents',
  routing: 'routing',
  callbackCredentials: 'callback-credentials',
  cosmos: 'cosmos',
  teamsPackage: 'teams-package',
  knowledge: 'knowledge',
  tickets: 'tickets',
  survey: 'survey',
} as const;
export type CheckId = (typeof CheckId)[keyof typeof CheckId];

/** What a check found. Texts name keys, tables, hosts and statuses, never secrets or payloads. */
export interface Finding {
  readonly status: CheckStatus;
  /** One line: what was found. */
  readonly detail: string;
  /** What to do about it; given for every failure and warning. */
  readonly fix?: string;
}

export interface CheckResult extends Finding {
  readonly id: CheckId;
  readonly title: string;
  readonly durationMs: number;
}

/** What the probe chat saw at the bot's webhook (see the VA token check). */
export interface ProbeOutcome {
  /** HTTP status the bot answered ServiceNow's first callback with; undefined: none came. */
  readonly callbackStatus: number | undefined;
  readonly waitedMs: number;
}

/** Everything a check may use; built once per run. Optional parts are absent when unusable. */
export interface DoctorContext {
  readonly env: Environment;
  /** Absent when the configuration is invalid. */
  readonly config: Config | undefined;
  /** Why it is invalid: one line per key, as the bot prints them at start-up. */
  readonly configProblems: readonly string[];
  /** Absent in sandbox mode or when the configuration is invalid. */
  readonly serviceNow: ServiceNowParts | undefined;
  /** The bot running beside the doctor, when one answers. */
  readonly bot: RunningBot | undefined;
  /** Why no bot is used (shown when a check needs one). */
  readonly botAbsence: string;
  readonly probe: { readonly enabled: boolean; readonly timeoutMs: number };
  /** Whether the ticket check may insert one test record (--ticket-test). */
  readonly ticketTest: boolean;
  /** Whether the survey check may write an interaction without changing it (--survey-test). */
  readonly surveyTest: boolean;
  /** The Teams app package to validate, or a folder to take the newest from (default teamsAppPackage/build). */
  readonly packagePath: string | undefined;
  /** The Node.js version the doctor (and so the bot beside it) runs on, as process.version. */
  readonly nodeVersion: string;
  readonly now: () => number;
  /** Filled in as the run goes: later checks read earlier results. */
  readonly results: Map<CheckId, CheckResult>;
  probeOutcome: ProbeOutcome | undefined;
}

export interface Check {
  readonly id: CheckId;
  readonly title: string;
  /** Checks that must have passed (or warned) for this one to run. */
  readonly needs?: readonly CheckId[];
  run(context: DoctorContext): Promise<Finding>;
}
