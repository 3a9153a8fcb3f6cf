/**
 * The channel registry is the one list of messaging channels: what it declares for each channel is what
 * config reads, what the territory files may name, what the renderer uses and what the console shows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHANNEL_PLUGINS, pluginOf } from '../../src/channels/registry';
import { capabilitiesOf } from '../../src/channels/capabilities';
import { channelLabel } from '../../src/mediator/console/format';
import { territoryJsonSchema } from '../../src/territories/schema';
import { testConfig } from '../helpers/app';

const CONFIG_SOURCE = readFileSync(join(__dirname, '..', '..', 'src', 'config.ts'), 'utf8');

describe.each(CHANNEL_PLUGINS.map((p) => [p.id, p] as const))('channel plugin %s', (_id, plugin) => {
  it('is found by its id, and its capabilities are the table’s row', () => {
    expect(pluginOf(plugin.id)).toBe(plugin);
    expect(capabilitiesOf(plugin.id)).toEqual(plugin.capabilities);
  });

  it('names environment variables config.ts reads, and is off without its secret', () => {
    for (const name of plugin.env.names) expect(CONFIG_SOURCE).toContain(`${name}:`);
    expect(plugin.env.names).toContain(plugin.env.secret);
    const section = plugin.env.section(testConfig());
    expect(section.default).toBeUndefined();
    expect(section.named).toEqual({});
  });

  it('claims addresses through a field of the territory files', () => {
    const schema = JSON.stringify(territoryJsonSchema());
    expect(schema).toContain(`"${plugin.territoryField}"`);
  });

  it('is named the same in the mediators’ console', () => {
    expect(channelLabel(plugin.id, { channelWeb: 'site web' })).toBe(plugin.label);
  });
});
