/**
 * LeanConversationState / LeanUserState keep BotState's contract with a cheaper change check:
 * an unchanged state is not written, a changed one is (eTag '*'), clear() forces a write, get()
 * and delete() share the same turn cache.
 */
import { TestAdapter, TurnContext, type StoreItems } from 'botbuilder';
import { LeanConversationState, LeanUserState, readAhead, stateKeysOf, useReadAhead } from '../../src/storage/botState';
import { MemoryStateStore } from '../../src/storage/memoryStore';

class CountingStore extends MemoryStateStore {
  writes: StoreItems[] = [];
  override async write(changes: StoreItems): Promise<void> {
    this.writes.push(JSON.parse(JSON.stringify(changes)) as StoreItems);
    await super.write(changes);
  }
}

function turn(): TurnContext {
  return new TurnContext(new TestAdapter(async () => undefined), {
    type: 'message',
    text: 'bonjour',
    channelId: 'test',
    conversation: { id: 'conv', isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'citizen', name: '' },
    recipient: { id: 'bot', name: '' },
  });
}

test.each([
  ['conversation', (s: CountingStore) => new LeanConversationState(s), 'test/conversations/conv/'],
  ['user', (s: CountingStore) => new LeanUserState(s), 'test/users/citizen/'],
] as const)('%s state: writes only what changed, under the usual key', async (_name, make, key) => {
  const store = new CountingStore(60);
  const state = make(store);
  const prop = state.createProperty<{ n: number; list: string[] }>('data');

  let ctx = turn();
  (await prop.get(ctx, { n: 1, list: [] })).list.push('é');
  await state.saveChanges(ctx);
  expect(store.writes).toEqual([{ [key]: { data: { n: 1, list: ['é'] }, eTag: '*' } }]);
  await state.saveChanges(ctx); // nothing changed since the write
  expect(store.writes).toHaveLength(1);

  ctx = turn();
  expect(await prop.get(ctx)).toEqual({ n: 1, list: ['é'] });
  await state.saveChanges(ctx); // read, not changed
  expect(store.writes).toHaveLength(1);
  (await prop.get(ctx))!.n = 2;
  expect(state.get(ctx)).toMatchObject({ data: { n: 2 } });
  await state.saveChanges(ctx);
  expect(store.writes[1]).toEqual({ [key]: { data: { n: 2, list: ['é'] }, eTag: '*' } });

  ctx = turn();
  await state.load(ctx);
  await state.clear(ctx);
  await state.saveChanges(ctx); // cleared: written even though empty
  expect(store.writes[2]).toEqual({ [key]: { eTag: '*' } });

  ctx = turn();
  await state.saveChanges(ctx, true); // forced without a load
  expect(store.writes).toHaveLength(4);
  await state.delete(ctx);
  expect(await store.read([key])).toEqual({});
});

test('the conversation log: lines written with the state (even an unchanged one), never in it, dropped by delete', async () => {
  const store = new MemoryStateStore(60);
  const state = new LeanConversationState(store);
  const key = 'test/conversations/conv/';
  const prop = state.createProperty<{ n: number }>('data');

  let ctx = turn();
  await prop.get(ctx, { n: 1 });
  state.appendLog(ctx, '{"a":1}', 2);
  state.appendLog(ctx, '{"a":2}', 2);
  await state.saveChanges(ctx);
  expect(await store.readLog(key)).toEqual(['{"a":1}', '{"a":2}']);
  expect(await state.readLog(ctx)).toEqual(['{"a":1}', '{"a":2}']);
  const { eTag: _e, ...saved } = (await store.read([key]))[key];
  expect(saved).toEqual({ data: { n: 1 } });

  ctx = turn();
  await state.load(ctx);
  state.appendLog(ctx, '{"a":3}', 2);
  await state.saveChanges(ctx); // the state did not change: written for the line
  expect(await store.readLog(key)).toEqual(['{"a":2}', '{"a":3}']);
  await state.saveChanges(ctx); // nothing new
  ctx = turn();
  await state.load(ctx);
  state.appendLog(ctx, '{"a":4}', 2);
  await state.delete(ctx);
  await state.saveChanges(ctx);
  expect(await store.readLog(key)).toEqual([]);
});

class ReadCountingStore extends MemoryStateStore {
  reads: string[][] = [];
  override async read(keys: string[]): Promise<StoreItems> {
    this.reads.push(keys);
    return super.read(keys);
  }
}

describe('states read ahead of their turn (the channel reads them with its own work before the turn)', () => {
  test('named as botbuilder names them', () => {
    const ctx = turn();
    const [conversation, user] = stateKeysOf('test', 'conv', 'citizen');
    expect(conversation).toBe(new LeanConversationState(new MemoryStateStore(60)).getStorageKey(ctx));
    expect(user).toBe(new LeanUserState(new MemoryStateStore(60)).getStorageKey(ctx));
  });

  test('one read for both states, each taken once: a load after delete reads the store, not the old values', async () => {
    const store = new ReadCountingStore(60);
    const conv = new LeanConversationState(store);
    const user = new LeanUserState(store);
    const step = conv.createProperty<{ step: number }>('data');
    const name = user.createProperty<{ locale: string }>('profile');
    let ctx = turn();
    await step.get(ctx, { step: 3 });
    await name.get(ctx, { locale: 'fr' });
    await Promise.all([conv.saveChanges(ctx), user.saveChanges(ctx)]);
    store.reads = [];

    ctx = turn();
    const ahead = readAhead(store, stateKeysOf('test', 'conv', 'citizen'));
    useReadAhead(ctx, ahead);
    expect(await step.get(ctx)).toEqual({ step: 3 });
    expect(await name.get(ctx)).toEqual({ locale: 'fr' });
    expect(store.reads).toEqual([stateKeysOf('test', 'conv', 'citizen')]);

    // A new step is written; then the conversation is reset (the turn's error boundary does this).
    (await step.get(ctx))!.step = 4;
    await conv.saveChanges(ctx);
    await conv.delete(ctx);
    expect(await step.get(ctx, { step: 0 })).toEqual({ step: 0 });
    await conv.saveChanges(ctx);
    expect(await conv.load(turn())).toMatchObject({ data: { step: 0 } });
  });

  test('a read ahead of other keys is not used', async () => {
    const store = new ReadCountingStore(60);
    const conv = new LeanConversationState(store);
    const ctx = turn();
    useReadAhead(ctx, readAhead(store, stateKeysOf('test', 'another-conv', 'another-citizen')));
    await conv.load(ctx);
    expect(store.reads).toEqual([stateKeysOf('test', 'another-conv', 'another-citizen'), ['test/conversations/conv/']]);
  });

  test('a read ahead that fails fails the load that takes it, and nothing else', async () => {
    const store = new ReadCountingStore(60);
    store.read = async () => {
      throw new Error('redis away');
    };
    const conv = new LeanConversationState(store);
    readAhead(store, stateKeysOf('test', 'conv', 'citizen')); // never taken: no unhandled rejection
    const ctx = turn();
    useReadAhead(ctx, readAhead(store, stateKeysOf('test', 'conv', 'citizen')));
    await expect(conv.load(ctx)).rejects.toThrow('redis away');
  });
});
