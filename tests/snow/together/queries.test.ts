// Hostile values against a Table API that really evaluates ^OR, ^NQ and ^^ (the simulator): the
// client refuses them before any request, while the same value sent raw would widen the query.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { SnowQueryValueError } from '../../../snow/src/errors.js';
import { credentials, startPair, type Pair } from './pair.js';

const hostileEmails = [
  'nobody@example.com^NQactive=true',
  'nobody@example.com^ORactive=true',
  'x^NQemail!=@example.com',
  'nobody@example.com^ORDERBYemail',
  'a=b^active=false@example.com',
  'nobody@example.com\nactive=true',
  'nobody@example.com\r^NQactive=true',
  'javascript:gs.getUser()@example.com',
  '',
];

describe('client and simulator: hostile query values', () => {
  let pair: Pair | undefined;
  afterEach(async () => {
    await pair?.close();
    pair = undefined;
  });

  it('would return every active user for an unchecked ^NQ value', async () => {
    pair = await startPair();
    const query = encodeURIComponent('email=nobody@example.com^NQactive=true');
    const res = await fetch(`${pair.sim.url}/api/now/table/sys_user?sysparm_query=${query}`, {
      headers: {
        accept: 'application/json',
        authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`,
      },
    });
    const { result } = (await res.json()) as { result: unknown[] };
    assert.ok(result.length > 3, 'the injected group matched everyone');
  });

  it('refuses each hostile email before sending anything', async () => {
    pair = await startPair();
    for (const email of hostileEmails) {
      await assert.rejects(
        pair.client.users.findByEmail(email),
        SnowQueryValueError,
        JSON.stringify(email),
      );
    }
    assert.equal(pair.sim.tableRequests.length, 0);
  });

  it('finds users whose emails hold =, +, unicode or quotes, and only them', async () => {
    pair = await startPair();
    const unusual = [
      'zoë.šimková@example.com',
      'a+b=c@example.com',
      "o'neil@example.com",
      '用户@例子.公司',
    ];
    for (const [i, email] of unusual.entries()) pair.sim.addUser({ name: `User ${i}`, email });
    for (const [i, email] of unusual.entries()) {
      const user = await pair.client.users.findByEmail(email);
      assert.equal(user?.name, `User ${i}`, email);
      assert.equal(user.email, email);
    }
    assert.equal(await pair.client.users.findByEmail('zoe.simkova@example.com'), undefined);
  });

  it('refuses a service channel or user id that is not a sys_id', async () => {
    pair = await startPair();
    await assert.rejects(
      pair.client.presence.availableAgents({
        serviceChannel: '27f675e3739713004a905ee515f6a7c3^NQactive=true',
      }),
      SnowQueryValueError,
    );
    await assert.rejects(
      pair.client.interactions.findActiveForUser('x^ORactive=true'),
      SnowQueryValueError,
    );
    assert.equal(pair.sim.tableRequests.length, 0);
  });
});
