/**
 * Brevo SMS configuration (CHANNEL_ENV's all-or-none sets): off by default, on only when complete, production
 * refusing half a set with the names of what is missing, precise messages for bad values.
 */
import { loadConfig } from '../../src/config';
import { PROD_ENV } from '../helpers/prodEnv';

const FULL = {
  BREVO_API_KEY: `xkeysib-${'0a1b2c3d'.repeat(8)}-TestKey0123456789`,
  BREVO_SMS_SENDER: '+33757000300',
  BREVO_WEBHOOK_SECRET: 'brevo-webhook-secret-for-tests-0123',
};
const PROD = PROD_ENV;

describe('Brevo SMS configuration', () => {
  it('is off without any BREVO_ variable, with Brevo’s API and its outbox defaults', () => {
    const r = loadConfig({});
    if (!r.ok) throw new Error(r.errors.join());
    expect(r.config.brevoSms).toEqual({ default: undefined, named: {}, apiBaseUrl: 'https://api.brevo.com/v3', outbox: { perSecond: 10, maxAttempts: 5, backoffMs: 2000 } });
  });

  it('reads a complete service-wide set and a territory set with its allow-list and an alphanumeric sender', () => {
    const r = loadConfig({
      ...PROD,
      ...FULL,
      BREVO_API_KEY_CVL: FULL.BREVO_API_KEY,
      BREVO_SMS_SENDER_CVL: 'PasAPasCVL',
      BREVO_WEBHOOK_SECRET_CVL: 'cvl-brevo-webhook-secret-0123456789',
      BREVO_ALLOWED_IPS_CVL: '1.179.112.0/20, 172.246.240.0/20',
      BREVO_SMS_PER_SECOND: '5',
    });
    if (!r.ok) throw new Error(r.errors.join());
    expect(r.config.brevoSms.default).toEqual({ apiKey: FULL.BREVO_API_KEY, sender: '+33757000300', webhookSecret: FULL.BREVO_WEBHOOK_SECRET, allowedIps: [] });
    expect(r.config.brevoSms.named.CVL).toMatchObject({ sender: 'PasAPasCVL', allowedIps: ['1.179.112.0/20', '172.246.240.0/20'] });
    expect(r.config.brevoSms.outbox.perSecond).toBe(5);
  });

  it('production refuses a half-configured set, naming what is missing', () => {
    const r = loadConfig({ ...PROD, BREVO_API_KEY: FULL.BREVO_API_KEY, BREVO_WEBHOOK_SECRET_CVL: FULL.BREVO_WEBHOOK_SECRET });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toContain('BREVO_SMS_SENDER, BREVO_WEBHOOK_SECRET: required for Brevo SMS (the other BREVO_ variables are set)');
    expect(r.errors).toContain('BREVO_API_KEY_CVL, BREVO_SMS_SENDER_CVL: required for Brevo SMS (the other BREVO_ variables of set CVL are set)');
  });

  it('outside production a half set warns and stays off; an allow-list alone is half a set', () => {
    const r = loadConfig({ BREVO_ALLOWED_IPS: '1.179.112.0/20' });
    if (!r.ok) throw new Error(r.errors.join());
    expect(r.config.brevoSms.default).toBeUndefined();
    expect(r.config.warnings).toContain('BREVO_API_KEY, BREVO_SMS_SENDER, BREVO_WEBHOOK_SECRET: required for Brevo SMS (the other BREVO_ variables are set); Brevo SMS stays disabled');
  });

  it('says precisely what is wrong with a value', () => {
    const r = loadConfig({ ...FULL, BREVO_API_KEY: 'my-key', BREVO_SMS_SENDER_CVL: 'Pas à pas', BREVO_WEBHOOK_SECRET: 'short' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toContain('BREVO_API_KEY: a Brevo API v3 key, xkeysib-… (SMTP & API settings, "API keys")');
    expect(r.errors).toContain('BREVO_WEBHOOK_SECRET: 24 to 128 letters, digits, _ or - (it is part of the webhook URL)');
    expect(r.errors).toContain(
      'BREVO_SMS_SENDER_CVL: the sender: a number in E.164 (+33…, needed to receive replies) or 3 to 11 letters and digits starting with a letter',
    );
  });

  it('refuses an allow-list entry that is not an address', () => {
    const r = loadConfig({ ...PROD, ...FULL, BREVO_ALLOWED_IPS: '1.179.112.0/20, brevo.com' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toContain('BREVO_ALLOWED_IPS: "brevo.com" is not an IPv4 address, an IPv4 range (a.b.c.d/nn) or an IPv6 address');
  });

  it('OVHcloud and Brevo sets live in the same table: both on together, each with its own set', () => {
    const r = loadConfig({
      ...FULL,
      OVH_APPLICATION_KEY: 'ovhAppKeyForTests1',
      OVH_APPLICATION_SECRET: 'ovhAppSecretForTests0123456789ab',
      OVH_CONSUMER_KEY: 'ovhConsumerKeyForTests0123456789',
      OVH_SMS_SERVICE_NAME: 'sms-ab12345-1',
      OVH_SMS_NUMBER: '+33700000001',
      OVH_CALLBACK_SECRET: 'ovh-callback-secret-for-tests-0123',
    });
    if (!r.ok) throw new Error(r.errors.join());
    expect(r.config.ovhSms.default?.number).toBe('+33700000001');
    expect(r.config.brevoSms.default?.sender).toBe('+33757000300');
    expect(r.config.warnings).toEqual([]);
  });
});
