// "Callback credentials consistent": the credentials ServiceNow presents on the webhook, the ones
// this configuration holds, and the ones the running bot checks must be the same. Beside a
// running bot the doctor asks its webhook (an empty body with our credentials must get past
// authentication to a 400; wrong ones must get a 401) and reads what ServiceNow's probe callback
// met (see the VA token check).
import { randomBytes } from 'node:crypto';
import type { RunningBot } from '../running-bot.js';
import { basicAuth } from '../running-bot.js';
import { CheckId, CheckStatus, type Check, type DoctorContext, type Finding } from '../types.js';

const outboundFix =
  'In ServiceNow, set the Basic auth of the VA Bot to Bot outbound REST message (or Bot to Bot outbound configuration) to user SERVICENOW_CALLBACK_USER and password SERVICENOW_CALLBACK_API_KEY (and, with SERVICENOW_CALLBACK_HEADER set, add that header to it).';

export const callbackCheck: Check = {
  id: CheckId.callbackCredentials,
  title: 'Callback credentials consistent',
  needs: [CheckId.config],
  async run(context: DoctorContext): Promise<Finding> {
    const config = context.config;
    if (config?.serviceNow.mode !== 'instance') {
      return {
        status: CheckStatus.skip,
        detail:
          'sandbox mode: the bot makes up webhook credentials for its simulator on each start',
      };
    }
    const { user, apiKey } = config.webhook;
    if (apiKey === undefined) {
      return {
        status: CheckStatus.fail,
        detail: 'SERVICENOW_CALLBACK_API_KEY is not set',
        fix: `Set SERVICENOW_CALLBACK_API_KEY (16+ random characters). ${outboundFix}`,
      };
    }
    // The extra shared header, when configured, goes with every callback too.
    const extra = Object.fromEntries(
      (config.webhook.sharedHeaders ?? []).slice(0, 1).map((h) => [h.name, h.value]),
    );
    const found =
      context.bot === undefined ? undefined : await askBot(context.bot, { user, apiKey, extra });
    if (found !== undefined) return found;
    const probe = context.probeOutcome?.callbackStatus;
    if (probe === 401) {
      return {
        status: CheckStatus.fail,
        detail:
          "the bot refused ServiceNow's probe callback (401): ServiceNow sends other credentials",
        fix: outboundFix,
      };
    }
    return advice(config.serviceNow.password === apiKey, user, probe, context.bot !== undefined);
  },
};

interface WebhookCredentials {
  readonly user: string | undefined;
  readonly apiKey: string;
  readonly extra: Readonly<Record<string, string>>;
}

/** A finding when the running bot disagrees with this configuration; undefined when it agrees. */
async function askBot(bot: RunningBot, creds: WebhookCredentials): Promise<Finding | undefined> {
  const as = (key: string): Record<string, string> => ({
    ...creds.extra,
    authorization: basicAuth(creds.user ?? 'servicenow', key),
  });
  const ours = await bot.postToWebhook(as(creds.apiKey), '{}');
  if (ours === 401) {
    return {
      status: CheckStatus.fail,
      detail: `the bot at ${bot.url} refuses the callback credentials of this configuration (401): it runs with other ones`,
      fix: 'Run the doctor with the configuration the bot runs with (same environment / .env, including SERVICENOW_CALLBACK_HEADER), or restart the bot with this one.',
    };
  }
  const wrong = randomBytes(18).toString('base64url');
  const theirs = await bot.postToWebhook(as(wrong), '{}');
  if (theirs !== undefined && theirs !== 401) {
    return {
      status: CheckStatus.fail,
      detail: `the bot at ${bot.url} answered ${theirs} to wrong callback credentials instead of 401`,
      fix: 'Anyone can post to the webhook: check what is in front of the bot (a proxy answering for it) and that it runs this version.',
    };
  }
  return undefined;
}

function advice(
  reusesPassword: boolean,
  user: string | undefined,
  probe: number | undefined,
  beside: boolean,
): Finding {
  if (reusesPassword) {
    return {
      status: CheckStatus.warn,
      detail: "SERVICENOW_CALLBACK_API_KEY is the service account's password",
      fix: 'Use a separate random secret for the webhook, so that one leaked secret does not open both directions.',
    };
  }
  if (user === undefined) {
    return {
      status: CheckStatus.warn,
      detail: 'SERVICENOW_CALLBACK_USER is not set: any user name is accepted with the key',
      fix: 'Set SERVICENOW_CALLBACK_USER to the user name of the outbound REST message’s Basic auth.',
    };
  }
  const serviceNowSide =
    probe !== undefined
      ? "ServiceNow's probe callback passed the bot's credentials check"
      : beside
        ? "ServiceNow's side not verified (no probe callback came)"
        : "ServiceNow's side is verified only beside the running bot";
  const botSide = beside
    ? 'the running bot accepts the configured webhook credentials'
    : 'webhook credentials configured';
  return { status: CheckStatus.pass, detail: `${botSide}; ${serviceNowSide}` };
}
