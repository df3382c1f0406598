// The tenant allow-list: users of other Entra tenants are told politely that the bot is not
// theirs, the refusal is logged, and nothing of theirs is stored or sent to ServiceNow.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { texts } from '../../dialogs/texts.js';
import { startHarness, TeamsUser, type Harness } from '../support/harness.js';

const allowed = '3f2b8c1d-7e6a-4b5c-9d8e-1f2a3b4c5d6e';
const other = '8a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d';

describe('tenant allow-list', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ ALLOWED_TENANT_IDS: allowed });
  });
  after(async () => {
    await harness.close();
  });

  const userOf = (tenant: string) =>
    new TeamsUser(
      harness,
      { name: 'Eve External', aadObjectId: randomUUID(), email: 'eve@example.com' },
      tenant,
    );

  it('serves users of an allowed tenant, whatever the case of the id', async () => {
    const user = userOf(allowed.toUpperCase());
    assert.equal((await user.say('My VPN keeps disconnecting')).status, 200);
    await user.waitFor('the Get Help card', (t) => t.includes('getHelp'));
  });

  it('refuses users of other tenants politely, logs it and keeps nothing', async () => {
    const user = userOf(other);
    assert.equal((await user.say('My VPN keeps disconnecting')).status, 200);
    const reply = await user.waitFor('the refusal', (t) => t.includes(texts.tenantNotAllowed));
    assert.equal(reply.activity.attachments, undefined, 'no card, no action');
    await user.click({ action: 'getHelp' });
    await user.click({ action: 'liveChat', optionId: 'agent_broker_instance_1' });
    assert.ok(user.received.every((s) => s.activity.text === texts.tenantNotAllowed));
    assert.equal(await harness.store.users.get(user.member.aadObjectId), undefined);
    assert.equal(harness.simulator.requests.length, 0, 'nothing went to ServiceNow');
    const logged = harness.logs.filter((l) => l.includes('tenant that is not allowed'));
    assert.ok(logged.some((l) => l.includes(other)));
  });
});
