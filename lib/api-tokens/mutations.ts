import { invalidate } from '@/lib/cache/cache';
import { prisma } from '@/lib/db/client';
import { logger } from '@/lib/metrics/logger';
import { processGlobal } from '@/lib/process-global';
import { fail, invalid, isUuid, ok, type MutationResult } from '@/lib/validation';
import { MAX_ACTIVE_TOKENS, createTokenSchema } from './schemas';
import { generateSecret } from './secret';
import { tokenTag } from './tags';
import { TOKEN_LIFETIMES, type CreatedToken } from './types';

/** Creates a token for its owner. The count check and the insert hold the owner's row lock, so two concurrent requests cannot pass the limit. */
export async function createApiToken(userId: string, input: unknown, now: Date = new Date()): Promise<MutationResult<CreatedToken>> {
  const parsed = createTokenSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const { days } = TOKEN_LIFETIMES[parsed.data.lifetime];
  const expiresAt = days === null ? null : new Date(now.getTime() + days * 86_400_000);
  const { secret, hash, displayPrefix } = generateSecret();

  return prisma.$transaction(async (tx) => {
    const owner = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM users WHERE id = ${userId} FOR UPDATE`;
    if (owner.length === 0) return fail('not_found', 'Your account does not exist any more.');
    const active = await tx.apiToken.count({ where: { userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } });
    if (active >= MAX_ACTIVE_TOKENS) {
      return fail('conflict', `You have ${MAX_ACTIVE_TOKENS} active tokens, the most there can be: revoke one you no longer use first.`);
    }
    const token = await tx.apiToken.create({
      data: { userId, name: parsed.data.name, tokenHash: hash, prefix: displayPrefix, expiresAt, createdAt: now },
      select: { id: true, name: true },
    });
    return ok({ id: token.id, name: token.name, secret, expiresAt });
  });
}

/**
 * Revokes one of the owner's tokens; it stops working at once on every instance (its cached
 * lookup is dropped). Revoking a revoked token succeeds; someone else's token is "not found".
 */
export async function revokeApiToken(userId: string, tokenId: string): Promise<MutationResult> {
  if (!isUuid(tokenId)) return fail('not_found', 'This token does not exist.');
  const token = await prisma.apiToken.findFirst({ where: { id: tokenId, userId }, select: { tokenHash: true } });
  if (!token) return fail('not_found', 'This token does not exist.');
  await prisma.apiToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: new Date() } });
  await invalidate([tokenTag(token.tokenHash)]);
  return ok(undefined);
}

/** How often one instance writes a token's last use: a busy script must not write on every call. */
const LAST_USED_RESOLUTION_MS = 60_000;
const LAST_USED_MEMORY = 10_000;
const lastUseWritten = processGlobal('apiTokenLastUse', () => new Map<string, number>());

/**
 * Notes that a token was just used (the list's "last used"), at most once a minute per token and
 * instance. Never fails the request that used the token: a failed write is logged and skipped.
 */
export async function recordTokenUse(tokenId: string, now: Date = new Date()): Promise<void> {
  const written = lastUseWritten.get(tokenId);
  if (written !== undefined && now.getTime() - written < LAST_USED_RESOLUTION_MS) return;
  if (lastUseWritten.size >= LAST_USED_MEMORY) lastUseWritten.clear();
  lastUseWritten.set(tokenId, now.getTime());
  try {
    const since = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    await prisma.apiToken.updateMany({ where: { id: tokenId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: since } }] }, data: { lastUsedAt: now } });
  } catch (error) {
    logger.warn({ err: (error as Error).message }, 'api token: could not record its last use');
  }
}
