/**
 * "The bot is typing" on the web chat stream: only for a turn still running after the delay (and
 * again while it runs), never for the quick turns that answer within milliseconds.
 */
import { join } from 'node:path';
import { MessageFactory } from 'botbuilder';
import { createLogger } from '../../src/logger';
import { LeanAdapter } from '../../src/channels/leanAdapter';
import { MemoryActivityLog, type LogEvent } from '../../src/channels/directline/activityLog';
import { MemoryFileStore } from '../../src/channels/directline/fileStore';
import { TokenService } from '../../src/channels/directline/tokens';
import { DirectLineService } from '../../src/channels/directline/service';
import { TerritoryRegistry } from '../../src/territories/registry';
import { CONFIG_DIR } from '../../src/paths';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function harness(typingDelayMs: number) {
  const log = new MemoryActivityLog(86_400);
  const events: Array<{ kind: LogEvent['kind']; at: number }> = [];
  const started = Date.now();
  log.onEvent((e) => events.push({ kind: e.kind, at: Date.now() - started }));
  // The bot answers "lent" after 120 ms, anything else at once.
  const adapter = new LeanAdapter(async (ctx) => {
    if (ctx.activity.text === 'lent') await sleep(120);
    if (ctx.activity.type === 'message') await ctx.sendActivity(MessageFactory.text(`reçu : ${ctx.activity.text}`));
  });
  const service = new DirectLineService({
    log,
    files: new MemoryFileStore(86_400),
    tokens: new TokenService('a-typing-test-secret-of-32-characters-or-more', 1800),
    adapter,
    territories: TerritoryRegistry.load(join(CONFIG_DIR, 'territories'), 'http://localhost:3978'),
    publicBaseUrl: 'http://localhost:3978',
    logger: createLogger('silent'),
    typingDelayMs,
  });
  const claims = { conversationId: 'conv-typing', territory: 'demo', userId: 'dl_citizen' };
  return { log, events, service, claims };
}

describe('typing indicator of the web chat stream', () => {
  it('a quick turn streams its answer and no typing frame', async () => {
    const h = harness(50);
    await h.service.start(h.claims, 'token');
    h.events.length = 0;
    await h.service.post(h.claims, { type: 'message', text: 'vite' });
    await sleep(80);
    expect(h.events.map((e) => e.kind)).toEqual(['activities']);
    await h.log.close();
  });

  it('a turn still running after the delay streams "typing" before its answer', async () => {
    const h = harness(50);
    await h.service.start(h.claims, 'token');
    h.events.length = 0;
    await h.service.post(h.claims, { type: 'message', text: 'lent' });
    expect(h.events.map((e) => e.kind)).toEqual(['typing', 'activities']);
    expect(h.events[0].at).toBeGreaterThanOrEqual(40);
    // Nothing more once the turn is over.
    await sleep(80);
    expect(h.events.map((e) => e.kind)).toEqual(['typing', 'activities']);
    const { activities } = await h.log.since(h.claims.conversationId, 0);
    expect(activities.map((a) => a.text)).toContain('reçu : lent');
    await h.log.close();
  });

  it('a delay of 0 streams "typing" at the start of every turn', async () => {
    const h = harness(0);
    await h.service.start(h.claims, 'token');
    h.events.length = 0;
    await h.service.post(h.claims, { type: 'message', text: 'vite' });
    expect(h.events.map((e) => e.kind)).toEqual(['typing', 'activities']);
    await h.log.close();
  });
});
