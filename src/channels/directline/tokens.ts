/**
 * Web chat tokens: a JWT (HS256, signed with DIRECTLINE_TOKEN_SECRET, via `jose`) scoped to ONE
 * conversation and ONE territory. The `user` claim is read by botframework-directlinejs.
 */
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

export class TokenService {
  private readonly key: Uint8Array;
  private readonly verified = new Map<string, { claims: TokenClaims; exp: number }>();

  constructor(
    secret: string,
    readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    this.key = new TextEncoder().encode(secret);
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
