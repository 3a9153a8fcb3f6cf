/** The widget's outbox: messages in order, once each; waiting through a cut network; given back when refused. */
import { HttpError } from '../../src/widget/chat/directlineApi';
import { clientId, Outbox, type Outgoing } from '../../src/widget/chat/outbox';

function setup(answers: Array<unknown>, restored: Outgoing[] = []) {
  const log: string[] = [];
  const tried: Outgoing[] = [];
  const kept: string[][] = [];
  const outbox = new Outbox({
    async send(item) {
      tried.push(item);
      const a = answers.shift();
      if (a) throw a;
    },
    waiting: (item) => log.push(`waiting ${item.text}`),
    sent: (item, last) => log.push(`sent ${item.text}${last ? ' (last)' : ''}`),
    refused: (items, err) => log.push(`refused ${items.map((i) => i.text).join('+')} ${err instanceof HttpError ? err.status : 'network'}`),
    changed: (items) => kept.push(items.map((i) => i.text)),
  }, restored);
  const add = (text: string, typed = false) => outbox.add({ text, typed, id: clientId() });
  return { outbox, log, tried, add, kept };
}

const flushPromises = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('Outbox', () => {
  it('sends in order, each message once', async () => {
    const { log, add, outbox } = setup([]);
    add('un');
    add('deux');
    await flushPromises();
    expect(log).toEqual(['sent un', 'sent deux (last)']);
    expect(outbox.size).toBe(0);
  });

  it('a cut network: the message waits, is tried again with the same id, then goes, and the next one after it', async () => {
    const { log, add, tried, outbox } = setup([new TypeError('Failed to fetch'), new TypeError('Failed to fetch')]);
    add('Créer mon compte Ameli');
    add('merci');
    await flushPromises();
    expect(log).toEqual(['waiting Créer mon compte Ameli']);
    expect(outbox.size).toBe(2);
    jest.advanceTimersByTime(2000);
    await flushPromises();
    expect(log).toEqual(['waiting Créer mon compte Ameli', 'waiting Créer mon compte Ameli']);
    // The browser says it is online again: no need to wait for the next try.
    await outbox.flush();
    await flushPromises();
    expect(log.slice(2)).toEqual(['sent Créer mon compte Ameli', 'sent merci (last)']);
    expect(new Set(tried.filter((i) => i.text === 'Créer mon compte Ameli').map((i) => i.id)).size).toBe(1);
    expect(tried.map((i) => i.text)).toEqual(['Créer mon compte Ameli', 'Créer mon compte Ameli', 'Créer mon compte Ameli', 'merci']);
  });

  it('a refusal (too fast, not accepted) gives back that message and those behind it', async () => {
    const { log, add, outbox } = setup([new HttpError(429)]);
    add('un', true);
    add('deux');
    await flushPromises();
    expect(log).toEqual(['refused un+deux 429']);
    expect(outbox.size).toBe(0);
  });

  it('a server error is tried a few times, then given back', async () => {
    const { log, add } = setup([new HttpError(503), new HttpError(503), new HttpError(503), new HttpError(503)]);
    add('un');
    for (let i = 0; i < 4; i++) {
      await flushPromises();
      jest.advanceTimersByTime(20_000);
    }
    await flushPromises();
    expect(log).toEqual(['waiting un', 'waiting un', 'waiting un', 'refused un 503']);
  });

  it('forgets everything when the conversation is erased', async () => {
    const { log, add, outbox } = setup([new TypeError('offline')]);
    add('un');
    await flushPromises();
    outbox.clear();
    jest.advanceTimersByTime(60_000);
    await flushPromises();
    expect(log).toEqual(['waiting un']);
    expect(outbox.size).toBe(0);
  });

  it('says what waits each time it changes (to keep it across a reload): added, sent, refused, forgotten', async () => {
    const { add, kept, outbox } = setup([new TypeError('offline'), undefined, new HttpError(400)]);
    add('un');
    await flushPromises();
    add('deux');
    expect(kept).toEqual([['un'], ['un', 'deux']]);
    await outbox.flush();
    await flushPromises();
    expect(kept).toEqual([['un'], ['un', 'deux'], ['deux'], []]);
    add('trois');
    outbox.clear();
    expect(kept.slice(-2)).toEqual([['trois'], []]);
  });

  it('what a previous page left waits until released, then goes once each, in order, with its ids, before what came after', async () => {
    const left: Outgoing[] = [
      { text: 'impots', id: 'pp-old-1', typed: true },
      { text: 'Oui', id: 'pp-old-2', typed: false },
    ];
    const { log, tried, add, outbox } = setup([], left);
    expect(outbox.restored).toEqual(left);
    add('merci');
    await outbox.flush();
    await flushPromises();
    expect(tried).toEqual([]);
    outbox.release();
    outbox.release();
    await flushPromises();
    expect(log).toEqual(['sent impots', 'sent Oui', 'sent merci (last)']);
    expect(tried.slice(0, 2)).toEqual(left);
    expect(outbox.restored).toEqual([]);
  });

  it('what a previous page left is dropped with the conversation (erased, or started again)', async () => {
    const { tried, outbox, add } = setup([], [{ text: 'impots', id: 'pp-old', typed: true }]);
    outbox.clear();
    add('bonjour');
    await flushPromises();
    expect(tried.map((i) => i.text)).toEqual(['bonjour']);
  });

  it('gives every message its own id', () => {
    const ids = new Set(Array.from({ length: 100 }, () => clientId()));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(100);
  });
});
