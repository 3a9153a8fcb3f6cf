/**
 * A call to a messaging provider's API (src/channels/webhook/provider.ts), against a loopback server: a connection
 * the provider dropped (a kept-alive one it closed while we were idle) is tried again at once, even with no
 * retries asked (the outbox's own backoff would send that SMS after the ones behind it); a refusal is not.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callProvider, ProviderError } from '../../src/channels/webhook/provider';

describe('callProvider', () => {
  let server: Server;
  let url = '';
  let calls = 0;
  let dropFirst = 0;
  let status = 200;
  beforeAll(async () => {
    server = createServer((req, res) => {
      calls += 1;
      if (dropFirst > 0) {
        dropFirst -= 1;
        req.socket.destroy(); // no answer: the connection is gone
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: status === 200 }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jobs`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    calls = 0;
    dropFirst = 0;
    status = 200;
  });

  it('a dropped connection is tried again at once, once, even with no retries asked', async () => {
    dropFirst = 1;
    await expect(callProvider({ provider: 'ovh', url, headers: {}, body: '{}', retries: 0 })).resolves.toEqual({ ok: true });
    expect(calls).toBe(2);
  });

  it('twice dropped with no retries asked: the error says a network failure (the outbox retries it later)', async () => {
    dropFirst = 2;
    await expect(callProvider({ provider: 'ovh', url, headers: {}, body: '{}', retries: 0 })).rejects.toMatchObject({ status: 0 });
    expect(calls).toBe(2);
  });

  it('a refusal is not tried again', async () => {
    status = 403;
    await expect(callProvider({ provider: 'ovh', url, headers: {}, body: '{}', retries: 2 })).rejects.toBeInstanceOf(ProviderError);
    expect(calls).toBe(1);
  });
});
