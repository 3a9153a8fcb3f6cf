/**
 * The SMS webhook reads a well-formed form without its zod schema (src/channels/sms/route.ts `wellFormed`): on any
 * form, what it accepts is what the schema gives, and what it turns down the schema turns down or reads the same.
 */
import fc from 'fast-check';
import { Fields, wellFormed } from '../../src/channels/sms/route';

const name = fc.constantFrom('MessageSid', 'From', 'To', 'Body', 'NumMedia', 'AccountSid', 'MediaUrl0');
const value = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('SM0123456789abcdef', 'SMabc', '+33612345678', '33600000001', '+33', '', ' 3 ', '1e0', '0x2', '2.5', '-1', '11', '10', 'NaN', '0'),
  fc.integer({ min: -3, max: 14 }).map(String),
  fc.string({ minLength: 4990, maxLength: 5010 }),
);
const form = fc.array(fc.tuple(name, value), { maxLength: 9 });
const good = fc.record({ sid: fc.constantFrom('SM0123456789abcdef', 'MM00000000001'), from: fc.constantFrom('+33612345678', 'abc'), to: fc.constantFrom('+33757000999', '123') });

describe('SMS webhook fields', () => {
  it('the fast reading agrees with the schema on any form', () => {
    const check = (params: Array<[string, string]>) => {
      const quick = wellFormed(params);
      const full = Fields.safeParse(Object.fromEntries(params));
      if (quick) expect(full.success && full.data).toEqual(quick);
    };
    fc.assert(fc.property(form, check), { numRuns: 1000 });
    fc.assert(fc.property(good, form, (g, rest) => check([['MessageSid', g.sid], ['From', g.from], ['To', g.to], ...rest])), { numRuns: 1000 });
  });

  it('reads an ordinary webhook without the schema', () => {
    expect(wellFormed([['MessageSid', 'SM0123456789abcdef'], ['From', '+33612345678'], ['To', '+33757000999'], ['Body', 'Bonjour'], ['NumMedia', '0']])).toEqual({
      MessageSid: 'SM0123456789abcdef', From: '+33612345678', To: '+33757000999', Body: 'Bonjour', NumMedia: 0,
    });
    expect(wellFormed([['MessageSid', 'SM0123456789abcdef'], ['From', '+33612345678'], ['To', '+33757000999']])).toEqual({
      MessageSid: 'SM0123456789abcdef', From: '+33612345678', To: '+33757000999', Body: '', NumMedia: 0,
    });
  });
});
