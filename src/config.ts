/**
 * The only reader of the environment. One zod schema (the messaging channels' variables, CHANNEL_ENV here, and
 * the service's own, src/config/envSchema.ts); every bad variable is listed at once and startup exits non-zero.
 * See the configuration table in README.md. Its pure parts (types, checks, credential sets) are in src/config/.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { channelAccounts, setProblem, type BrevoCredentials, type ChannelEnv, type OvhCredentials, type TelegramCredentials, type TwilioCredentials, type WhatsAppCredentials } from './config/channelCredentials';
import { checkOptionalServices, checkServiceEnv } from './config/serviceChecks';
import { bool, SERVICE_ENV } from './config/envSchema';
import type { ConfigResult, OutboxConfig } from './config/types';

// The configuration's types and pure helpers live in src/config/; their names are exported from here as before.
export type { BrevoCredentials, ChannelAccounts, ChannelEnv, OvhCredentials, TelegramCredentials, TwilioCredentials, WhatsAppCredentials } from './config/channelCredentials';
export { parseClusterNodes, parseSentinels } from './config/redisTargets';
export type { RedisClusterTarget, RedisSentinelTarget, RedisTarget } from './config/redisTargets';
export type { Config, ConfigResult, OutboxConfig, ProConnectConfig, SttConfig } from './config/types';

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
  ...SERVICE_ENV,
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
  const { cluster, sentinel } = checkServiceEnv(e, production, errors, warnings);
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
  checkOptionalServices(e, production, errors, warnings);
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
