// The simulator's conversation store: finding the newest chat of a clientSessionId.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConversationStore, conversationKey } from '../../../snow/simulator/conversations.js';

function open(store: ConversationStore, clientSessionId: string, appInboundId?: string) {
  return store.open({
    clientSessionId,
    userId: 'user',
    echo: { requestId: `${clientSessionId}-${appInboundId ?? ''}` },
    ...(appInboundId === undefined ? {} : { appInboundId }),
  });
}

describe('simulator conversation store', () => {
  it('finds nothing for a clientSessionId it never saw', () => {
    const store = new ConversationStore();
    open(store, 'a');
    assert.equal(store.latest('b'), undefined);
  });

  it('finds the newest conversation of a session, whatever its appInboundId', () => {
    const store = new ConversationStore();
    open(store, 'a', 'first');
    open(store, 'b');
    const newest = open(store, 'a', 'second');
    open(store, 'c');
    assert.equal(store.latest('a'), newest);
    assert.equal(store.get(conversationKey('a', 'first'))?.echo.requestId, 'a-first');
  });

  it('finds the chat that replaced a closed one under the same key', () => {
    const store = new ConversationStore();
    const closed = open(store, 'a');
    closed.phase = 'closed';
    const reopened = open(store, 'a');
    assert.notEqual(reopened, closed);
    assert.equal(store.latest('a'), reopened);
    assert.equal(store.get(conversationKey('a')), reopened);
  });

  it('answers for each of many sessions', () => {
    const store = new ConversationStore();
    const opened = Array.from({ length: 10_000 }, (_, i) => open(store, `s${i}`));
    for (const [i, conversation] of opened.entries())
      assert.equal(store.latest(`s${i}`), conversation);
  });
});
