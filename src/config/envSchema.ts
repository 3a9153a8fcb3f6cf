/**
 * The service's own environment variables (every one but the messaging channels', which CHANNEL_ENV in
 * src/config.ts declares): their zod checks and defaults. Pure schema: config.ts reads the environment and
 * validates it against these and the channels' variables together.
 */
import { z } from 'zod';

/** A yes/no variable: true, false, 1, 0, yes, no. */
export const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const SERVICE_ENV = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEFAULT_LOCALE: z.enum(['fr', 'en']).default('fr'),
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
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  WARMUP_RECOGNIZERS: bool.default(true),
  MEDIATOR_IDLE_TIMEOUT_MINUTES: z.coerce.number().int().min(1).max(720).default(30),
  MEDIATOR_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(168).default(12),
  DEFAULT_TERRITORY: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).default('demo'),
  DIRECTLINE_TOKEN_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  CONTACT_HASH_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  DIRECTLINE_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86400).default(1800),
  DIRECTLINE_REFRESH_GRACE_SECONDS: z.coerce.number().int().min(0).max(86400).default(3600),
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).max(20 * 1024 * 1024).default(5 * 1024 * 1024),
  // The messaging channels' variables: CHANNEL_ENV in src/config.ts.
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
};

/** The service's own variables, validated. */
export type ServiceEnv = z.output<z.ZodObject<typeof SERVICE_ENV>>;
