/**
 * `pasapas rdv-links`: RDV Service Public's public_links (API v1, no agent account) against a local fake
 * replaying the documented example of betagouv/rdv-service-public swagger/v1/api.json (commit 2693798,
 * 2024-10-24): the links printed, 429 + Retry-After waited for, 404 for an unknown territory said plainly.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { runRdvLinks } from '../../src/places/import/rdvLinks';

const EXAMPLE = readFileSync(join(__dirname, 'fixtures', 'rdv', 'public-links-CN.json'));
let server: Server;
let base = '';
const seen: string[] = [];
let throttleOnce = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://fake');
    if (throttleOnce) {
      throttleOnce = false;
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '3' });
      res.end('{"errors":["Limite d\'appels API atteinte. Merci de patienter.\\n"]}');
      return;
    }
    if (url.pathname !== '/api/v1/public_links') {
      res.writeHead(404);
      res.end();
      return;
    }
    if (url.searchParams.get('territory') !== 'CN') {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"not_found":"territory"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(EXAMPLE);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  const closed = new Promise<void>((r) => server.close(() => r()));
  server.closeAllConnections();
  await closed;
});

function sink(): Writable & { text: string } {
  const w = new Writable({ write: (c, _e, done) => ((w.text += String(c)), done()) }) as Writable & { text: string };
  w.text = '';
  return w;
}

test('the conseillers numériques\' public links, one per line, after waiting the Retry-After of a 429', async () => {
  const [o, e] = [sink(), sink()];
  const slept: number[] = [];
  throttleOnce = true;
  expect(await runRdvLinks(['CN'], base, o, e, { sleep: async (ms) => void slept.push(ms) })).toBe(0);
  expect(slept).toEqual([3000]);
  expect(seen.at(-1)).toBe('/api/v1/public_links?territory=CN');
  expect(o.text).toBe(
    'ext_id_A\thttp://www.rdv-aide-numerique-test.localhost/org/297\n' +
      'ext_id_B\thttp://www.rdv-aide-numerique-test.localhost/org/298\n' +
      'ext_id_C\thttp://www.rdv-aide-numerique-test.localhost/org/299\n',
  );
});

test('an unknown territory (404) and a bad argument are said plainly', async () => {
  const [o, e] = [sink(), sink()];
  expect(await runRdvLinks(['23'], base, o, e, { sleep: async () => undefined })).toBe(1);
  expect(e.text).toBe('rdv-links: territory 23 is not on RDV Service Public (404)\n');
  expect(await runRdvLinks(['creuse'], base, o, e)).toBe(2);
  expect(e.text).toContain('give a département number (23, 2A, 974) or CN');
});
