/**
 * The only reader of the environment. One zod schema; every bad variable is listed at once and
 * startup exits non-zero. See the configuration table in README.md.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { channelAccounts, setProblem, type BrevoCredentials, type ChannelEnv, type OvhCredentials, type TelegramCredentials, type TwilioCredentials, type WhatsAppCredentials } from './config/channelCredentials';
import { parseClusterNodes, parseSentinels, type RedisClusterTarget, type RedisSentinelTarget } from './config/redisTargets';
import { DEFAULT_LOCALES, LOG_LEVELS, MICROSOFT_APP_TYPES, NODE_ENVS, type ConfigResult, type OutboxConfig } from './config/types';

// The configuration's types and pure helpers live in src/config/; their names are exported from here as before.
export type { BrevoCredentials, ChannelAccounts, ChannelEnv, OvhCredentials, TelegramCredentials, TwilioCredentials, WhatsAppCredentials } from './config/channelCredentials';
export { parseClusterNodes, parseSentinels } from './config/redisTargets';
export type { RedisClusterTarget, RedisSentinelTarget, RedisTarget } from './config/redisTargets';
export type { Config, ConfigResult, OutboxConfig, ProConnectConfig, SttConfig } from './config/types';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * The environment of each messaging channel, declared once (its MessagingChannelPlugin's `env` points here: config.ts
 * is the only reader of the environment and sits below the channels). For each: the secret that authenticates
 * its webhooks (without it the channel is off), every variable with its check, the credentials a territory
 * may have its own set of (`<VAR>_<NAME>`, mapped to the fields of the credential set), and the service-wide
 * variables that mean nothing without the secret (set without it: an error in production, a warning otherwise).
 * Some providers' sets are all-or-none (`allOrNone`: OVHcloud, Brevo): every credential is required as soon as
 * one is set, except the IP allow-lists, which are read as lists of addresses.
 * A new channel adds its entry here and its section to `Config` (src/config/types.ts; docs/channels.md, "How to add a channel").
 */
export const CHANNEL_ENV = {
  sms: {
    label: 'SMS',
    secret: 'TWILIO_AUTH_TOKEN',
    vars: {
      TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'AC followed by 32 hexadecimal characters').optional(),
      TWILIO_AUTH_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
      TWILIO_API_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.twilio.com'),
      SMS_MAX_SEGMENTS: z.coerce.number().int().min(1).max(10).default(2),
      SMS_TRANSLITERATE: bool.default(false),
    },
    credentials: { TWILIO_ACCOUNT_SID: 'accountSid', TWILIO_AUTH_TOKEN: 'authToken' },
    needSecret: ['TWILIO_ACCOUNT_SID'],
  },
  whatsapp: {
    label: 'WhatsApp',
    secret: 'WHATSAPP_APP_SECRET',
    vars: {
      WHATSAPP_APP_SECRET: z.string().min(16, 'at least 16 characters').optional(),
      WHATSAPP_VERIFY_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
      WHATSAPP_ACCESS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
      WHATSAPP_PHONE_NUMBER_ID: z.string().regex(/^\d{5,20}$/, 'digits').optional(),
      WHATSAPP_API_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://graph.facebook.com/v21.0'),
      WHATSAPP_TEMPLATE: z
        .string()
        .regex(/^[a-z0-9_]{1,512}(:[a-zA-Z_]{2,5})?$/, 'template_name or template_name:language (e.g. pasapas_reponse:fr)')
        .optional(),
    },
    credentials: { WHATSAPP_APP_SECRET: 'appSecret', WHATSAPP_ACCESS_TOKEN: 'accessToken' },
    needSecret: ['WHATSAPP_ACCESS_TOKEN', 'WHATSAPP_VERIFY_TOKEN', 'WHATSAPP_PHONE_NUMBER_ID'],
  },
  telegram: {
    label: 'Telegram',
    secret: 'TELEGRAM_SECRET_TOKEN',
    vars: {
      TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'a bot token like 123456:ABC-DEF…').optional(),
      TELEGRAM_SECRET_TOKEN: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, '16 to 256 characters: letters, digits, _ and -').optional(),
      TELEGRAM_API_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.telegram.org'),
    },
    credentials: { TELEGRAM_BOT_TOKEN: 'botToken', TELEGRAM_SECRET_TOKEN: 'secretToken' },
    needSecret: ['TELEGRAM_BOT_TOKEN'],
  },
  // SMS through OVHcloud (docs/sms-operators.md)
  ovh: {
    label: 'OVHcloud SMS',
    secret: 'OVH_CALLBACK_SECRET',
    vars: {
      OVH_APPLICATION_KEY: z.string().regex(/^[A-Za-z0-9]{8,64}$/, '8 to 64 letters or digits (the application key of https://eu.api.ovh.com/createApp/)').optional(),
      OVH_APPLICATION_SECRET: z.string().regex(/^[A-Za-z0-9]{16,64}$/, '16 to 64 letters or digits (the application secret)').optional(),
      OVH_CONSUMER_KEY: z.string().regex(/^[A-Za-z0-9]{16,64}$/, '16 to 64 letters or digits (the consumer key validated for POST /sms/*)').optional(),
      OVH_SMS_SERVICE_NAME: z.string().regex(/^sms-[a-z0-9]+-\d+$/, 'the SMS account, like sms-ab12345-1').optional(),
      OVH_SMS_NUMBER: z.string().regex(/^\+\d{6,15}$/, 'the virtual number in E.164, like +33700000000').optional(),
      OVH_CALLBACK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{24,128}$/, '24 to 128 letters, digits, _ or - (it is part of the callback URL)').optional(),
      OVH_ALLOWED_IPS: z.string().optional(),
      OVH_API_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://eu.api.ovh.com/1.0'),
      OVH_SMS_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(10),
    },
    credentials: {
      OVH_APPLICATION_KEY: 'applicationKey',
      OVH_APPLICATION_SECRET: 'applicationSecret',
      OVH_CONSUMER_KEY: 'consumerKey',
      OVH_SMS_SERVICE_NAME: 'serviceName',
      OVH_SMS_NUMBER: 'number',
      OVH_CALLBACK_SECRET: 'callbackSecret',
      OVH_ALLOWED_IPS: 'allowedIps',
    },
    needSecret: [],
    allOrNone: { ipLists: ['OVH_ALLOWED_IPS'] },
  },
  // Transactional SMS through Brevo (docs/sms-operators.md, "Brevo")
  brevo: {
    label: 'Brevo SMS',
    secret: 'BREVO_WEBHOOK_SECRET',
    vars: {
      BREVO_API_KEY: z.string().regex(/^xkeysib-[A-Za-z0-9-]{16,200}$/, 'a Brevo API v3 key, xkeysib-… (SMTP & API settings, "API keys")').optional(),
      BREVO_SMS_SENDER: z
        .string()
        .regex(/^(\+\d{6,15}|[A-Za-z][A-Za-z0-9]{2,10})$/, 'the sender: a number in E.164 (+33…, needed to receive replies) or 3 to 11 letters and digits starting with a letter')
        .optional(),
      BREVO_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{24,128}$/, '24 to 128 letters, digits, _ or - (it is part of the webhook URL)').optional(),
      BREVO_ALLOWED_IPS: z.string().optional(),
      BREVO_API_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://api.brevo.com/v3'),
      BREVO_SMS_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(10),
    },
    credentials: { BREVO_API_KEY: 'apiKey', BREVO_SMS_SENDER: 'sender', BREVO_WEBHOOK_SECRET: 'webhookSecret', BREVO_ALLOWED_IPS: 'allowedIps' },
    needSecret: [],
    allOrNone: { ipLists: ['BREVO_ALLOWED_IPS'] },
  },
} as const satisfies Record<string, ChannelEnv>;

export type ChannelEnvId = keyof typeof CHANNEL_ENV;
const CHANNEL_ENV_IDS = Object.keys(CHANNEL_ENV) as ChannelEnvId[];
const channelEnv = (id: ChannelEnvId): ChannelEnv => CHANNEL_ENV[id];

const EnvSchema = z.object({
  ...CHANNEL_ENV.sms.vars,
  ...CHANNEL_ENV.whatsapp.vars,
  ...CHANNEL_ENV.telegram.vars,
  ...CHANNEL_ENV.ovh.vars,
  ...CHANNEL_ENV.brevo.vars,
  NODE_ENV: z.enum(NODE_ENVS).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  DEFAULT_LOCALE: z.enum(DEFAULT_LOCALES).default('fr'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  REDIS_CLUSTER_NODES: z.string().optional(),
  REDIS_SENTINELS: z.string().optional(),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]*$/, 'letters, digits, ":", "_" and "-" only')
    .default('pasapas:'),
  STATE_TTL_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  RESUME_AFTER_MINUTES: z.coerce.number().int().min(1).default(60),
  HTTP_CHANNEL_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx) => {
      const s = v.trim().toLowerCase();
      if (s === 'true' || s === 'yes') return 1;
      if (s === 'false' || s === 'no') return 0;
      if (/^\d{1,2}$/.test(s) && Number(s) <= 10) return Number(s);
      ctx.addIssue({ code: 'custom', message: 'true, false, or the number of reverse proxies in front of the service (0 to 10)' });
      return z.NEVER;
    }),
  WEBCHAT_TOKENS_PER_IP_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).default(60),
  WEBCHAT_MESSAGES_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).default(60),
  WEBCHAT_TYPING_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(500),
  WEBCHAT_SOCKETS_PER_CONVERSATION: z.coerce.number().int().min(0).max(100).default(3),
  WEBCHAT_SOCKETS_PER_IP: z.coerce.number().int().min(0).max(100_000).default(200),
  WEBCHAT_UPLOADS_PER_CONVERSATION_PER_DAY: z.coerce.number().int().min(0).max(10_000).default(10),
  WEBCHAT_UPLOAD_MB_PER_CONVERSATION_PER_DAY: z.coerce.number().int().min(0).max(100_000).default(25),
  WEBCHAT_UPLOADS_PER_IP_PER_DAY: z.coerce.number().int().min(0).max(1_000_000).default(100),
  WEBCHAT_UPLOAD_MB_PER_IP_PER_DAY: z.coerce.number().int().min(0).max(1_000_000).default(200),
  WEBCHAT_UPLOAD_MB_PER_TERRITORY_PER_DAY: z.coerce.number().int().min(0).max(1_000_000).default(300),
  REDIS_MEMORY_WARN_PERCENT: z.coerce.number().int().min(0).max(100).default(80),
  MICROSOFT_APP_ID: z.string().min(1).optional(),
  MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
  MICROSOFT_APP_TENANT_ID: z.string().min(1).optional(),
  MICROSOFT_APP_TYPE: z.enum(MICROSOFT_APP_TYPES).default('MultiTenant'),
  WARMUP_RECOGNIZERS: bool.default(true),
  MEDIATOR_IDLE_TIMEOUT_MINUTES: z.coerce.number().int().min(1).max(720).default(30),
  MEDIATOR_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(168).default(12),
  DEFAULT_TERRITORY: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).default('demo'),
  DIRECTLINE_TOKEN_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  CONTACT_HASH_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  DIRECTLINE_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86400).default(1800),
  DIRECTLINE_REFRESH_GRACE_SECONDS: z.coerce.number().int().min(0).max(86400).default(3600),
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).max(20 * 1024 * 1024).default(5 * 1024 * 1024),
  // The messaging channels' variables: CHANNEL_ENV below.
  // Phone calls (Twilio Programmable Voice, docs/voice.md): on the SMS numbers, with the SMS credentials
  TWILIO_VOICE: bool.default(false),
  // Voice notes (docs/voice.md): an OpenAI-compatible speech-to-text service; off without it
  STT_API_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  STT_API_KEY: z.string().min(8, 'at least 8 characters').optional(),
  STT_MODEL: z.string().min(1).max(200).optional(),
  /** ProConnect sign-in for mediators (docs/mediator-api.md, "ProConnect"): all four or none. */
  PROCONNECT_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  PROCONNECT_CLIENT_ID: z.string().min(1).max(200).optional(),
  PROCONNECT_CLIENT_SECRET: z.string().min(8, 'at least 8 characters').max(500).optional(),
  PROCONNECT_REDIRECT_URL: z.url({ protocol: /^https?$/ }).optional(),
  STT_AUDIO_FORMAT: z.enum(['ogg', 'mp3', 'wav']).default('ogg'),
  STT_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(20_000),
  STT_MAX_SECONDS: z.coerce.number().int().min(5).max(600).default(120),
  STT_MAX_BYTES: z.coerce.number().int().min(10_000).max(25 * 1024 * 1024).default(5 * 1024 * 1024),
  FFMPEG_PATH: z.string().min(1).default('/usr/bin/ffmpeg'),
  // Every SMS outbox (docs/sms-operators.md, "Outbox")
  SMS_OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  SMS_OUTBOX_BACKOFF_MS: z.coerce.number().int().min(100).max(3_600_000).default(2000),
  // Faults (docs/reliability.md)
  WEBHOOK_DEADLINE_MS: z.coerce.number().int().min(100).max(60_000).default(800),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  // Slow clients (docs/reliability.md, "Timeouts")
  HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(20_000),
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  WEBHOOK_BODY_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  // Live help places (docs/places.md, "From the national API")
  PLACES_API_URL: z.url({ protocol: /^https?$/ }).default('https://cartographie.societenumerique.gouv.fr/api/v0'),
  DATA_INCLUSION_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.data.inclusion.beta.gouv.fr/api/v0'),
  DATA_INCLUSION_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  RDV_SERVICE_PUBLIC_URL: z.url({ protocol: /^https?$/ }).default('https://www.rdv-solidarites.fr'),
  PLACES_REFRESH: z
    .string()
    .default('off')
    .transform((v, ctx) => {
      const s = v.trim().toLowerCase();
      const named: Record<string, number> = { off: 0, hourly: 1, daily: 24, weekly: 168 };
      if (s in named) return named[s] * 3_600_000;
      const m = /^(\d{1,4})\s*([hd])$/.exec(s);
      const hours = m ? Number(m[1]) * (m[2] === 'd' ? 24 : 1) : 0;
      if (m && hours >= 1 && hours <= 24 * 90) return hours * 3_600_000;
      ctx.addIssue({ code: 'custom', message: 'off, hourly, daily, weekly, or a period such as 12h or 2d (1 hour to 90 days)' });
      return z.NEVER;
    }),
});

/**
 * A territory may use its own provider accounts: TWILIO_AUTH_TOKEN_CVL=… is credential set "CVL",
 * named by `channels.sms.credentials: CVL` in its file. Same suffix rule for every secret below.
 */
const PER_TERRITORY: readonly string[] = CHANNEL_ENV_IDS.flatMap((id) => Object.keys(channelEnv(id).credentials));
/** `<VAR>_<NAME>` of a per-territory variable (the longest variable name first: none is a prefix of another). */
const PER_TERRITORY_VAR = new RegExp(`^(${[...PER_TERRITORY].sort((a, b) => b.length - a.length).join('|')})_([A-Z0-9_]+)$`);

export type Env = z.infer<typeof EnvSchema>;

/** Parse an environment (process.env by default). Never throws: returns every error found. */
export function loadConfig(source: Record<string, string | undefined> = process.env): ConfigResult {
  const known = Object.keys(EnvSchema.shape);
  const env: Record<string, string> = {};
  for (const key of known) {
    const v = source[key];
    if (v !== undefined && v !== '') env[key] = v;
  }
  const named: Record<string, Record<string, string>> = {};
  const namedErrors: string[] = [];
  for (const [key, value] of Object.entries(source)) {
    const m = PER_TERRITORY_VAR.exec(key);
    if (!m || value === undefined || value === '') continue;
    const base = m[1];
    const check = (EnvSchema.shape as Record<string, z.ZodType>)[base].safeParse(value);
    if (!check.success) namedErrors.push(`${key}: ${check.error.issues[0].message}`);
    else (named[m[2]] ??= {})[base] = value;
  }
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    return {
      ok: false,
      errors: [...parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`), ...namedErrors],
    };
  }
  const e = parsed.data;
  const errors: string[] = [...namedErrors];
  const warnings: string[] = [];
  const production = e.NODE_ENV === 'production';
  let cluster: RedisClusterTarget | undefined;
  if (e.REDIS_CLUSTER_NODES) {
    const c = parseClusterNodes(e.REDIS_CLUSTER_NODES);
    if (c.ok) cluster = c.cluster;
    else errors.push(`REDIS_CLUSTER_NODES: ${c.error}`);
    if (e.REDIS_URL) errors.push('REDIS_CLUSTER_NODES: set REDIS_URL (one server) or REDIS_CLUSTER_NODES (a cluster), not both');
  }
  let sentinel: RedisSentinelTarget | undefined;
  if (e.REDIS_SENTINELS) {
    if (e.REDIS_CLUSTER_NODES) errors.push('REDIS_SENTINELS: set REDIS_SENTINELS (a primary watched by Sentinel) or REDIS_CLUSTER_NODES (a cluster), not both');
    else if (!e.REDIS_URL) errors.push('REDIS_SENTINELS: also set REDIS_URL=redis://[:password@]<Sentinel group name>[/db] (its host is the group name)');
    else {
      const s = parseSentinels(e.REDIS_SENTINELS, e.REDIS_URL);
      if (s.ok) sentinel = s.sentinel;
      else errors.push(`REDIS_SENTINELS: ${s.error}`);
    }
  }
  if (production && !e.REDIS_URL && !e.REDIS_CLUSTER_NODES) {
    errors.push('REDIS_URL: required when NODE_ENV=production (the embedded in-memory mode loses data on restart); or REDIS_CLUSTER_NODES for a Redis Cluster');
  }
  if (production && !e.PUBLIC_BASE_URL) {
    errors.push('PUBLIC_BASE_URL: required when NODE_ENV=production (used for links and webhook signatures)');
  }
  if (e.MICROSOFT_APP_ID && !e.MICROSOFT_APP_PASSWORD && e.MICROSOFT_APP_TYPE !== 'UserAssignedMSI') {
    errors.push('MICROSOFT_APP_PASSWORD: required with MICROSOFT_APP_ID');
  }
  if (e.MICROSOFT_APP_TYPE === 'SingleTenant' && e.MICROSOFT_APP_ID && !e.MICROSOFT_APP_TENANT_ID) {
    errors.push('MICROSOFT_APP_TENANT_ID: required for a SingleTenant app');
  }
  if (e.HTTP_HEADERS_TIMEOUT_MS > e.HTTP_REQUEST_TIMEOUT_MS) {
    errors.push('HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS (the whole request includes its headers)');
  }
  if (production && !e.CONTACT_HASH_SECRET) {
    errors.push('CONTACT_HASH_SECRET: required when NODE_ENV=production (the key of the hashes of citizens\' phone numbers, shared by every instance; see docs/privacy.md)');
  } else if (!e.CONTACT_HASH_SECRET && (e.REDIS_URL || e.REDIS_CLUSTER_NODES)) {
    warnings.push('CONTACT_HASH_SECRET is not set: a random key is used, so after a restart SMS, WhatsApp and Telegram citizens start new conversations (set it: 32 characters or more, the same on every instance)');
  }
  if (production && !e.DIRECTLINE_TOKEN_SECRET) {
    errors.push('DIRECTLINE_TOKEN_SECRET: required when NODE_ENV=production (shared by every instance)');
  }
  // A webhook is never served without the secret that authenticates it.
  const missingSecret = (channel: string, name: string, secret: string | undefined, others: Array<string | undefined>, secretVar: string) => {
    if (!secret && others.some((o) => o)) {
      const msg = `${secretVar}${name ? `_${name}` : ''}: required to receive ${channel} webhooks (the other ${channel} variables are set)`;
      if (production) errors.push(msg);
      else warnings.push(`${msg}; ${channel}${name ? ` (${name})` : ''} stays disabled`);
    }
  };
  const envValues = e as unknown as Record<string, string | undefined>;
  for (const id of CHANNEL_ENV_IDS) {
    const c = channelEnv(id);
    if (!c.allOrNone) missingSecret(c.label, '', envValues[c.secret], c.needSecret.map((v) => envValues[v]), c.secret);
  }
  if (e.WHATSAPP_APP_SECRET && !e.WHATSAPP_VERIFY_TOKEN) errors.push('WHATSAPP_VERIFY_TOKEN: required with WHATSAPP_APP_SECRET (the subscription handshake)');
  // A territory's own credential sets.
  for (const id of CHANNEL_ENV_IDS) {
    const c = channelEnv(id);
    if (c.allOrNone) continue;
    const others = Object.keys(c.credentials).filter((v) => v !== c.secret);
    for (const [name, v] of Object.entries(named)) missingSecret(c.label, name, v[c.secret], others.map((o) => v[o]), c.secret);
  }
  // All-or-none sets (OVHcloud, Brevo): production refuses half a set, development leaves it off and says so.
  for (const id of CHANNEL_ENV_IDS) {
    const c = channelEnv(id);
    if (!c.allOrNone) continue;
    for (const [name, values] of [['', envValues] as const, ...Object.entries(named)]) {
      const problem = setProblem(c, values, name);
      if (!problem) continue;
      if (production) errors.push(problem);
      else warnings.push(`${problem}; ${c.label}${name ? ` (${name})` : ''} stays disabled`);
    }
  }
  // Speech-to-text: all three or none (production refuses half of it; development leaves it off and says so).
  const stt = [e.STT_API_BASE_URL, e.STT_API_KEY, e.STT_MODEL];
  if (stt.some(Boolean) && !stt.every(Boolean)) {
    const missing = ['STT_API_BASE_URL', 'STT_API_KEY', 'STT_MODEL'].filter((_, i) => !stt[i]).join(', ');
    if (production) errors.push(`${missing}: required with the other STT_ variables (voice notes)`);
    else warnings.push(`${missing}: not set, voice notes stay off (the other STT_ variables are set)`);
  }
  // ProConnect: all four or none (production refuses half of it; development leaves it off and says so).
  const pcNames = ['PROCONNECT_ISSUER', 'PROCONNECT_CLIENT_ID', 'PROCONNECT_CLIENT_SECRET', 'PROCONNECT_REDIRECT_URL'] as const;
  const pc = [e.PROCONNECT_ISSUER, e.PROCONNECT_CLIENT_ID, e.PROCONNECT_CLIENT_SECRET, e.PROCONNECT_REDIRECT_URL];
  if (pc.some(Boolean) && !pc.every(Boolean)) {
    const missing = pcNames.filter((_, i) => !pc[i]).join(', ');
    if (production) errors.push(`${missing}: required with the other PROCONNECT_ variables (ProConnect sign-in)`);
    else warnings.push(`${missing}: not set, ProConnect sign-in stays off (the other PROCONNECT_ variables are set)`);
  }
  if (e.TWILIO_VOICE && !e.TWILIO_AUTH_TOKEN && Object.values(named).every((v) => !v.TWILIO_AUTH_TOKEN)) {
    const msg = 'TWILIO_VOICE: needs TWILIO_AUTH_TOKEN (calls are signed like SMS)';
    if (production) errors.push(msg);
    else warnings.push(`${msg}; phone calls stay off`);
  }
  if (errors.length > 0) return { ok: false, errors };
  /** A channel's credential sets: the service-wide one and the territories' own, each only with its secret (all-or-none: only whole). */
  const accounts = <T,>(id: ChannelEnvId): { default?: T; named: Record<string, T> } => channelAccounts<T>(channelEnv(id), envValues, named);
  const outbox = (perSecond: number): OutboxConfig => ({ perSecond, maxAttempts: e.SMS_OUTBOX_MAX_ATTEMPTS, backoffMs: e.SMS_OUTBOX_BACKOFF_MS });
  const [templateName, templateLanguage] = (e.WHATSAPP_TEMPLATE ?? '').split(':');
  return {
    ok: true,
    config: {
      env: e.NODE_ENV,
      production,
      port: e.PORT,
      host: e.HOST,
      publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
      logLevel: e.LOG_LEVEL,
      defaultLocale: e.DEFAULT_LOCALE,
      redis: cluster
        ? { cluster, keyPrefix: e.REDIS_KEY_PREFIX }
        : sentinel
          ? { sentinel, keyPrefix: e.REDIS_KEY_PREFIX }
          : e.REDIS_URL
          ? { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX }
          : null,
      stateTtlSeconds: e.STATE_TTL_DAYS * 86400,
      resumeAfterMs: e.RESUME_AFTER_MINUTES * 60_000,
      httpChannelToken: e.HTTP_CHANNEL_TOKEN,
      metricsToken: e.METRICS_TOKEN,
      trustProxy: e.TRUST_PROXY > 0,
      trustProxyHops: e.TRUST_PROXY,
      webChatLimits: { tokensPerIpPerMinute: e.WEBCHAT_TOKENS_PER_IP_PER_MINUTE, messagesPerConversationPerMinute: e.WEBCHAT_MESSAGES_PER_MINUTE },
      webChatTypingDelayMs: e.WEBCHAT_TYPING_DELAY_MS,
      webChatSockets: { perConversation: e.WEBCHAT_SOCKETS_PER_CONVERSATION, perIp: e.WEBCHAT_SOCKETS_PER_IP },
      webChatUploads: {
        perConversation: { count: e.WEBCHAT_UPLOADS_PER_CONVERSATION_PER_DAY, bytes: e.WEBCHAT_UPLOAD_MB_PER_CONVERSATION_PER_DAY * 1_048_576 },
        perIp: { count: e.WEBCHAT_UPLOADS_PER_IP_PER_DAY, bytes: e.WEBCHAT_UPLOAD_MB_PER_IP_PER_DAY * 1_048_576 },
        perTerritoryBytes: e.WEBCHAT_UPLOAD_MB_PER_TERRITORY_PER_DAY * 1_048_576,
      },
      redisMemoryWarnRatio: e.REDIS_MEMORY_WARN_PERCENT / 100,
      botFramework: e.MICROSOFT_APP_ID
        ? {
            appId: e.MICROSOFT_APP_ID,
            appPassword: e.MICROSOFT_APP_PASSWORD,
            tenantId: e.MICROSOFT_APP_TENANT_ID,
            appType: e.MICROSOFT_APP_TYPE,
          }
        : null,
      warmupRecognizers: e.WARMUP_RECOGNIZERS,
      defaultTerritory: e.DEFAULT_TERRITORY,
      mediatorIdleSeconds: e.MEDIATOR_IDLE_TIMEOUT_MINUTES * 60,
      mediatorSessionMaxSeconds: e.MEDIATOR_SESSION_MAX_HOURS * 3600,
      directLine: {
        tokenSecret: e.DIRECTLINE_TOKEN_SECRET ?? randomBytes(32).toString('base64url'),
        tokenSecretIsEphemeral: !e.DIRECTLINE_TOKEN_SECRET,
        tokenTtlSeconds: e.DIRECTLINE_TOKEN_TTL_SECONDS,
        refreshGraceSeconds: e.DIRECTLINE_REFRESH_GRACE_SECONDS,
        uploadMaxBytes: e.UPLOAD_MAX_BYTES,
      },
      contactHash: {
        secret: e.CONTACT_HASH_SECRET ?? randomBytes(32).toString('base64url'),
        ephemeral: !e.CONTACT_HASH_SECRET,
      },
      sms: {
        ...accounts<TwilioCredentials>('sms'),
        apiBaseUrl: e.TWILIO_API_BASE_URL.replace(/\/+$/, ''),
        maxSegments: e.SMS_MAX_SEGMENTS,
        transliterate: e.SMS_TRANSLITERATE,
      },
      whatsapp: {
        ...accounts<WhatsAppCredentials>('whatsapp'),
        apiBaseUrl: e.WHATSAPP_API_BASE_URL.replace(/\/+$/, ''),
        verifyToken: e.WHATSAPP_VERIFY_TOKEN,
        phoneNumberId: e.WHATSAPP_PHONE_NUMBER_ID,
        template: templateName ? { name: templateName, language: templateLanguage || 'fr' } : undefined,
      },
      ovhSms: { ...accounts<OvhCredentials>('ovh'), apiBaseUrl: e.OVH_API_BASE_URL.replace(/\/+$/, ''), outbox: outbox(e.OVH_SMS_PER_SECOND) },
      brevoSms: { ...accounts<BrevoCredentials>('brevo'), apiBaseUrl: e.BREVO_API_BASE_URL.replace(/\/+$/, ''), outbox: outbox(e.BREVO_SMS_PER_SECOND) },
      telegram: {
        ...accounts<TelegramCredentials>('telegram'),
        apiBaseUrl: e.TELEGRAM_API_BASE_URL.replace(/\/+$/, ''),
      },
      voice: {
        // Calls use the SMS numbers' credential sets (docs/voice.md).
        ...(e.TWILIO_VOICE ? accounts<TwilioCredentials>('sms') : { default: undefined, named: {} }),
        apiBaseUrl: e.TWILIO_API_BASE_URL.replace(/\/+$/, ''),
      },
      reliability: {
        webhookDeadlineMs: e.WEBHOOK_DEADLINE_MS,
        shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
        http: { headersMs: e.HTTP_HEADERS_TIMEOUT_MS, requestMs: e.HTTP_REQUEST_TIMEOUT_MS },
        webhookBodyMs: e.WEBHOOK_BODY_TIMEOUT_MS,
      },
      proconnect:
        e.PROCONNECT_ISSUER && e.PROCONNECT_CLIENT_ID && e.PROCONNECT_CLIENT_SECRET && e.PROCONNECT_REDIRECT_URL
          ? { issuer: e.PROCONNECT_ISSUER.replace(/\/+$/, ''), clientId: e.PROCONNECT_CLIENT_ID, clientSecret: e.PROCONNECT_CLIENT_SECRET, redirectUrl: e.PROCONNECT_REDIRECT_URL }
          : null,
      stt:
        e.STT_API_BASE_URL && e.STT_API_KEY && e.STT_MODEL
          ? {
              baseUrl: e.STT_API_BASE_URL.replace(/\/+$/, ''),
              apiKey: e.STT_API_KEY,
              model: e.STT_MODEL,
              format: e.STT_AUDIO_FORMAT,
              timeoutMs: e.STT_TIMEOUT_MS,
              maxSeconds: e.STT_MAX_SECONDS,
              maxBytes: e.STT_MAX_BYTES,
              ffmpegPath: e.FFMPEG_PATH,
            }
          : null,
      places: {
        apiUrl: e.PLACES_API_URL.replace(/\/+$/, ''),
        dataInclusion: e.DATA_INCLUSION_TOKEN ? { url: e.DATA_INCLUSION_API_URL.replace(/\/+$/, ''), token: e.DATA_INCLUSION_TOKEN } : null,
        refreshMs: e.PLACES_REFRESH,
        rdvServicePublicUrl: e.RDV_SERVICE_PUBLIC_URL.replace(/\/+$/, ''),
      },
      warnings,
    },
  };
}

/** The variables the CI sets that tests may read (not part of the app's configuration). */
export function isCi(source: Record<string, string | undefined> = process.env): boolean {
  return source.CI === 'true' || source.CI === '1';
}
