// Which Node.js the bot supports and until when, as the start-up warning and the doctor say it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nodeSupport } from '../../bot/node-support.js';
import { enginesAllow, packageEngines } from '../support/engines.js';

const on = (date: string): number => Date.parse(`${date}T12:00:00Z`);

describe('the Node.js the bot runs on', () => {
  it('calls Node 22 supported until three months before its end of life, with the date', () => {
    assert.deepEqual(nodeSupport('v22.23.5', on('2026-12-02')), {
      status: 'supported',
      detail: 'Node.js 22.23.5, supported until 2027-04-30',
    });
  });

  it('warns of Node 22 ending from three months before, and says what the next line needs', () => {
    assert.equal(nodeSupport('v22.23.5', on('2027-01-29')).status, 'supported');
    const ending = nodeSupport('v22.23.5', on('2027-02-01'));
    assert.equal(ending.status, 'ending');
    assert.match(ending.detail, /reaches its end of life on 2027-04-30/);
    assert.match(ending.fix ?? '', /Node\.js 24 needs restify 12/);
    assert.equal(nodeSupport('v22.23.5', on('2027-04-30')).status, 'ending');
    assert.equal(nodeSupport('v22.23.5', on('2027-05-01')).status, 'ended');
  });

  it('says Node 20 gets no security fixes since 2026-04-30, and to run on 22 as the image does', () => {
    const ended = nodeSupport('v20.20.2', on('2026-12-02'));
    assert.equal(ended.status, 'ended');
    assert.equal(
      ended.detail,
      'Node.js 20.20.2: its release line reached its end of life on 2026-04-30 and gets no security fixes',
    );
    assert.match(ended.fix ?? '', /Node\.js 22, as the container image does/);
    assert.equal(nodeSupport('v20.20.2', on('2026-01-15')).status, 'supported');
    assert.equal(nodeSupport('v20.20.2', on('2026-03-01')).status, 'ending');
  });

  it('refuses what the engines do not allow: Node 20 before 20.19, odd lines, and 24 with its reason', () => {
    for (const version of ['v20.18.1', 'v21.7.3', 'v18.20.8']) {
      const verdict = nodeSupport(version, on('2026-01-15'));
      assert.equal(verdict.status, 'unsupported', version);
      assert.match(verdict.detail, /runs on Node\.js 20\.19 or later and 22/);
    }
    const newer = nodeSupport('v24.22.3', on('2026-12-02'));
    assert.equal(newer.status, 'unsupported');
    assert.match(newer.detail, /restify 11 cannot load there/);
    assert.match(newer.fix ?? '', /Node\.js 22/);
  });

  it("calls unsupported exactly the release lines package.json's engines leave out", () => {
    const engines = packageEngines();
    for (let major = 16; major <= 26; major++) {
      const verdict = nodeSupport(`v${String(major)}.0.0`, on('2026-01-15'));
      assert.equal(
        verdict.status !== 'unsupported',
        enginesAllow(engines, major),
        `${String(major)}.0.0`,
      );
    }
  });
});
