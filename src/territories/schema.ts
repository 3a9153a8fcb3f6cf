/**
 * A territory (région, département, métropole, intercommunalité) that runs Pas à pas: one YAML
 * file per territory in config/territories/ (`<id>.yaml`). This zod schema is the single source
 * of truth: `pasapas schema --territories` turns it into config/territories/territory.schema.json
 * for editors, and `pasapas validate` reports every problem as `file: path: message`.
 * docs/territories.md explains every field.
 */
import { z } from 'zod';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import { LocalizedText } from '../i18n/localized';
import { Hours, TIMEZONE } from './hours';
import { COMMUNE_RE, DEPARTEMENT_RE, POSTAL_CODE_RE, departementOfPostalCode } from './codes';

/** A value as an author reads it in a message: `"330"`, `the number 33`, `a list`, `nothing`. */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping (key: value)';
  return typeof value;
}

const Origin = z
  .string()
  .refine((s) => s === '$PUBLIC_BASE_URL' || /^https?:\/\/[^/\s]+$/.test(s), {
    error: (iss) => `${shown(iss.input)} is not an origin: expected scheme://host[:port], no path nor trailing slash (e.g. "https://www.gironde.fr")`,
  });

const Departement = z.string().regex(DEPARTEMENT_RE, {
  error: (iss) =>
    iss.input === '20'
      ? '"20" is not a département code since 1976: Corsica is "2A" (Corse-du-Sud) and "2B" (Haute-Corse)'
      : `${shown(iss.input)} is not a département code: expected an INSEE code "01"–"95", "2A", "2B" or "971"–"976"`,
});

const Commune = z.string().regex(COMMUNE_RE, {
  error: (iss) => `${shown(iss.input)} is not an INSEE commune code: expected the département code and 3 digits, e.g. "37261" (Tours), "2A004" (Ajaccio)`,
});

const PostalCode = z
  .string()
  .regex(POSTAL_CODE_RE, { abort: true, error: (iss) => `${shown(iss.input)} is not a postal code: expected 5 digits, e.g. "31320"` })
  .refine((s) => departementOfPostalCode(s) !== undefined, {
    error: (iss) => `${shown(iss.input)} is not a French postal code: it belongs to no département`,
  });

/** "+33757000001": "+", country code, number; valid for its country (libphonenumber-js, full metadata). */
export function isE164(s: string): boolean {
  return /^\+[1-9]\d{6,14}$/.test(s) && isValidPhoneNumber(s);
}

const E164 = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, {
    abort: true,
    error: (iss) => `${shown(iss.input)} is not a phone number in E.164 format: expected "+", the country code and the number, no spaces (e.g. "+33757000001")`,
  })
  .refine(isE164, { error: (iss) => `${shown(iss.input)} is not a valid number for its country (libphonenumber-js): check the digits` });

const Credentials = z
  .string()
  .regex(/^[A-Z0-9_]{1,40}$/, {
    error: (iss) => `${shown(iss.input)} is not a credential set name: expected upper-case letters, digits and "_" (e.g. "CVL" for TWILIO_AUTH_TOKEN_CVL)`,
  })
  .optional()
  .describe('Name of an environment credential set, e.g. "CVL" → TWILIO_ACCOUNT_SID_CVL, TWILIO_AUTH_TOKEN_CVL. Absent: the default credentials.');

const Coverage = z
  .object({
    departements: z.array(Departement).default([]).describe('INSEE département codes covered: "01"–"95", "2A", "2B", "971"–"976".'),
    communes: z
      .array(Commune)
      .default([])
      .describe('INSEE commune codes, for a territory smaller than a département (e.g. "37261" Tours). Routing by postal code uses them only with a postal-code index; list postalCodes too.'),
    postalCodes: z.array(PostalCode).default([]).describe('Postal codes covered, for a territory smaller than a département (e.g. "31670").'),
  })
  .strict();
const COVERAGE_DOC = 'What the territory covers: a citizen\'s postal code is routed to the most specific territory (postal code or commune, then département).';

const Channels = z
  .object({
    sms: z
      .object({
        numbers: z.array(E164).min(1).describe('Twilio numbers (E.164) whose incoming SMS belong to this territory.'),
        credentials: Credentials,
        maxSegments: z.number().int().min(1).max(10).optional().describe('Segments per SMS at most (default SMS_MAX_SEGMENTS, 2: 306 GSM-7 or 134 UCS-2 characters).'),
        transliterate: z.boolean().optional().describe('Replace ê, ç, ’… by e, c, \' so every SMS stays in GSM-7 (cheaper; default SMS_TRANSLITERATE, off).'),
      })
      .strict()
      .optional(),
    'sms-ovh': z
      .object({
        numbers: z.array(E164).min(1).describe('OVHcloud virtual numbers (E.164) whose received SMS belong to this territory (docs/sms-operators.md).'),
        credentials: Credentials,
        maxSegments: z.number().int().min(1).max(10).optional().describe('Segments per SMS at most (default SMS_MAX_SEGMENTS, 2).'),
        transliterate: z.boolean().optional().describe('Replace ê, ç, ’… by e, c, \' so every SMS stays in GSM-7 (default SMS_TRANSLITERATE, off).'),
      })
      .strict()
      .optional(),
    'sms-brevo': z
      .object({
        senders: z
          .array(
            z.string().regex(/^(\+\d{6,15}|[A-Za-z][A-Za-z0-9]{2,10})$/, {
              error: (iss) => `${shown(iss.input)} is not a Brevo SMS sender: expected a number in E.164 (+33…) or 3 to 11 letters and digits`,
            }),
          )
          .min(1)
          .describe('Brevo SMS senders (BREVO_SMS_SENDER: a number in E.164, which receives replies, or an alphanumeric name) whose SMS belong to this territory (docs/sms-operators.md, "Brevo").'),
        credentials: Credentials,
        maxSegments: z.number().int().min(1).max(10).optional().describe('Segments per SMS at most (default SMS_MAX_SEGMENTS, 2).'),
        transliterate: z.boolean().optional().describe('Replace ê, ç, ’… by e, c, \' so every SMS stays in GSM-7 (default SMS_TRANSLITERATE, off).'),
      })
      .strict()
      .optional(),
    whatsapp: z
      .object({
        phoneNumberIds: z
          .array(z.string().regex(/^\d{1,32}$/, { error: (iss) => `${shown(iss.input)} is not a WhatsApp phone-number id: expected digits only (the id of the number in the WhatsApp Cloud API, not the number itself)` }))
          .min(1)
          .describe('WhatsApp Cloud API phone-number ids (digits) whose messages belong to this territory.'),
        credentials: Credentials,
      })
      .strict()
      .optional(),
    telegram: z
      .object({
        paths: z
          .array(z.string().regex(/^[a-z0-9-]{2,64}$/, { error: (iss) => `${shown(iss.input)} is not a Telegram path: expected 2–64 lower-case letters, digits or "-" (the :path of POST /api/telegram/:path)` }))
          .min(1)
          .describe('The :path segments of POST /api/telegram/:path that belong to this territory (one per bot).'),
        credentials: Credentials,
      })
      .strict()
      .optional(),
  })
  .strict();
const CHANNELS_DOC = 'Identifiers that route a citizen\'s message to this territory, per channel. All optional.';

export const TERRITORY_KINDS = ['région', 'département', 'métropole', 'intercommunalité', 'démonstration'] as const;

export const Territory = z
  .object({
    $schema: z.string().optional(),
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, { error: (iss) => `${shown(iss.input)} is not an id: expected lower-case letters, digits and "-" (the file name without .yaml)` }),
    name: z.string().min(1).describe('Shown to citizens and mediators, e.g. "Région Centre-Val de Loire".'),
    kind: z.enum(TERRITORY_KINDS),
    coverage: Coverage.default({ departements: [], communes: [], postalCodes: [] }).describe(COVERAGE_DOC),
    channels: Channels.default({}).describe(CHANNELS_DOC),
    timezone: z
      .literal(TIMEZONE, { error: (iss) => `expected "${TIMEZONE}" (the only time zone supported for now), found ${shown(iss.input)}` })
      .default(TIMEZONE)
      .describe('Time zone of the hours. Only Europe/Paris for now.'),
    sms: z
      .object({
        monthlyBudget: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe('SMS segments the territory may send a calendar month (Paris time), all providers together (docs/sms-operators.md, "Monthly SMS budget"). At 80 %: a warning to coordinators; at 100 %: replies continue, reminders stop. Absent: no budget.'),
      })
      .strict()
      .optional()
      .describe('SMS spending, whatever the provider (Twilio, OVHcloud, the links sent during phone calls).'),
    retentionDays: z
      .number()
      .int()
      .min(1)
      .max(365)
      .optional()
      .describe('How long conversation data is kept, in days (1–365); without it, the service-wide STATE_TTL_DAYS.'),
    security: z
      .object({
        require2fa: z
          .boolean()
          .default(false)
          .describe('Every mediator of the territory signs in with a code from an authenticator app (TOTP, RFC 6238), console and API alike; one without it can only enrol until they have it.'),
        proconnect: z
          .boolean()
          .default(false)
          .describe('Mediators may sign in with ProConnect (the State\'s OpenID Connect federation for public agents), matched by e-mail to an account a coordinator created; needs the PROCONNECT_ variables (docs/mediator-api.md, "ProConnect").'),
      })
      .strict()
      .default({ require2fa: false, proconnect: false })
      .describe("The mediators' sign-in (docs/mediator-api.md, \"Two-factor sign-in\")."),
    branding: z
      .object({
        primaryColor: z
          .string()
          .regex(/^#[0-9a-fA-F]{6}$/, { error: (iss) => `${shown(iss.input)} is not a colour: expected "#rrggbb", e.g. "#000091"` })
          .default('#000091'),
        logoUrl: z
          .url({ protocol: /^https?$/, error: (iss) => `${shown(iss.input)} is not a URL: expected an absolute https:// (or http://) address of an image` })
          .optional(),
        greeting: LocalizedText.optional().describe('Shown above the chat, e.g. "Besoin d\'aide pour une démarche ?"'),
      })
      .strict()
      .default({ primaryColor: '#000091' }),
    widget: z
      .object({
        allowedOrigins: z.array(Origin).default([]).describe('Sites allowed to embed the widget; $PUBLIC_BASE_URL = this service.'),
      })
      .strict()
      .default({ allowedOrigins: [] }),
    helpPhone: E164.optional().describe(
      'A phone line where people are helped with online formalities (e.g. the France Services of the département), E.164: offered when the bot does not understand, and to people who cannot read.',
    ),
    voice: z
      .object({
        mediatorLine: E164.optional().describe(
          'A phone line where the territory\'s mediators on duty answer (E.164): a caller who asks for a person, while someone is on duty, is put through to it (TwiML <Dial>; docs/voice.md). Without it: the queue, or a callback.',
        ),
      })
      .strict()
      .optional()
      .describe('Phone calls (Twilio Programmable Voice, docs/voice.md).'),
    bookingUrl: z
      .url({ protocol: /^https$/, error: (iss) => `${shown(iss.input)} is not an https:// URL: expected the territory's booking page (e.g. its RDV Aide Numérique public link)` })
      .optional()
      .describe(
        'Where a citizen books an appointment with a conseiller numérique (e.g. the RDV Aide Numérique public link of the territory\'s organisation, https://www.rdv-aide-numerique.fr/org/<id>): offered first when nobody can answer.',
      ),
    privacyUrl: z
      .url({ protocol: /^https$/, error: (iss) => `${shown(iss.input)} is not an https:// URL: expected the absolute https:// address of the territory's privacy page` })
      .optional().describe('The territory\'s privacy page (https).'),
    hours: z
      .string()
      .default('24/7')
      .superRefine((spec, ctx) => {
        const problem = Hours.validate(spec);
        if (problem) ctx.addIssue({ code: 'custom', message: `opening_hours: ${problem}` });
      })
      .describe('When mediators answer, in OSM opening_hours syntax (Europe/Paris, French public holidays), e.g. "Mo-Fr 09:00-12:00,14:00-17:00; PH off".'),
    handoff: z
      .object({
        mode: z.enum(['queue', 'botframework']).default('queue').describe('Our queue, or Bot Framework handoff events to an external agent hub.'),
        maxWaitMinutes: z.number().int().min(1).max(240).default(20),
        leaseSeconds: z.number().int().min(15).max(600).default(90),
      })
      .strict()
      .default({ mode: 'queue', maxWaitMinutes: 20, leaseSeconds: 90 }),
  })
  .strict();
export type Territory = z.infer<typeof Territory>;
export type TerritoryInput = z.input<typeof Territory>;

function expectedName(expected: string): string {
  const names: Record<string, string> = { object: 'a mapping (key: value)', array: 'a list', int: 'a whole number', number: 'a number', string: 'a string' };
  return names[expected] ?? expected;
}

/**
 * Messages for the generic issues (wrong type, value not in a list, out of range) that say what
 * was expected and what was found. Field-specific messages above take precedence.
 */
export const territoryErrorMap: z.core.$ZodErrorMap = (iss) => {
  const input = iss.input;
  switch (iss.code) {
    case 'invalid_type':
      if (input === undefined) return `required: expected ${expectedName(iss.expected)}`;
      if (iss.expected === 'string' && typeof input === 'number') {
        return `expected a string, found ${shown(input)}: write it in quotes (YAML reads 01200 as the number 1200)`;
      }
      return `expected ${expectedName(iss.expected)}, found ${shown(input)}`;
    case 'invalid_value':
      return `${input === undefined ? 'required: ' : ''}expected ${iss.values.length > 1 ? 'one of ' : ''}${iss.values.map((v) => JSON.stringify(v)).join(', ')}${input === undefined ? '' : `; found ${shown(input)}`}`;
    case 'too_small':
      if (iss.origin === 'array') return `expected at least ${String(iss.minimum)} item(s), found ${Array.isArray(input) ? input.length : 0}`;
      if (iss.origin === 'string') return `expected at least ${String(iss.minimum)} character(s), found ${shown(input)}`;
      return `expected a number ${iss.inclusive ? '≥' : '>'} ${String(iss.minimum)}, found ${shown(input)}`;
    case 'too_big':
      if (iss.origin === 'array') return `expected at most ${String(iss.maximum)} item(s), found ${Array.isArray(input) ? input.length : 0}`;
      if (iss.origin === 'string') return `expected at most ${String(iss.maximum)} character(s), found ${shown(input)}`;
      return `expected a number ${iss.inclusive ? '≤' : '<'} ${String(iss.maximum)}, found ${shown(input)}`;
    default:
      return undefined;
  }
};

/** JSON Schema of a territory file, for editors (committed as config/territories/territory.schema.json). */
export function territoryJsonSchema(): unknown {
  return z.toJSONSchema(Territory, { io: 'input', unrepresentable: 'any' });
}
