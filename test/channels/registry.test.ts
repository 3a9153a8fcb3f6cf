/**
 * The channel registry is the one list of channels: what it declares for each channel is what config
 * reads, what the territory files may name, what the renderer uses, what the console shows, what is
 * mounted and what the startup log says.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { CHANNEL_PLUGINS, MESSAGING_PLUGINS, messagingPluginOf, pluginOf } from '../../src/channels/registry';
import { capabilitiesOf } from '../../src/channels/capabilities';
import { channelIsOn } from '../../src/channels/plugin';
import { channelLabel } from '../../src/mediator/console/format';
import { territoryJsonSchema } from '../../src/territories/schema';
import { buildApp } from '../../src/app';
import { createLogger } from '../../src/logger';
import { testConfig } from '../helpers/app';
import { DIRECTLINE_CHANNEL } from '../../src/channels/directline/service';
import { HTTP_CHANNEL } from '../../src/channels/httpChannel';

/** The environment schema: the channels' variables in config.ts (CHANNEL_ENV), the service's own in config/envSchema.ts. */
const CONFIG_SOURCE = ['config.ts', 'config/envSchema.ts'].map((f) => readFileSync(join(__dirname, '..', '..', 'src', f), 'utf8')).join('\n');

describe.each(CHANNEL_PLUGINS.map((p) => [p.id, p] as const))('channel plugin %s', (_id, plugin) => {
  it('is found by its id, and its capabilities are the table’s row', () => {
    expect(pluginOf(plugin.id)).toBe(plugin);
    expect(capabilitiesOf(plugin.id)).toEqual(plugin.capabilities);
  });

  it('names environment variables config.ts reads', () => {
    expect(plugin.env.names.length).toBeGreaterThan(0);
    for (const name of plugin.env.names) expect(CONFIG_SOURCE).toContain(`${name}:`);
  });

  it('is named the same in the mediators’ console', () => {
    expect(channelLabel(plugin.id, { channelWeb: 'site web' })).toBe(plugin.label);
  });
});

describe.each(MESSAGING_PLUGINS.map((p) => [p.id, p] as const))('messaging plugin %s', (_id, plugin) => {
  it('is off without its secret', () => {
    expect(messagingPluginOf(plugin.id)).toBe(plugin);
    expect(plugin.env.names).toContain(plugin.env.secret);
    const section = plugin.env.section(testConfig());
    expect(section.default).toBeUndefined();
    expect(section.named).toEqual({});
    expect(channelIsOn(plugin, testConfig())).toBe(false);
  });

  it('claims addresses through a field of the territory files', () => {
    const schema = JSON.stringify(territoryJsonSchema());
    expect(schema).toContain(`"${plugin.territoryField}"`);
  });
});

describe('the web chat and the HTTP API are channels of the registry', () => {
  it('are listed beside the messaging channels, each id once', () => {
    const ids = CHANNEL_PLUGINS.map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining([DIRECTLINE_CHANNEL, HTTP_CHANNEL, ...MESSAGING_PLUGINS.map((p) => p.id)]));
    expect(new Set(ids).size).toBe(ids.length);
    expect(messagingPluginOf('directline')).toBeUndefined();
  });

  it('the web chat renders markdown and shows typing; channels we do not serve keep their own rows', () => {
    expect(capabilitiesOf('directline')).toMatchObject({ textFormat: 'markdown', typing: true, maxButtons: 10 });
    expect(capabilitiesOf('terminal').maxButtons).toBe(0);
    expect(capabilitiesOf('webchat').maxButtons).toBe(10);
  });
});

describe('the registry loads whichever channel module is imported first', () => {
  // The capability table reads the registry, whose plugins import the modules that read the table: a plugin must
  // read nothing of them at load time, or a test (or tool) importing one of them first would get a broken list.
  it.each(['channels/httpChannel', 'channels/directline/service', 'channels/directline/routes', 'channels/render', 'channels/capabilities'])('%s', (first) => {
    jest.isolateModules(() => {
      require(`../../src/${first}`);
      const registry = require('../../src/channels/registry') as typeof import('../../src/channels/registry');
      const table = require('../../src/channels/capabilities') as typeof import('../../src/channels/capabilities');
      expect(registry.CHANNEL_PLUGINS.map((p) => p?.id)).toEqual(CHANNEL_PLUGINS.map((p) => p.id));
      expect(table.capabilitiesOf('directline').textFormat).toBe('markdown');
    });
  });
});

/** The app built with a logger whose lines are kept. */
async function startLogged(env: Record<string, string>) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { msg: string }).msg));
      done();
    },
  });
  const config = testConfig(env);
  const app = await buildApp(config, createLogger('info', sink), { notifier: false, demoMediator: false });
  await new Promise<void>((r) => app.server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { app, config, lines, base };
}

describe('one mounting loop for every channel', () => {
  it('mounts each channel that is on, and the startup log says, for each, what its plugin says', async () => {
    const { app, config, lines, base } = await startLogged({ TELEGRAM_SECRET_TOKEN: 'telegram-secret-token-0123456789' });
    try {
      for (const plugin of CHANNEL_PLUGINS) expect(lines).toContain(channelIsOn(plugin, config) ? plugin.said.on : plugin.said.off);
      // On: the web chat, the HTTP API (development, no token), Telegram. Off: SMS (404).
      expect((await fetch(`${base}/v3/directline/tokens/generate`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: '{"territory":"demo"}' })).status).toBe(200);
      expect((await fetch(`${base}/api/chat/conversations`, { method: 'POST' })).status).toBe(201);
      expect((await fetch(`${base}/api/telegram/pasapas`, { method: 'POST', body: '{}' })).status).toBe(403);
      expect((await fetch(`${base}/api/sms/twilio`, { method: 'POST', body: '' })).status).toBe(404);
      expect(app.messaging.telegram).toBeDefined();
      expect(app.messaging.sms).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it('an HTTP API without its token is not mounted in production (404), and the log says why', () => {
    const http = pluginOf('http')!;
    const production = { ...testConfig(), production: true };
    expect(channelIsOn(http, production)).toBe(false);
    expect(channelIsOn(http, { ...production, httpChannelToken: 'a-long-enough-test-token' })).toBe(true);
    expect(http.said.off).toBe('HTTP channel disabled (production without HTTP_CHANNEL_TOKEN)');
  });
});
