/**
 * `pasapas serve` prints where to open the demo, the chat and the console: PUBLIC_BASE_URL (the origin
 * the widget and its allowed origins are made for), not http://localhost:PORT whatever it says.
 */
import { start, publicUrl } from '../../src/main';
import { freePort } from './support';

describe('the startup URLs', () => {
  it('are those of PUBLIC_BASE_URL, and the demo answers there', async () => {
    const port = await freePort();
    const publicBase = `http://127.0.0.1:${port}`;
    const started = await start({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      WARMUP_RECOGNIZERS: 'false',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_BASE_URL: publicBase,
      DIRECTLINE_TOKEN_SECRET: 'a-startup-test-secret-of-32-characters-or-more',
    });
    if ('errors' in started) throw new Error(started.errors.join('\n'));
    try {
      expect(started.url).toBe(publicBase);
      const demo = await fetch(`${started.url}/`);
      expect(demo.status).toBe(200);
      expect(await demo.text()).toContain(`src="${publicBase}/widget.js"`);
    } finally {
      await started.app.close();
    }
  });

  it('keep a path, drop a trailing slash, and name the port listened on for port 0', () => {
    expect(publicUrl('https://aide.exemple.fr/', 3978)).toBe('https://aide.exemple.fr');
    expect(publicUrl('https://exemple.fr/pasapas', 3978)).toBe('https://exemple.fr/pasapas');
    expect(publicUrl('http://localhost:0', 41234)).toBe('http://localhost:41234');
  });
});
