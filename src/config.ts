/**
 * The only reader of the environment. One zod schema; every bad variable is listed at once and
 * startup exits non-zero. See the configuration table in README.md.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const EnvSchema = z.object({
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
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]*$/, 'letters, digits, ":", "_" and "-" only')
    .default('pasapas:'),
  STATE_TTL_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  RESUME_AFTER_MINUTES: z.coerce.number().int().min(1).default(60),
  HTTP_CHANNEL_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  MICROSOFT_APP_ID: z.string().min(1).optional(),
  MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
  MICROSOFT_APP_TENANT_ID: z.string().min(1).optional(),
  MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  WARMUP_RECOGNIZERS: bool.default(true),
  MEDIATOR_IDLE_TIMEOUT_MINUTES: z.coerce.number().int().min(1).max(720).default(30),
  DEFAULT_TERRITORY: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).default('demo'),
  DIRECTLINE_TOKEN_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  DIRECTLINE_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86400).default(1800),
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).max(20 * 1024 * 1024).default(5 * 1024 * 1024),
});

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  production: boolean;
  port: number;
  host: string;
  publicBaseUrl: string;
  logLevel: Env['LOG_LEVEL'];
  defaultLocale: Env['DEFAULT_LOCALE'];
  redis: { url: string; keyPrefix: string } | null;
  stateTtlSeconds: number;
  resumeAfterMs: number;
  httpChannelToken?: string;
  /** Bot Framework (Azure Bot Service) endpoint at /api/messages; null = disabled. */
  botFramework: { appId: string; appPassword?: string; tenantId?: string; appType: Env['MICROSOFT_APP_TYPE'] } | null;
  warmupRecognizers: boolean;
  /** A mediator's session ends after this much inactivity (shared office computers). */
  mediatorIdleSeconds: number;
  /** Territory of citizens whose channel names none (a number or bot no territory claims). */
  defaultTerritory: string;
  directLine: {
    /** HMAC secret of web chat tokens; shared by every instance. Random per process in development. */
    tokenSecret: string;
    tokenSecretIsEphemeral: boolean;
    tokenTtlSeconds: number;
    uploadMaxBytes: number;
  };
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

/** Parse an environment (process.env by default). Never throws: returns every error found. */
export function loadConfig(source: Record<string, string | undefined> = process.env): ConfigResult {
  const known = Object.keys(EnvSchema.shape);
  const env: Record<string, string> = {};
  for (const key of known) {
    const v = source[key];
    if (v !== undefined && v !== '') env[key] = v;
  }
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`),
    };
  }
  const e = parsed.data;
  const errors: string[] = [];
  const production = e.NODE_ENV === 'production';
  if (production && !e.REDIS_URL) {
    errors.push('REDIS_URL: required when NODE_ENV=production (the embedded in-memory mode loses data on restart)');
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
  if (production && !e.DIRECTLINE_TOKEN_SECRET) {
    errors.push('DIRECTLINE_TOKEN_SECRET: required when NODE_ENV=production (shared by every instance)');
  }
  if (errors.length > 0) return { ok: false, errors };
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
      redis: e.REDIS_URL ? { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX } : null,
      stateTtlSeconds: e.STATE_TTL_DAYS * 86400,
      resumeAfterMs: e.RESUME_AFTER_MINUTES * 60_000,
      httpChannelToken: e.HTTP_CHANNEL_TOKEN,
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
      directLine: {
        tokenSecret: e.DIRECTLINE_TOKEN_SECRET ?? randomBytes(32).toString('base64url'),
        tokenSecretIsEphemeral: !e.DIRECTLINE_TOKEN_SECRET,
        tokenTtlSeconds: e.DIRECTLINE_TOKEN_TTL_SECONDS,
        uploadMaxBytes: e.UPLOAD_MAX_BYTES,
      },
    },
  };
}

/** The variables the CI sets that tests may read (not part of the app's configuration). */
export function isCi(source: Record<string, string | undefined> = process.env): boolean {
  return source.CI === 'true' || source.CI === '1';
}
