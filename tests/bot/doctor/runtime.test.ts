// The doctor's Node.js runtime check: the version it runs on, against the release schedule.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnose } from './support.js';

const now = (): number => Date.parse('2026-12-02T12:00:00Z');

describe('doctor: the Node.js runtime', () => {
  it('passes Node 22 and names the end of its support', async () => {
    const d = await diagnose({ env: {}, botUrl: false, nodeVersion: 'v22.23.5', now });
    assert.equal(d.get('runtime').status, 'pass');
    assert.equal(d.get('runtime').detail, 'Node.js 22.23.5, supported until 2027-04-30');
  });

  it('warns on Node 20, past its end of life, and says to run on 22', async () => {
    const d = await diagnose({ env: {}, botUrl: false, nodeVersion: 'v20.20.2', now });
    const runtime = d.get('runtime');
    assert.equal(runtime.status, 'warn');
    assert.match(runtime.detail, /end of life on 2026-04-30 and gets no security fixes/);
    assert.match(runtime.fix ?? '', /Node\.js 22/);
    assert.equal(d.ok, true, 'a warning does not fail the run');
  });

  it('fails a Node the bot cannot run on', async () => {
    const d = await diagnose({ env: {}, botUrl: false, nodeVersion: 'v24.22.3', now });
    assert.equal(d.get('runtime').status, 'fail');
    assert.equal(d.ok, false);
  });
});
