// Helpers for the doctor's tests: the environment pointing at a simulator, and results by check.
import { createServer, type Server } from 'node:http';
import { runDoctor, type DoctorOptions } from '../../../bot/doctor/run.js';
import type { CheckId, CheckResult } from '../../../bot/doctor/types.js';
import { snowCredentials, webhookCredentials } from '../../support/harness.js';
import { close, listen } from '../../support/http.js';

/** The configuration of a bot pointed at the simulator at `instanceUrl`. */
export function doctorEnv(
  instanceUrl: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    SERVICENOW_INSTANCE_URL: instanceUrl,
    SERVICENOW_USERNAME: snowCredentials.username,
    SERVICENOW_PASSWORD: snowCredentials.password,
    SERVICENOW_CALLBACK_USER: webhookCredentials.user,
    SERVICENOW_CALLBACK_API_KEY: webhookCredentials.apiKey,
    ...extra,
  };
}

export interface Diagnosis {
  readonly ok: boolean;
  get(id: CheckId): CheckResult;
}

/** Runs the doctor with short probe waits and returns its results by check. */
export async function diagnose(
  options: Omit<DoctorOptions, 'probeTimeoutMs'> & { probeTimeoutMs?: number },
): Promise<Diagnosis> {
  const report = await runDoctor({ probeTimeoutMs: 3000, ...options });
  const results = new Map(report.results.map((r) => [r.id, r]));
  return {
    ok: report.ok,
    get(id) {
      const result = results.get(id);
      if (result === undefined) throw new Error(`no result for ${id}`);
      return result;
    },
  };
}

/** A stand-in for the bot's webhook that answers every callback with `status`. */
export async function callbackReceiver(
  status: number,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  const url = await listen(server);
  return { url, close: () => close(server) };
}

/** A loopback URL where nothing listens. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  const url = await listen(server);
  await close(server);
  return url;
}
