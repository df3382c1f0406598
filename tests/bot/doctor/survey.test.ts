// The doctor's survey check against the simulator: it only reads `interaction` unless asked to
// test, then writes the survey's field of one interaction without changing it; an ACL refusing
// the update is a warning with ServiceNow's reason (answers stay with the chat whatever it says).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startSimulator, type SnowSimulator } from '@live-agent/snow/simulator';
import { snowCredentials } from '../../support/harness.js';
import { diagnose, doctorEnv } from './support.js';

/** An interaction on the simulated instance, as a chat request creates one. */
async function chatRequest(simulator: SnowSimulator): Promise<string> {
  const clientSessionId = randomUUID();
  const auth = Buffer.from(`${snowCredentials.username}:${snowCredentials.password}`);
  await fetch(`${simulator.url}/api/sn_va_as_service/bot/integration`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Basic ${auth.toString('base64')}`,
    },
    body: JSON.stringify({
      requestId: randomUUID(),
      clientSessionId,
      userId: 'aad-user-1',
      action: 'AGENT',
      message: { text: 'VPN', typed: true },
      contextVariables: { live_agent_only: 'true' },
    }),
  });
  return simulator.waitFor(() => simulator.conversation(clientSessionId)?.interactionId, {
    what: 'the interaction',
  });
}

describe('doctor: survey answers on the interaction', () => {
  let simulator: SnowSimulator;
  before(async () => {
    simulator = await startSimulator({ credentials: snowCredentials, scriptedAgent: false });
  });
  after(() => simulator.close());

  it('only reads interaction unless asked to test, and says how to test writing', async () => {
    const d = await diagnose({ env: doctorEnv(simulator.url), botUrl: false });
    const survey = d.get('survey');
    assert.equal(survey.status, 'warn');
    assert.match(survey.detail, /interaction: can read \(writing work_notes not tested\)/);
    assert.match(survey.fix ?? '', /--survey-test/);
  });

  it('writes the field of one interaction without changing it with --survey-test', async () => {
    const empty = await diagnose({
      env: doctorEnv(simulator.url),
      botUrl: false,
      surveyTest: true,
    });
    assert.match(empty.get('survey').detail, /no record to test writing on yet/);

    const interactionId = await chatRequest(simulator);
    const d = await diagnose({ env: doctorEnv(simulator.url), botUrl: false, surveyTest: true });
    const survey = d.get('survey');
    assert.equal(survey.status, 'pass');
    assert.match(survey.detail, /interaction: can write work_notes/);
    assert.deepEqual(simulator.journal('interaction', interactionId), [], 'no work note was left');
  });

  it('warns with ServiceNow’s reason when the update is refused', async () => {
    await chatRequest(simulator);
    simulator.refuseUpdates('interaction', true);
    try {
      const d = await diagnose({ env: doctorEnv(simulator.url), botUrl: false, surveyTest: true });
      const survey = d.get('survey');
      assert.equal(survey.status, 'warn');
      assert.match(survey.detail, /refused writing interaction\.work_notes \(HTTP 403\): .*ACL/);
      assert.match(survey.fix ?? '', /write on interaction/);
    } finally {
      simulator.refuseUpdates('interaction', false);
    }
  });
});
