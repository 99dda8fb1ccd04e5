import { randomUUID } from 'node:crypto';
import { prisma } from '@/lib/db/client';

/**
 * A Leads owner of their own for tests that write: keywords and one source (a feed URL), so
 * that the demo accounts stay as other tests expect them.
 */
export async function createListener(options: { keywords?: string[]; feedUrl?: string; threshold?: number } = {}) {
  const tag = Math.random().toString(36).slice(2, 8);
  const owner = await prisma.user.create({ data: { id: `usr_t_${tag}_leads`, name: `Listener ${tag}`, email: `listener-${tag}@example.com` }, select: { id: true, name: true } });
  const keywords = [];
  for (const text of options.keywords ?? ['CRM', 'PostgreSQL', 'Next.js']) {
    keywords.push(await prisma.keyword.create({ data: { ownerId: owner.id, text }, select: { id: true, text: true } }));
  }
  const integration = await prisma.integration.create({
    data: { ownerId: owner.id, name: 'Test feed', feedUrl: options.feedUrl ?? `https://demo-feeds.brisk.test/indie-forum.rss?${tag}` },
    select: { id: true },
  });
  if (options.threshold !== undefined) await prisma.leadSettings.create({ data: { ownerId: owner.id, threshold: options.threshold } });
  return { owner, keywords, integration };
}

/** `count` mentions of the owner under their keywords, every other one a lead (direct SQL: the triggers keep the counters). */
export async function addMentions(ownerId: string, keywordIds: string[], count: number, integrationId: string | null = null) {
  const ids = Array.from({ length: count }, () => randomUUID());
  await prisma.$executeRaw`
    INSERT INTO mentions (id, owner_id, keyword_id, integration_id, source, title, content, item_key, score, published_at)
    SELECT x.id, ${ownerId}, (${keywordIds}::uuid[])[1 + (x.n - 1) % ${keywordIds.length}], ${integrationId}::uuid, 'Test feed', 'Mention ' || x.n, 'About things',
           encode(sha256(convert_to(x.id::text, 'UTF8')), 'hex'), 70, now() - make_interval(hours => x.n::int)
    FROM unnest(${ids}::uuid[]) WITH ORDINALITY AS x(id, n)`;
  await prisma.$executeRaw`
    INSERT INTO leads (id, owner_id, mention_id, keyword_id, score, created_at, updated_at)
    SELECT gen_random_uuid(), m.owner_id, m.id, m.keyword_id, m.score, m.published_at, now() FROM mentions m
    WHERE m.id = ANY (${ids.filter((_, i) => i % 2 === 0)}::uuid[])`;
  return ids;
}
