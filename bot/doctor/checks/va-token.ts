// "VA API accepts our token". ServiceNow answers 200 to every well-formed VA API request, and
// silently drops one whose message-auth token is wrong: the only proof that it accepted a request
// is its callback. So, beside a running bot, the doctor sends a probe chat (a virtual-agent
// conversation, ended right after) and watches the bot's webhook answers on its /metrics for the
// callback. Elsewhere the token cannot be verified, and the result says so.
import { randomUUID } from 'node:crypto';
import { newAnswers, type RunningBot, type WebhookAnswers } from '../running-bot.js';
import type { ServiceNowParts } from '../servicenow-parts.js';
import {
  CheckId,
  CheckStatus,
  type Check,
  type DoctorContext,
  type Finding,
  type ProbeOutcome,
} from '../types.js';
import { describeSnowError, notInSandbox } from './snow-errors.js';

const unverifiable =
  'ServiceNow answers 200 even to a wrong token and drops the request silently; only its callback to the bot proves it was accepted';
const pollMs = 200;
/** The user id probe chats are opened for: recognisable in ServiceNow's logs and interactions. */
export const PROBE_USER_ID = 'live-agent-doctor';

export const vaTokenCheck: Check = {
  id: CheckId.vaToken,
  title: 'VA API accepts our token',
  needs: [CheckId.serviceNow],
  async run(context: DoctorContext): Promise<Finding> {
    const sn = context.serviceNow;
    if (sn === undefined) return notInSandbox();
    const { bot } = context;
    if (!context.probe.enabled || bot === undefined) {
      const why = context.probe.enabled ? context.botAbsence : 'the probe chat is off (--no-probe)';
      return {
        status: CheckStatus.skip,
        detail: `not verifiable here: ${unverifiable}; ${why}`,
        fix: 'Run npm run doctor beside the running bot (on its host, or with --bot-url <its URL>) to send a probe chat and see its callback.',
      };
    }
    const before = await bot.webhookAnswers();
    if (before === undefined) {
      return {
        status: CheckStatus.skip,
        detail: `not verifiable: the bot at ${bot.url} does not expose /metrics, where its webhook answers are counted (on its own port or behind a token? see --metrics-url and METRICS_TOKEN)`,
        fix: 'Update the bot to this version and run the doctor again.',
      };
    }
    const sent = await sendProbe(sn, bot, before, context);
    if ('status' in sent) return sent;
    context.probeOutcome = sent;
    return judge(sent, sn, context.probe.timeoutMs);
  },
};

async function sendProbe(
  sn: ServiceNowParts,
  bot: RunningBot,
  before: WebhookAnswers,
  context: DoctorContext,
): Promise<ProbeOutcome | Finding> {
  const ref = { clientSessionId: randomUUID(), userId: PROBE_USER_ID };
  const started = context.now();
  try {
    await sn.va.startLiveChat({
      ...ref,
      text: 'Connectivity check by the live agent bot doctor',
      clientMessageId: randomUUID(),
      action: 'START_CONVERSATION',
      // A virtual-agent conversation: no live agent is disturbed by the probe.
      contextVariables: { live_agent_only: 'false' },
    });
  } catch (error) {
    return describeSnowError(error, sn.instanceUrl, 'sending a probe chat to the VA API');
  }
  try {
    const status = await firstNewAnswer(bot, before, started + context.probe.timeoutMs, context);
    return { callbackStatus: status, waitedMs: context.now() - started };
  } finally {
    // Closes the probe conversation; if this fails ServiceNow times it out on its own.
    await sn.va.endChat(ref).catch(() => undefined);
  }
}

async function firstNewAnswer(
  bot: RunningBot,
  before: WebhookAnswers,
  deadline: number,
  context: DoctorContext,
): Promise<number | undefined> {
  for (;;) {
    const after = await bot.webhookAnswers();
    const seen = after === undefined ? [] : newAnswers(before, after);
    // A refusal matters more than anything else arriving at the same time.
    if (seen.length > 0) return seen.includes(401) ? 401 : seen[0];
    if (context.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

function judge(outcome: ProbeOutcome, sn: ServiceNowParts, timeoutMs: number): Finding {
  const status = outcome.callbackStatus;
  if (status === undefined) {
    return {
      status: CheckStatus.fail,
      detail: `no callback reached the bot within ${Math.round(timeoutMs / 1000)} s of a probe chat`,
      fix:
        'Check that SERVICENOW_VA_TOKEN equals the token_verification message-auth record set on the provider application (a wrong or missing token is dropped silently), ' +
        'and that the VA Bot to Bot outbound REST message points at https://<bot host>/api/servicenow/messages. ' +
        "ServiceNow's system log (source sn_va_as_service) names the reason. With several bot instances behind a load balancer the callback may have reached another one.",
    };
  }
  const seenIn = `its callback reached the bot in ${(outcome.waitedMs / 1000).toFixed(1)} s`;
  if (status === 401 || status === 404 || (status >= 200 && status < 300)) {
    if (!sn.messageAuth) {
      return {
        status: CheckStatus.warn,
        detail: `ServiceNow took the probe chat without a token (${seenIn}): every chat user is a guest`,
        fix: 'To link chats to ServiceNow users, create a token_verification message-auth record, set it on the provider application and put the same value in SERVICENOW_VA_TOKEN.',
      };
    }
    return { status: CheckStatus.pass, detail: `ServiceNow accepted a probe chat; ${seenIn}` };
  }
  return {
    status: CheckStatus.warn,
    detail: `ServiceNow accepted a probe chat, but the bot answered its callback with HTTP ${status}`,
    fix: 'Read the bot log around this time (component webhook): 400 means the callback was not understood, 429 the webhook rate limit, 503 the store is unavailable (see /readyz).',
  };
}
