import type { Viewer } from '@/lib/auth/viewer';
import { defineCacheKind, minutes } from '@/lib/cache/kinds';
import { cachedRead } from '@/lib/cache/read';
import { prisma } from '@/lib/db/client';
import { hashSecret } from './secret';
import { tokenTag } from './tags';

/** Whom a live token acts for. */
export interface TokenOwner {
  tokenId: string;
  viewer: Viewer;
  /** ISO time, or null for a token without expiry. Checked at every use, not only when cached. */
  expiresAt: string | null;
}

export type TokenStatus = 'active' | 'expired' | 'revoked';

/** A token as its owner's list shows it: never the secret (Brisk does not have it). */
export interface ApiTokenSummary {
  id: string;
  name: string;
  prefix: string;
  status: TokenStatus;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** Revoked and expired tokens stay listed until the daily cleanup deletes them (lib/ops/jobs.ts). */
const LIST_LIMIT = 100;

/** The owner of an unrevoked token, by the SHA-256 of its secret: one statement (a join). */
export async function loadTokenOwner(tokenHash: string): Promise<TokenOwner | null> {
  const token = await prisma.apiToken.findUnique({
    where: { tokenHash },
    select: { id: true, expiresAt: true, revokedAt: true, user: { select: { id: true, name: true, email: true, role: true } } },
  });
  if (!token || token.revokedAt) return null;
  const { id, name, email, role } = token.user;
  return { tokenId: token.id, viewer: { id, name, email, role }, expiresAt: token.expiresAt?.toISOString() ?? null };
}

/**
 * Whom a token acts for (plan 004's token→user, 5 minutes). Never served unconfirmed (no grace):
 * a revoked token or a demoted admin must not keep working because the database is down.
 */
const tokenOwnerRead = cachedRead({
  kind: defineCacheKind({ namespace: 'auth.tokenUser', ttl: minutes(5), grace: 0 }),
  key: (tokenHash: string) => [tokenHash],
  tags: (tokenHash: string) => [tokenTag(tokenHash)],
  load: loadTokenOwner,
});

/**
 * The owner of a token secret, or null when it is unknown, revoked or expired. Cached 5 minutes
 * (token→user, DESIGN.md section 3) under the secret's hash, never the secret; revoking drops it
 * at once. The owner's role is as of the lookup: a changed role applies within 5 minutes.
 */
export async function getTokenOwner(secret: string, now: Date = new Date()): Promise<TokenOwner | null> {
  const tokenHash = hashSecret(secret);
  const owner = await tokenOwnerRead.get(tokenHash);
  if (!owner || (owner.expiresAt !== null && Date.parse(owner.expiresAt) <= now.getTime())) return null;
  return owner;
}

export function tokenStatus(token: { expiresAt: Date | null; revokedAt: Date | null }, now: Date = new Date()): TokenStatus {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && token.expiresAt <= now) return 'expired';
  return 'active';
}

/** A person's tokens, newest first: one statement, uncached (only its owner reads it, rarely). */
export async function listApiTokens(userId: string): Promise<ApiTokenSummary[]> {
  const tokens = await prisma.apiToken.findMany({
    where: { userId },
    orderBy: { createdAt: 'desc' },
    take: LIST_LIMIT,
    select: { id: true, name: true, prefix: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true },
  });
  const now = new Date();
  return tokens.map((token) => ({ ...token, status: tokenStatus(token, now) }));
}
