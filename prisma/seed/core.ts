import { faker } from '@faker-js/faker';
import { hashPassword } from 'better-auth/crypto';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { DEMO_ACCOUNTS, DEMO_FRIENDSHIPS, DEMO_PASSWORD } from './demo-accounts';
import { daysFrom, peopleCount, stableUuid } from './shared';
import type { SeedContext } from './index';

const SCALE = {
  demo: { friendsPerPerson: 4 },
  // The largest core table (connections) passes a million rows.
  large: { friendsPerPerson: 6 },
} as const;

/** Users, their password accounts and friendships. */
export async function seedCore(prisma: PrismaClient, { scale, log, today }: SeedContext): Promise<void> {
  faker.seed(2026);
  const size = { ...SCALE[scale], people: peopleCount(scale) };

  // Demo accounts: upserted so that a re-run repairs them (e.g. a changed name or role).
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const [index, account] of DEMO_ACCOUNTS.entries()) {
    // Old accounts (about a year), so the home page welcomes them back.
    const createdAt = daysFrom(today, -400 + index, 9);
    await prisma.user.upsert({
      where: { id: account.id },
      create: { id: account.id, name: account.name, email: account.email, role: account.role, emailVerified: true, createdAt },
      update: { name: account.name, email: account.email, role: account.role },
    });
    await prisma.account.upsert({
      where: { id: `acc_${account.id}` },
      create: { id: `acc_${account.id}`, accountId: account.id, providerId: 'credential', userId: account.id, password: passwordHash },
      update: {},
    });
  }
  log(`  users: ${DEMO_ACCOUNTS.length} demo accounts`);

  await prisma.connection.createMany({
    data: DEMO_FRIENDSHIPS.map(([requesterId, addresseeId, status], index) => ({
      id: stableUuid(`connection:${requesterId}:${addresseeId}`),
      requesterId,
      addresseeId,
      status,
      createdAt: daysFrom(today, -(60 - index), 10),
      respondedAt: status === 'pending' ? null : daysFrom(today, -(59 - index), 10),
    })),
    skipDuplicates: true,
  });

  // Everyone else: bulk SQL so that the large scale stays fast. Names come from faker with a
  // fixed seed, cycled over the series; ids and e-mails are derived from the series number.
  const names = Array.from({ length: 500 }, () => faker.person.fullName());
  const batch = 50_000;
  for (let start = 1; start <= size.people; start += batch) {
    const end = Math.min(size.people, start + batch - 1);
    await prisma.$executeRaw`
      INSERT INTO users (id, name, email, email_verified, role, created_at, updated_at)
      SELECT 'usr_' || lpad(n::text, 7, '0'),
             (${names}::text[])[1 + (n - 1) % ${names.length}],
             'person' || n || '@example.com',
             true,
             'user',
             ${today}::timestamptz - make_interval(days => 60 + n % 600, mins => n % 1440),
             ${today}::timestamptz - make_interval(days => 60 + n % 600, mins => n % 1440)
      FROM generate_series(${start}::int, ${end}::int) AS n
      ON CONFLICT (id) DO NOTHING`;
    log(`  users: ${end} / ${size.people}`);
  }

  // Friendships among them: person n asks person n + k (k = 1, 3, 7, …), a ring so that every
  // person has the same number of friends; every fifth request is still pending.
  for (let k = 1; k <= size.friendsPerPerson; k++) {
    const offset = 2 ** k - 1;
    await prisma.$executeRaw`
      INSERT INTO connections (id, requester_id, addressee_id, status, created_at, updated_at, responded_at)
      SELECT md5('connection:' || n || ':' || ${k}::int)::uuid,
             'usr_' || lpad(n::text, 7, '0'),
             'usr_' || lpad((1 + (n - 1 + ${offset}::int) % ${size.people}::int)::text, 7, '0'),
             (CASE WHEN n % 5 = 0 THEN 'pending' ELSE 'accepted' END)::connection_status,
             ${today}::timestamptz - make_interval(days => 31, hours => n % 1000),
             ${today}::timestamptz - make_interval(days => 31, hours => n % 1000),
             CASE WHEN n % 5 = 0 THEN NULL ELSE ${today}::timestamptz - make_interval(days => 31, hours => n % 1000) END
      FROM generate_series(1, ${size.people}::int) AS n
      ON CONFLICT DO NOTHING`;
    log(`  connections: round ${k} / ${size.friendsPerPerson}`);
  }

  // Link the demo accounts into the crowd so that their friends have friends of their own.
  await prisma.$executeRaw`
    INSERT INTO connections (id, requester_id, addressee_id, status, created_at, updated_at, responded_at)
    SELECT md5('connection:' || u.id)::uuid, u.id, 'usr_' || lpad((10 + i * 7)::text, 7, '0'), 'accepted', ${daysFrom(today, -45)}, ${daysFrom(today, -45)}, ${daysFrom(today, -45)}
    FROM (VALUES ('usr_ben', 1), ('usr_chloe', 2), ('usr_dev', 3), ('usr_eunji', 4)) AS u(id, i)
    ON CONFLICT DO NOTHING`;

  const [users, connections] = await Promise.all([prisma.user.count(), prisma.connection.count()]);
  log(`  core: ${users} users, ${connections} connections`);
}

