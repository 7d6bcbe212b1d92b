import { randomUUID } from 'node:crypto'
import { SignJWT, jwtVerify, errors } from 'jose'
import type { Config } from '../../config.js'

export type Role = 'customer' | 'admin'

export interface AccessClaims {
  userId: string
  role: Role
}

/** An access token's claims as verified, with the instant it stops being valid. */
export interface VerifiedAccess extends AccessClaims {
  expiresAt: Date
}

export interface RefreshClaims {
  tokenId: string
  familyId: string
  userId: string
}

const ALG = 'HS256'
const ISSUER = 'reservoir'

/** Signs and verifies both token kinds; `typ` keeps a refresh token from passing as an access token. */
export class TokenSigner {
  private readonly key: Uint8Array
  private readonly verified = new Map<string, VerifiedAccess>()

  constructor(private readonly config: Pick<Config, 'jwtSecret' | 'accessTokenMinutes' | 'refreshTokenDays'>) {
    this.key = new TextEncoder().encode(config.jwtSecret)
  }

  get refreshLifetimeMs(): number {
    return this.config.refreshTokenDays * 24 * 3600 * 1000
  }

  access(claims: AccessClaims, now: Date): Promise<string> {
    return new SignJWT({ typ: 'access', role: claims.role })
      .setProtectedHeader({ alg: ALG })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setIssuedAt(seconds(now))
      .setExpirationTime(seconds(now) + this.config.accessTokenMinutes * 60)
      .sign(this.key)
  }

  refresh(userId: string, familyId: string, now: Date): Promise<{ token: string; tokenId: string; expiresAt: Date }> {
    const tokenId = randomUUID()
    const expiresAt = new Date(now.getTime() + this.refreshLifetimeMs)
    return new SignJWT({ typ: 'refresh', fam: familyId })
      .setProtectedHeader({ alg: ALG })
      .setSubject(userId)
      .setJti(tokenId)
      .setIssuer(ISSUER)
      .setIssuedAt(seconds(now))
      .setExpirationTime(seconds(expiresAt))
      .sign(this.key)
      .then((token) => ({ token, tokenId, expiresAt }))
  }

  /** Undefined for anything that is not a valid, unexpired access token. */
  async verifyAccess(token: string, now: Date): Promise<VerifiedAccess | undefined> {
    // A token is immutable, so a verified one only needs its expiry checked again.
    const hit = this.verified.get(token)
    if (hit) return hit.expiresAt.getTime() > now.getTime() ? hit : undefined
    const payload = await this.verify(token, now)
    if (!payload || payload.typ !== 'access' || typeof payload.sub !== 'string' || typeof payload.exp !== 'number') return undefined
    if (payload.role !== 'customer' && payload.role !== 'admin') return undefined
    const claims: VerifiedAccess = { userId: payload.sub, role: payload.role, expiresAt: new Date(payload.exp * 1000) }
    if (this.verified.size >= 10_000) this.verified.clear()
    this.verified.set(token, claims)
    return claims
  }

  async verifyRefresh(token: string, now: Date): Promise<RefreshClaims | undefined> {
    const payload = await this.verify(token, now)
    if (!payload || payload.typ !== 'refresh') return undefined
    const { jti, sub, fam } = payload
    if (typeof jti !== 'string' || typeof sub !== 'string' || typeof fam !== 'string') return undefined
    return { tokenId: jti, userId: sub, familyId: fam }
  }

  private async verify(token: string, now: Date) {
    try {
      // The algorithm list is pinned: `none` and asymmetric confusion are refused by jose.
      const { payload } = await jwtVerify(token, this.key, { algorithms: [ALG], issuer: ISSUER, currentDate: now })
      return payload
    } catch (error) {
      if (error instanceof errors.JOSEError) return undefined
      throw error
    }
  }
}

const seconds = (d: Date) => Math.floor(d.getTime() / 1000)
