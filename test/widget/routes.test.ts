/** The widget's HTTP routes on a bare restify server: assets, frame page and its CSP, demo page, loader config. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import restify, { type Server } from 'restify';
import { buildWidget } from '../../src/widget/build';
import { mountWidget } from '../../src/widget/routes';
import { TerritoryRegistry } from '../../src/territories/registry';
import { Territory } from '../../src/territories/schema';
import { freePort, hasGetRoute, listen } from './support';

const SITE = 'https://www.territoire-exemple.fr';

let server: Server;
let base: string;
const dir = mkdtempSync(join(tmpdir(), 'pasapas-routes-'));

beforeAll(async () => {
  await buildWidget(dir);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const territories = new TerritoryRegistry(
    [
      Territory.parse({ id: 'demo', name: 'Territoire de démonstration', kind: 'démonstration', widget: { allowedOrigins: ['$PUBLIC_BASE_URL'] } }),
      Territory.parse({
        id: 'exemple',
        name: 'Exemple <b>agglo</b>',
        kind: 'intercommunalité',
        branding: { primaryColor: '#ffd700', greeting: { fr: 'Une question ?', en: 'A question?' } },
        widget: { allowedOrigins: [SITE, 'https://x.fr;script-src:*'] },
      }),
    ],
    base,
  );
  server = restify.createServer();
  mountWidget(server, { territories, publicDir: dir, locale: 'fr' });
  await listen(server, port);
});

afterAll(async () => {
  if (server) await new Promise<void>((r) => server.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

/** Raw GET (fetch would decompress and hide Content-Encoding). */
function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function configOf(html: string): Record<string, unknown> {
  return JSON.parse(/id="pasapas-config">([^<]*)</.exec(html)?.[1] ?? 'null') as Record<string, unknown>;
}

describe('widget routes', () => {
  it('is found by the tests\' route check (so a test never mounts it twice)', () => {
    expect(hasGetRoute(server, '/widget.js')).toBe(true);
    expect(hasGetRoute(server, '/nope')).toBe(false);
  });

  it('serves the loader with a short public cache, gzip and an ETag', async () => {
    const plain = await get('/widget.js');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(plain.headers['cache-control']).toBe('public, max-age=300');
    expect(plain.body.toString()).toContain('pasapas:close');
    const gz = await get('/widget.js', { 'accept-encoding': 'gzip, br' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    const again = await get('/widget.js', { 'if-none-match': String(plain.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('serves only the two frame assets under /static', async () => {
    const js = await get('/static/chat.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('application/javascript; charset=utf-8');
    const css = await get('/static/chat-style.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    for (const p of ['/static/widget.js', '/static/..%2F..%2Fpackage.json', '/static/constructor', '/static/__proto__', '/static/chat.js.map']) {
      expect((await get(p)).status).toBe(404);
    }
  });

  it('serves the chat frame with its CSP and honours only allowed parents', async () => {
    const r = await get(`/chat?territory=exemple&embed=1&parent=${encodeURIComponent(SITE)}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; connect-src 'self' ws: wss:; " +
        `frame-ancestors 'self' ${SITE}; base-uri 'none'; form-action 'none'`,
    );
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    const html = r.body.toString();
    expect(html).toContain('<h1>Exemple &#60;b&#62;agglo&#60;/b&#62;</h1>');
    const cfg = configOf(html);
    expect(cfg.parentOrigin).toBe(SITE);
    expect(cfg.embed).toBe(true);
    expect(cfg.apiBase).toBe('/v3/directline');
    expect(cfg.territory).toEqual({ id: 'exemple', name: 'Exemple <b>agglo</b>', primaryColor: '#ffd700', greeting: { fr: 'Une question ?', en: 'A question?' } });

    for (const parent of ['https://evil.example', 'https://www.territoire-exemple.fr.evil.example', `${SITE}/page`, 'null', '*']) {
      const other = await get(`/chat?territory=exemple&embed=1&parent=${encodeURIComponent(parent)}`);
      expect(configOf(other.body.toString()).parentOrigin).toBeNull();
      expect(other.body.toString()).not.toContain('id="pp-close"');
    }
    expect(configOf((await get(`/chat?territory=demo&embed=1&parent=${encodeURIComponent(base)}`)).body.toString()).parentOrigin).toBe(base);
    const full = await get('/chat?territory=demo');
    expect(configOf(full.body.toString())).toMatchObject({ parentOrigin: null, embed: false, locale: 'fr' });
    expect(full.headers['content-security-policy']).toContain("frame-ancestors 'self' " + base + ';');
  });

  it('answers a kind French 404 page for an unknown territory', async () => {
    for (const p of ['/chat?territory=inconnu', '/chat']) {
      const r = await get(p);
      expect(r.status).toBe(404);
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(r.body.toString()).toContain('Cette aide n&#39;existe pas');
    }
  });

  it('gives the loader its config, readable by the territory sites only', async () => {
    const ok = await get('/widget/config?territory=exemple', { origin: SITE });
    expect(ok.status).toBe(200);
    expect(ok.headers['access-control-allow-origin']).toBe(SITE);
    expect(JSON.parse(ok.body.toString())).toMatchObject({ name: 'Exemple <b>agglo</b>', color: '#ffd700', text: '#000000', label: 'Une question ?' });
    const en = JSON.parse((await get('/widget/config?territory=exemple&lang=en', { origin: SITE })).body.toString());
    expect(en.label).toBe('A question?');
    const demo = JSON.parse((await get('/widget/config?territory=demo', { origin: base })).body.toString());
    expect(demo).toMatchObject({ color: '#000091', text: '#ffffff', title: 'Pas à pas — aide aux démarches' });
    const foreign = await get('/widget/config?territory=exemple', { origin: 'https://evil.example' });
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    expect((await get('/widget/config?territory=nope', { origin: SITE })).status).toBe(404);
  });

  it('serves the demo territory website with its CSP', async () => {
    const r = await get('/');
    expect(r.status).toBe(200);
    const html = r.body.toString();
    const nonce = /<style nonce="([^"]+)">/.exec(html)?.[1];
    expect(nonce).toBeTruthy();
    expect(html).toContain(`<script nonce="${nonce}" src="${base}/widget.js" data-territory="demo" async></script>`);
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain(`script-src 'self' ${base}`);
    expect(csp).toContain(`frame-src 'self' ${base}`);
    expect(csp).toContain(`style-src 'nonce-${nonce}'`);
    expect((await get('/')).body.toString()).not.toContain(`nonce="${nonce}"`);
  });
});
