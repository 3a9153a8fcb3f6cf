/**
 * Slow clients cannot hold connections (security review #10, finding 10): a client that sends its headers, or a
 * webhook body, a byte at a time gets 408 and its connection closed within the configured limits — here small
 * ones (headers 600 ms, whole request 1.2 s, webhook body 400 ms) so the test is quick; the defaults are 20 s,
 * 30 s and 10 s. Measured with a raw socket, as an attacker would do it.
 */
import { connect, type Socket } from 'node:net';
import { startChannels, type ChannelHarness } from '../helpers/channels';

interface Outcome {
  /** What the server wrote back. */
  received: string;
  /** Milliseconds from the first byte sent to the connection closed by the server. */
  closedAfterMs: number;
}

/**
 * Send `head` at once, then `trickle` one byte every `everyMs`, until the server closes the connection or
 * `giveUpMs` passes (then the outcome says the connection was still open: closedAfterMs = Infinity).
 */
function slowRequest(port: number, head: string, trickle: string, everyMs: number, giveUpMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket: Socket = connect(port, '127.0.0.1');
    let received = '';
    let i = 0;
    let timer: NodeJS.Timeout | undefined;
    const finish = (closedAfterMs: number) => {
      clearInterval(timer);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ received, closedAfterMs });
    };
    const giveUp = setTimeout(() => finish(Infinity), giveUpMs);
    socket.on('data', (d) => (received += d.toString('latin1')));
    socket.on('error', () => undefined); // a reset after the 408 is a close too
    socket.on('close', () => finish(Date.now() - started));
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (socket.destroyed || socket.writableEnded) return;
        socket.write(trickle[i % trickle.length]);
        i += 1;
      }, everyMs);
    });
  });
}

describe('slow clients get 408 and their connection closed, in bounded time', () => {
  let h: ChannelHarness;
  let port: number;
  beforeAll(async () => {
    h = await startChannels({ env: { HTTP_HEADERS_TIMEOUT_MS: '600', HTTP_REQUEST_TIMEOUT_MS: '1200', WEBHOOK_BODY_TIMEOUT_MS: '400' } });
    port = Number(new URL(h.base).port);
  });
  afterAll(async () => {
    await h.close();
  });

  test('headers sent a byte at a time: 408 after the headers limit (not after a minute)', async () => {
    const r = await slowRequest(port, 'GET /healthz HTTP/1.1\r\n', 'X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n', 50, 8000);
    expect(r.received).toMatch(/^HTTP\/1\.1 408/);
    expect(r.closedAfterMs).toBeGreaterThanOrEqual(500);
    expect(r.closedAfterMs).toBeLessThan(3000);
  });

  test('an SMS webhook body sent a byte at a time, before its signature can be checked: 408 after the body deadline', async () => {
    const body = 'MessageSid=SM0123456789&From=%2B33600000001&To=%2B33757000000&Body=bonjour';
    const head =
      'POST /api/sms/twilio HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
      `X-Twilio-Signature: c2lnbmF0dXJl\r\nContent-Length: ${body.length}\r\n\r\n`;
    const r = await slowRequest(port, head, body, 100, 8000);
    expect(r.received).toMatch(/^HTTP\/1\.1 408/);
    expect(r.received).toMatch(/RequestTimeout/);
    expect(r.closedAfterMs).toBeLessThan(1100); // the 400 ms body deadline, before the 1.2 s request limit
  });

  test('a WhatsApp webhook body sent a byte at a time: 408 after the body deadline', async () => {
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });
    const head =
      'POST /api/whatsapp HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      `X-Hub-Signature-256: sha256=00\r\nContent-Length: ${body.length}\r\n\r\n`;
    const r = await slowRequest(port, head, body, 100, 8000);
    expect(r.received).toMatch(/^HTTP\/1\.1 408/);
    expect(r.closedAfterMs).toBeLessThan(1100);
  });

  test('any other route: a body sent a byte at a time is cut at the whole-request limit', async () => {
    const body = JSON.stringify({ text: 'bonjour, je voudrais de l’aide pour mes impôts' });
    const head =
      'POST /api/chat/conversations/slow/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n`;
    const r = await slowRequest(port, head, body, 100, 8000);
    expect(r.received).toMatch(/^HTTP\/1\.1 408/);
    expect(r.closedAfterMs).toBeGreaterThanOrEqual(1000);
    expect(r.closedAfterMs).toBeLessThan(3500);
  });

  test('a normal request is still served, and the server keeps serving after the slow ones', async () => {
    expect((await fetch(`${h.base}/healthz`)).status).toBe(200);
  });
});
