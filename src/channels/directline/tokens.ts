/**
 * Web chat tokens: a JWT (HS256, signed with DIRECTLINE_TOKEN_SECRET, via `jose`) scoped to ONE
 * conversation and ONE territory. The `user` claim is read by botframework-directlinejs.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';

export interface TokenClaims {
  conversationId: string;
  territory: string;
  userId: string;
}

const ISSUER = 'pasapas';
const AUDIENCE = 'directline';

/** Verified tokens are remembered until they expire (a token never changes): saves an HMAC per request. */
const CACHE_MAX = 20_000;

/**
 * How long a photo's signed URL (its `contentUrl`) stays valid. Activities read back from the log
 * (a reload, a reconnect, polling) get freshly signed URLs, so this only bounds how long a URL copied
 * out of a page keeps working.
 */
export const FILE_URL_TTL_SECONDS = 3600;

export class TokenService {
  private readonly key: Uint8Array;
  /** A key of its own for file URLs, derived from the same secret (a URL signature is never a token's). */
  private readonly fileKey: Buffer;
  private readonly verified = new Map<string, { claims: TokenClaims; exp: number }>();

  constructor(
    secret: string,
    readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    this.key = new TextEncoder().encode(secret);
    this.fileKey = createHmac('sha256', secret).update('pasapas directline file urls').digest();
  }

  /** Seconds since the epoch, on this service's clock. */
  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  /** The signature of a photo's URL: that file of that conversation, until `expires` (epoch seconds). */
  fileSignature(conversationId: string, fileId: string, expires: number): string {
    return createHmac('sha256', this.fileKey).update(`${conversationId}\n${fileId}\n${expires}`).digest('base64url');
  }

  /** A signed file URL's query is genuine and not expired (constant-time comparison). */
  verifyFileSignature(conversationId: string, fileId: string, expires: string, signature: string): boolean {
    if (!/^\d{1,12}$/.test(expires) || Number(expires) < this.nowSeconds()) return false;
    const expected = Buffer.from(this.fileSignature(conversationId, fileId, Number(expires)));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  async issue(claims: TokenClaims): Promise<string> {
    const iat = Math.floor(this.now() / 1000);
    return new SignJWT({ conv: claims.conversationId, ter: claims.territory, user: claims.userId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.ttlSeconds)
      .sign(this.key);
  }

  /**
   * The claims of a valid token, or null (bad signature, expired, malformed). `graceSeconds` accepts
   * a token expired that long ago: only for refresh, so a page that slept keeps its conversation.
   */
  async verify(token: string, graceSeconds = 0): Promise<TokenClaims | null> {
    const cached = this.verified.get(token);
    if (cached && graceSeconds === 0) {
      if (cached.exp * 1000 > this.now()) return cached.claims;
      this.verified.delete(token);
    }
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: new Date(this.now()),
        clockTolerance: graceSeconds,
      });
      const { conv, ter, user } = payload as Record<string, unknown>;
      if (typeof conv !== 'string' || typeof ter !== 'string' || typeof user !== 'string') return null;
      const claims = { conversationId: conv, territory: ter, userId: user };
      if (graceSeconds === 0 && typeof payload.exp === 'number') {
        if (this.verified.size >= CACHE_MAX) this.verified.clear();
        this.verified.set(token, { claims, exp: payload.exp });
      }
      return claims;
    } catch {
      return null;
    }
  }
}
