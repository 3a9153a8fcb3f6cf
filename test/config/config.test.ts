import { loadConfig } from '../../src/config';

describe('configuration from the environment', () => {
  test('defaults: embedded mode, port 3978, French, 30-day retention', () => {
    const r = loadConfig({});
    if (!r.ok) throw new Error(r.errors.join());
    expect(r.config.port).toBe(3978);
    expect(r.config.redis).toBeNull();
    expect(r.config.defaultLocale).toBe('fr');
    expect(r.config.stateTtlSeconds).toBe(30 * 86400);
    expect(r.config.publicBaseUrl).toBe('http://localhost:3978');
    expect(r.config.botFramework).toBeNull();
  });

  test('every bad variable is listed at once', () => {
    const r = loadConfig({ PORT: 'abc', LOG_LEVEL: 'loud', REDIS_URL: 'http://x', DEFAULT_LOCALE: 'de', STATE_TTL_DAYS: '0' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const vars = r.errors.map((e) => e.split(':')[0]).sort();
    expect(vars).toEqual(['DEFAULT_LOCALE', 'LOG_LEVEL', 'PORT', 'REDIS_URL', 'STATE_TTL_DAYS']);
  });

  test('production refuses the embedded in-memory mode and needs a public URL', () => {
    const r = loadConfig({ NODE_ENV: 'production' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.join('\n')).toMatch(/REDIS_URL: required when NODE_ENV=production/);
    expect(r.errors.join('\n')).toMatch(/PUBLIC_BASE_URL: required/);
  });

  test('production with Redis and a public URL is accepted', () => {
    const r = loadConfig({ NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6379', PUBLIC_BASE_URL: 'https://aide.example.fr/', DIRECTLINE_TOKEN_SECRET: 'x'.repeat(32), CONTACT_HASH_SECRET: 'c'.repeat(32) });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.config.publicBaseUrl).toBe('https://aide.example.fr');
  });

  test('a Bot Framework app id needs its password', () => {
    const r = loadConfig({ MICROSOFT_APP_ID: 'abc' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toContain('MICROSOFT_APP_PASSWORD: required with MICROSOFT_APP_ID');
  });

  test('fault timeouts: webhook deadline 800 ms and shutdown grace 10 s by default; out-of-range values refused', () => {
    const d = loadConfig({});
    if (!d.ok) throw new Error(d.errors.join());
    expect(d.config.reliability).toMatchObject({ webhookDeadlineMs: 800, shutdownGraceMs: 10_000 });
    const set = loadConfig({ WEBHOOK_DEADLINE_MS: '500', SHUTDOWN_GRACE_MS: '0' });
    if (!set.ok) throw new Error(set.errors.join());
    expect(set.config.reliability).toMatchObject({ webhookDeadlineMs: 500, shutdownGraceMs: 0 });
    const bad = loadConfig({ WEBHOOK_DEADLINE_MS: '50', SHUTDOWN_GRACE_MS: 'soon' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.split(':')[0]).sort()).toEqual(['SHUTDOWN_GRACE_MS', 'WEBHOOK_DEADLINE_MS']);
  });

  test('slow clients: headers 20 s, whole request 30 s, webhook body 10 s by default; headers never longer than the request', () => {
    const d = loadConfig({});
    if (!d.ok) throw new Error(d.errors.join());
    expect(d.config.reliability).toMatchObject({ http: { headersMs: 20_000, requestMs: 30_000 }, webhookBodyMs: 10_000 });
    const set = loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '5000', HTTP_REQUEST_TIMEOUT_MS: '120000', WEBHOOK_BODY_TIMEOUT_MS: '2000' });
    if (!set.ok) throw new Error(set.errors.join());
    expect(set.config.reliability).toMatchObject({ http: { headersMs: 5000, requestMs: 120_000 }, webhookBodyMs: 2000 });
    const bad = loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '40000', HTTP_REQUEST_TIMEOUT_MS: '30000' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.join('\n')).toMatch(/HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS/);
  });

  test('CONTACT_HASH_SECRET: required in production, at least 32 characters; elsewhere random per process, with a warning when state is in Redis', () => {
    const prod = { NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6379', PUBLIC_BASE_URL: 'https://aide.example.fr', DIRECTLINE_TOKEN_SECRET: 'x'.repeat(32) };
    const missing = loadConfig(prod);
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.errors.join('\n')).toMatch(/CONTACT_HASH_SECRET: required when NODE_ENV=production/);
    const short = loadConfig({ ...prod, CONTACT_HASH_SECRET: 'too-short' });
    expect(short.ok).toBe(false);
    const set = loadConfig({ ...prod, CONTACT_HASH_SECRET: 's'.repeat(40) });
    if (!set.ok) throw new Error(set.errors.join());
    expect(set.config.contactHash).toEqual({ secret: 's'.repeat(40), ephemeral: false });
    const dev1 = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' });
    const dev2 = loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' });
    if (!dev1.ok || !dev2.ok) throw new Error('development config refused');
    expect(dev1.config.contactHash.ephemeral).toBe(true);
    expect(dev1.config.contactHash.secret).not.toBe(dev2.config.contactHash.secret);
    expect(dev1.config.warnings.join('\n')).toMatch(/CONTACT_HASH_SECRET is not set/);
  });

  test('empty variables count as unset', () => {
    const r = loadConfig({ REDIS_URL: '', PORT: '' });
    expect(r.ok && r.config.redis === null && r.config.port === 3978).toBe(true);
  });
  test('REDIS_CLUSTER_NODES: seed nodes of a Redis Cluster, credentials shared, never with REDIS_URL', () => {
    const r = loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000, 10.0.0.2:7001,redis-3' });
    if (!r.ok) throw new Error(r.errors.join());
    expect(r.config.redis).toEqual({
      keyPrefix: 'pasapas:',
      cluster: { nodes: [{ host: '10.0.0.1', port: 7000 }, { host: '10.0.0.2', port: 7001 }, { host: 'redis-3', port: 6379 }], tls: false },
    });
    const tls = loadConfig({ REDIS_CLUSTER_NODES: 'rediss://app:s%40cret@a.example:6380,rediss://app:s%40cret@b.example:6380' });
    if (!tls.ok) throw new Error(tls.errors.join());
    expect(tls.config.redis?.cluster).toEqual({ nodes: [{ host: 'a.example', port: 6380 }, { host: 'b.example', port: 6380 }], username: 'app', password: 's@cret', tls: true });
    const prod = loadConfig({ NODE_ENV: 'production', REDIS_CLUSTER_NODES: '10.0.0.1:7000', PUBLIC_BASE_URL: 'https://aide.example.fr', DIRECTLINE_TOKEN_SECRET: 'x'.repeat(32), CONTACT_HASH_SECRET: 'c'.repeat(32) });
    expect(prod.ok).toBe(true);
    for (const [env, message] of [
      [{ REDIS_CLUSTER_NODES: '10.0.0.1:7000', REDIS_URL: 'redis://x' }, /not both/],
      [{ REDIS_CLUSTER_NODES: 'http://x:1' }, /redis:\/\/ or rediss:\/\//],
      [{ REDIS_CLUSTER_NODES: 'redis://h:7000/2' }, /database/],
      [{ REDIS_CLUSTER_NODES: 'redis://:a@h:7000,redis://:b@h:7001' }, /same scheme and credentials/],
      [{ REDIS_CLUSTER_NODES: ' , ' }, /at least one/],
    ] as const) {
      const bad = loadConfig(env);
      expect(bad.ok).toBe(false);
      if (!bad.ok) expect(bad.errors.join('\n')).toMatch(message);
    }
  });
  test('REDIS_SENTINELS: the sentinels, and REDIS_URL naming the group (redis://[:password@]<group>[/db])', () => {
    const r = loadConfig({ REDIS_SENTINELS: 'sentinel-1:26379, rediss://:sentinel%40pw@sentinel-2:26380', REDIS_URL: 'redis://:data%40pw@pasapas-main/2' });
    expect(r.ok).toBe(false); // the entries must share their credentials, like cluster seeds
    const ok = loadConfig({ REDIS_SENTINELS: 'rediss://:sp@sentinel-1:26379,rediss://:sp@sentinel-2', REDIS_URL: 'redis://app:data%40pw@pasapas-main/2' });
    if (!ok.ok) throw new Error(ok.errors.join());
    expect(ok.config.redis).toEqual({
      keyPrefix: 'pasapas:',
      sentinel: {
        sentinels: [{ host: 'sentinel-1', port: 26379 }, { host: 'sentinel-2', port: 6379 }],
        sentinelAuth: { password: 'sp', tls: true },
        name: 'pasapas-main',
        db: 2,
        username: 'app',
        password: 'data@pw',
        tls: false,
      },
    });
    for (const [env, message] of [
      [{ REDIS_SENTINELS: '10.0.0.1:26379' }, /also set REDIS_URL/],
      [{ REDIS_SENTINELS: '10.0.0.1:26379', REDIS_URL: 'redis://group:6379' }, /no port/],
      [{ REDIS_SENTINELS: '10.0.0.1:26379', REDIS_URL: 'redis://group', REDIS_CLUSTER_NODES: '10.0.0.1:7000' }, /not both/],
      [{ REDIS_SENTINELS: 'redis://h:26379/1', REDIS_URL: 'redis://group' }, /no database/],
    ] as const) {
      const bad = loadConfig(env);
      expect(bad.ok).toBe(false);
      if (!bad.ok) expect(bad.errors.join('\n')).toMatch(message);
    }
  });

  test('voice notes (STT_*): off by default; all three or none — production refuses half, development leaves them off and says so', () => {
    const off = loadConfig({});
    if (!off.ok) throw new Error(off.errors.join());
    expect(off.config.stt).toBeNull();
    const prod = { NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6379', PUBLIC_BASE_URL: 'https://aide.example.fr', DIRECTLINE_TOKEN_SECRET: 'x'.repeat(32), CONTACT_HASH_SECRET: 'c'.repeat(32) };
    const half = loadConfig({ ...prod, STT_API_BASE_URL: 'https://albert.api.etalab.gouv.fr/v1', STT_MODEL: 'openai/whisper-large-v3' });
    expect(half.ok).toBe(false);
    if (!half.ok) expect(half.errors).toEqual(['STT_API_KEY: required with the other STT_ variables (voice notes)']);
    const dev = loadConfig({ STT_API_KEY: 'a-key-of-some-length' });
    if (!dev.ok) throw new Error(dev.errors.join());
    expect(dev.config.stt).toBeNull();
    expect(dev.config.warnings).toContain('STT_API_BASE_URL, STT_MODEL: not set, voice notes stay off (the other STT_ variables are set)');
    const full = loadConfig({ ...prod, STT_API_BASE_URL: 'https://albert.api.etalab.gouv.fr/v1/', STT_API_KEY: 'a-key-of-some-length', STT_MODEL: 'openai/whisper-large-v3', STT_AUDIO_FORMAT: 'mp3' });
    if (!full.ok) throw new Error(full.errors.join());
    expect(full.config.stt).toEqual({
      baseUrl: 'https://albert.api.etalab.gouv.fr/v1',
      apiKey: 'a-key-of-some-length',
      model: 'openai/whisper-large-v3',
      format: 'mp3',
      timeoutMs: 20_000,
      maxSeconds: 120,
      maxBytes: 5 * 1024 * 1024,
      ffmpegPath: '/usr/bin/ffmpeg',
    });
    const bad = loadConfig({ STT_AUDIO_FORMAT: 'flac', STT_TIMEOUT_MS: '10' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.split(':')[0]).sort()).toEqual(['STT_AUDIO_FORMAT', 'STT_TIMEOUT_MS']);
  });
});
