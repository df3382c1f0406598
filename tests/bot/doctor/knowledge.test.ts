// The doctor's knowledge check against the simulator: which search path is in use, and whether the
// allow-listed knowledge bases exist.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  SELF_SERVICE_KB,
  startSimulator,
  TECHNICIANS_KB,
  type SnowSimulator,
} from '@live-agent/snow/simulator';
import { handoffFile } from '../../support/handoff-file.js';
import { snowCredentials } from '../../support/harness.js';
import { diagnose, doctorEnv } from './support.js';

const missing = 'ffffffffffffffffffffffffffffffff';

describe('doctor: knowledge search', () => {
  let sim: SnowSimulator;
  before(async () => {
    sim = await startSimulator({ credentials: snowCredentials, scriptedAgent: false });
  });
  after(async () => {
    await sim.close();
  });

  const check = async (knowledge: Record<string, unknown> | undefined) => {
    const env = doctorEnv(sim.url, {
      HANDOFF_CONFIG: handoffFile(knowledge === undefined ? {} : { knowledge }),
    });
    return (await diagnose({ env, botUrl: false })).get('knowledge');
  };

  it('is skipped while the step is off', async () => {
    const result = await check(undefined);
    assert.equal(result.status, 'skip');
    assert.match(result.detail, /knowledge step is off/);
  });

  it('passes with the Knowledge API and names the bases found', async () => {
    const result = await check({
      enabled: true,
      knowledgeBases: [SELF_SERVICE_KB, TECHNICIANS_KB],
    });
    assert.equal(result.status, 'pass');
    assert.match(result.detail, /Knowledge API \(sn_km_api\)/);
    assert.match(result.detail, /IT Self-Service, IT Technicians \(internal\)/);
  });

  it('fails naming an allow-listed base that does not exist', async () => {
    const result = await check({ enabled: true, knowledgeBases: [SELF_SERVICE_KB, missing] });
    assert.equal(result.status, 'fail');
    assert.match(
      result.detail,
      new RegExp(`1 of 2 allow-listed knowledge bases not found: ${missing}`),
    );
    assert.match(result.fix ?? '', /kb_knowledge_base/);
  });

  it('warns that the Table API is in use, or nothing, without the plugin', async () => {
    sim.setKnowledge({ installed: false });
    try {
      const table = await check({ enabled: true, knowledgeBases: [SELF_SERVICE_KB] });
      assert.equal(table.status, 'warn');
      assert.match(table.detail, /Table API on kb_knowledge/);
      const none = await check({
        enabled: true,
        knowledgeBases: [SELF_SERVICE_KB],
        fallback: 'none',
      });
      assert.equal(none.status, 'warn');
      assert.match(none.detail, /not installed and fallback is "none"/);
      assert.match(none.fix ?? '', /sn_km_api/);
    } finally {
      sim.setKnowledge({});
    }
  });
});
