import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatProfile, packageOf, summarizeProfile, type CpuProfile } from './profile-summary.js';

const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });

// (root) → handle (bot) → recurse → recurse (botbuilder), and (root) → (garbage collector).
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)', ''), children: [2, 5] },
    { id: 2, callFrame: frame('handle', 'file:///app/dist/bot/webhook.js'), children: [3] },
    {
      id: 3,
      callFrame: frame('recurse', 'file:///app/node_modules/botbuilder/lib/a.js'),
      children: [4],
    },
    { id: 4, callFrame: frame('recurse', 'file:///app/node_modules/botbuilder/lib/a.js') },
    { id: 5, callFrame: frame('(garbage collector)', '') },
  ],
  samples: [2, 3, 4, 4, 5],
  timeDeltas: [1000, 1000, 1000, 1000, 1000],
};

describe('CPU profile summary', () => {
  it('attributes self time to packages, the project and the garbage collector', () => {
    const summary = summarizeProfile(profile);
    assert.equal(summary.totalMs, 5);
    assert.deepEqual(Object.fromEntries(summary.byPackage), {
      botbuilder: 3,
      'project bot/': 1,
      '(garbage collector)': 1,
    });
  });

  it('counts recursive frames once in inclusive time', () => {
    const inclusive = Object.fromEntries(summarizeProfile(profile).inclusiveTop);
    assert.equal(inclusive['recurse botbuilder/lib/a.js:1'], 3);
    assert.equal(inclusive['handle bot/webhook.js:1'], 4);
  });

  it('names packages by their folder under node_modules, scoped ones included', () => {
    assert.equal(packageOf('file:///x/node_modules/@azure/cosmos/dist/a.js', 'f'), '@azure/cosmos');
    assert.equal(packageOf('node:internal/streams/writable', 'f'), 'node:internal');
    assert.equal(packageOf('', '(program)'), '(program)');
  });

  it('formats shares of the total', () => {
    assert.match(formatProfile(summarizeProfile(profile)), /3 ms\s+60\.0%\s+botbuilder/);
  });
});
