/** OVHcloud SMS configuration: off by default, on only when complete, production refusing half a set. */
import { loadConfig } from '../../src/config';
import { PROD_ENV } from '../helpers/prodEnv';

const FULL = {
  OVH_APPLICATION_KEY: 'ovhAppKeyForTests1',
  OVH_APPLICATION_SECRET: 'ovhAppSecretForTests0123456789ab',
  OVH_CONSUMER_KEY: 'ovhConsumerKeyForTests0123456789',
  OVH_SMS_SERVICE_NAME: 'sms-ab12345-1',
  OVH_SMS_NUMBER: '+33700000001',
  OVH_CALLBACK_SECRET: 'ovh-callback-secret-for-tests-0123',
};
const PROD = PROD_ENV;

describe('OVHcloud SMS configuration', () => {
  it('is off without any OVH_ variable', () => {
    const r = loadConfig({});
    if (!r.ok) throw new Error(r.errors.join());
    expect(r.config.ovhSms.default).toBeUndefined();
    expect(r.config.ovhSms.named).toEqual({});
    expect(r.config.ovhSms.apiBaseUrl).toBe('https://eu.api.ovh.com/1.0');
  });

  it('reads a complete service-wide set and a territory set with its allow-list', () => {
    const named = Object.fromEntries(Object.entries(FULL).map(([k, v]) => [`${k}_CVL`, k === 'OVH_SMS_NUMBER' ? '+33700000002' : v]));
    const r = loadConfig({ ...PROD, ...FULL, ...named, OVH_ALLOWED_IPS_CVL: '203.0.113.0/24, 198.51.100.7' });
    if (!r.ok) throw new Error(r.errors.join());
    expect(r.config.ovhSms.default).toMatchObject({ serviceName: 'sms-ab12345-1', number: '+33700000001', allowedIps: [] });
    expect(r.config.ovhSms.named.CVL).toMatchObject({ number: '+33700000002', allowedIps: ['203.0.113.0/24', '198.51.100.7'] });
  });

  it('production refuses a half-configured set, naming what is missing', () => {
    const r = loadConfig({ ...PROD, OVH_APPLICATION_KEY: FULL.OVH_APPLICATION_KEY, OVH_CALLBACK_SECRET_CVL: FULL.OVH_CALLBACK_SECRET });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toContain(
      'OVH_APPLICATION_SECRET, OVH_CONSUMER_KEY, OVH_SMS_SERVICE_NAME, OVH_SMS_NUMBER, OVH_CALLBACK_SECRET: required for OVHcloud SMS (the other OVH_ variables are set)',
    );
    expect(r.errors.some((e) => e.startsWith('OVH_APPLICATION_KEY_CVL, OVH_APPLICATION_SECRET_CVL'))).toBe(true);
  });

  it('outside production a half set warns and stays off', () => {
    const r = loadConfig({ OVH_APPLICATION_KEY: FULL.OVH_APPLICATION_KEY });
    if (!r.ok) throw new Error(r.errors.join());
    expect(r.config.ovhSms.default).toBeUndefined();
    expect(r.config.warnings.some((w) => w.includes('OVHcloud SMS stays disabled'))).toBe(true);
  });

  it('says precisely what is wrong with a value', () => {
    const r = loadConfig({ ...FULL, OVH_SMS_SERVICE_NAME: 'ab12345', OVH_SMS_NUMBER_CVL: '0700000001' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toContain('OVH_SMS_SERVICE_NAME: the SMS account, like sms-ab12345-1');
    expect(r.errors).toContain('OVH_SMS_NUMBER_CVL: the virtual number in E.164, like +33700000000');
  });

  it('refuses an allow-list entry that is not an address', () => {
    const r = loadConfig({ ...PROD, ...FULL, OVH_ALLOWED_IPS: '203.0.113.0/24, ovh.net' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toContain('OVH_ALLOWED_IPS: "ovh.net" is not an IPv4 address, an IPv4 range (a.b.c.d/nn) or an IPv6 address');
  });
});
