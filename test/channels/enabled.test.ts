/** A channel without its secret is off (404); production refuses a webhook without its secret. */
import { loadConfig } from '../../src/config';
import { startTestApp } from '../helpers/app';
import type { AddressInfo } from 'node:net';

describe('messaging channels switched by their secrets', () => {
  it('answers 404 on every messaging route when no secret is configured', async () => {
    const ta = await startTestApp();
    await new Promise<void>((r) => ta.app.server.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(ta.app.server.address() as AddressInfo).port}`;
    try {
      for (const path of ['/api/sms/twilio', '/api/whatsapp', '/api/telegram/pasapas', '/api/voice/twilio']) {
        const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
        expect(res.status).toBe(404);
      }
      expect(ta.app.messaging.sms).toBeUndefined();
    } finally {
      await ta.close();
    }
  });

  const prod = { NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6379', PUBLIC_BASE_URL: 'https://pasapas.example.org', DIRECTLINE_TOKEN_SECRET: 'x'.repeat(32), CONTACT_HASH_SECRET: 'c'.repeat(32) };

  it('production refuses a Telegram bot without its secret token, a Twilio account without its auth token', () => {
    const r = loadConfig({ ...prod, TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ', TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`, WHATSAPP_ACCESS_TOKEN: 'a'.repeat(20), TWILIO_ACCOUNT_SID_CVL: `AC${'1'.repeat(32)}` });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.join('\n')).toMatch(/TELEGRAM_SECRET_TOKEN: required/);
    expect(r.errors.join('\n')).toMatch(/TWILIO_AUTH_TOKEN: required/);
    expect(r.errors.join('\n')).toMatch(/WHATSAPP_APP_SECRET: required/);
    expect(r.errors.join('\n')).toMatch(/TWILIO_AUTH_TOKEN_CVL: required/);
  });

  it('phone calls: TWILIO_VOICE without a Twilio auth token is refused in production, off with a warning elsewhere', () => {
    const r = loadConfig({ ...prod, TWILIO_VOICE: 'true' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual(['TWILIO_VOICE: needs TWILIO_AUTH_TOKEN (calls are signed like SMS)']);
    const dev = loadConfig({ TWILIO_VOICE: 'true' });
    expect(dev.ok && dev.config.voice.default).toBeUndefined();
    expect(dev.ok && dev.config.warnings).toContain('TWILIO_VOICE: needs TWILIO_AUTH_TOKEN (calls are signed like SMS); phone calls stay off');
    // With SMS on but TWILIO_VOICE unset, calls stay off.
    const sms = loadConfig({ TWILIO_AUTH_TOKEN: 'twilio-auth-token-0123456789' });
    expect(sms.ok && sms.config.voice.default).toBeUndefined();
  });

  it('in development the same setup starts with the channel off and a warning', () => {
    const r = loadConfig({ TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.telegram.default).toBeUndefined();
    expect(r.config.warnings.join('\n')).toMatch(/Telegram stays disabled/);
  });

  it('reads per-territory credential sets and checks them like the service-wide ones', () => {
    const ok = loadConfig({ TWILIO_AUTH_TOKEN_CREUSE: 'creuse-token-0123456789', TWILIO_ACCOUNT_SID_CREUSE: `AC${'c'.repeat(32)}` });
    expect(ok.ok && ok.config.sms.named.CREUSE).toEqual({ accountSid: `AC${'c'.repeat(32)}`, authToken: 'creuse-token-0123456789' });
    const bad = loadConfig({ TWILIO_ACCOUNT_SID_CREUSE: 'not-a-sid' });
    expect(!bad.ok && bad.errors.join('\n')).toMatch(/TWILIO_ACCOUNT_SID_CREUSE: AC followed by 32/);
  });
});
