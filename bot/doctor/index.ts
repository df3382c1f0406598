// Diagnostics for admins (`npm run doctor`): checks the configuration against the real systems.
export { CHECKS, runDoctor, type DoctorOptions, type DoctorReport } from './run.js';
export { formatReport, formatRow, summary } from './report.js';
export { RunningBot, basicAuth, newAnswers, parseWebhookAnswers } from './running-bot.js';
export type { WebhookAnswers } from './running-bot.js';
export { CheckId, CheckStatus } from './types.js';
export type { Check, CheckResult, DoctorContext, Finding, ProbeOutcome } from './types.js';
