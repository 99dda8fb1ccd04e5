import { faker } from '@faker-js/faker';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { analysisDocuments } from '@/lib/sponsors/documents';
import { CROP_TYPES } from '@/lib/sponsors/schemas';
import { DEMO_DEALER, DEMO_FARMERS, DEMO_OPEN_CODE, DEMO_SPONSORS, demoAnalysisId, demoDealerId, demoSponsorId } from './sponsors-demo';
import { peopleCount, stableUuid } from './shared';
import type { SeedContext } from './index';

/*
 * The Sponsors seed. Demo accounts' rows are written out (sponsors-demo.ts names them); everything
 * else is bulk SQL (INSERT … SELECT generate_series), the same statements at both scales, so that
 * the demo seed exercises the large seed's SQL on every test run:
 *
 * - demo: 3 sponsors, 3 dealers each, ~900 codes, ~1,600 analyses over 13 months, ~700 messages;
 * - large: 19 sponsors, 8 dealers each, 600,000 codes, 1,050,000 analyses over 24 months (about
 *   5 kB of JSON each), ~650,000 messages. BRISK_SEED_SPONSOR_ANALYSES=N seeds N analyses instead
 *   (and codes in proportion), to try the large scale's SQL on a smaller size.
 *
 * Deterministic (fixed faker seed, ids from md5 of a key) and idempotent: codes and subscriptions
 * skip what exists; the partitioned tables have no unique key without their date, so each batch of
 * analyses is skipped when its first row exists, and messages derive their id and time from their
 * analysis. Dates are relative to the day of seeding; analyses end yesterday by noon and their
 * messages the same evening, so nothing is dated in the future.
 */

const SCALE = {
  demo: { generatedSponsors: 0, dealersPerSponsor: 3, codes: 900, analyses: 1_500, days: 395, variants: 8, batch: 50_000 },
  large: { generatedSponsors: 16, dealersPerSponsor: 8, codes: 600_000, analyses: 1_050_000, days: 730, variants: 20, batch: 50_000 },
} as const;

const LOCATIONS = [
  'Manisa, Aegean',
  'Konya, Central Anatolia',
  'Adana, Çukurova',
  'Antalya, Mediterranean',
  'Bursa, Marmara',
  'Şanlıurfa, Southeastern Anatolia',
  'Samsun, Black Sea',
  'İzmir, Aegean',
  'Larissa, Thessaly',
  'Ordu, Black Sea',
];

const SPONSOR_MESSAGES = [
  'Hello, we reviewed your %s analysis. The leaf spots look like early blight: remove the affected leaves and keep the foliage dry.',
  'Your %s plants show signs of nitrogen shortage. Our agronomist suggests a foliar feed this week; reply if you need the product list.',
  'Thanks for the new %s photos. The health score went up since last month: keep the irrigation schedule as it is.',
  'We can send a field advisor next week to look at the %s field. Which day suits you?',
  'The analysis flags spider mites on the %s leaves. Check the underside of 20 leaves and tell us how many you find.',
];
const FARMER_MESSAGES = [
  'Thank you. I removed the leaves yesterday; should I also spray the %s?',
  'The yellowing on the %s started after the heavy rain last week. Is it the same problem?',
  'Could you recommend a fertiliser I can buy at the local cooperative for the %s?',
  'Tuesday works for me. The %s field is next to the irrigation canal.',
  'I found mites on about a third of the %s leaves. What should I use?',
];

interface SponsorRow {
  key: string;
  name: string;
  prefix: string;
  country: string;
}

/** How many analyses (and codes) to seed: the scale's, or BRISK_SEED_SPONSOR_ANALYSES. */
function sizes(scale: SeedContext['scale']) {
  const base = SCALE[scale];
  const override = Number(process.env.BRISK_SEED_SPONSOR_ANALYSES);
  if (!Number.isInteger(override) || override <= 0) return base;
  return { ...base, analyses: override, codes: Math.max(100, Math.round((override * base.codes) / base.analyses)) };
}

export async function seedSponsors(prisma: PrismaClient, { scale, log, today }: SeedContext): Promise<void> {
  faker.seed(3003);
  const size = sizes(scale);
  const people = peopleCount(scale);
  const dayMs = 86_400_000;
  const daysAgo = (days: number, hour = 9) => new Date(today.getTime() - days * dayMs + hour * 3_600_000);

  // ---- Partitions for every month the data covers, and the next three.
  const months = Math.ceil(size.days / 28) + 2;
  const [{ created }] = (await prisma.$queryRaw`
    SELECT sponsors_ensure_partitions(${today}::timestamptz - make_interval(months => ${months}::int), ${today}::timestamptz + interval '3 months')::int AS created`) as [{ created: number }];
  log(`  sponsors: ${created} partitions created`);

  // ---- Sponsors, members, dealers.
  const generated: SponsorRow[] = Array.from({ length: size.generatedSponsors }, (_, i) => ({
    key: `sponsor-${String(i + 1).padStart(2, '0')}`,
    name: `${faker.company.name().replace(/[,.]/g, '')} Agro`.slice(0, 120),
    prefix: `S${String(i + 1).padStart(2, '0')}`,
    country: faker.helpers.arrayElement(['TR', 'GR', 'BG', 'RO']),
  }));
  const sponsors: SponsorRow[] = [...DEMO_SPONSORS.map(({ key, name, prefix, country }) => ({ key, name, prefix, country })), ...generated];
  const person = (index: number) => `usr_${String(1 + (index % people)).padStart(7, '0')}`;
  for (const [i, sponsor] of sponsors.entries()) {
    const id = demoSponsorId(sponsor.key);
    const createdAt = new Date(today.getTime() - (800 - i) * dayMs);
    await prisma.sponsor.upsert({
      where: { id },
      create: { id, name: sponsor.name, codePrefix: sponsor.prefix, country: sponsor.country, createdAt },
      update: { name: sponsor.name, codePrefix: sponsor.prefix, country: sponsor.country },
    });
  }
  const demoMembers = DEMO_SPONSORS.flatMap((sponsor) => sponsor.members.map((member) => ({ sponsorId: demoSponsorId(sponsor.key), userId: member.userId, role: member.role })));
  // Sponsors without a demo owner get a generated one.
  const generatedOwners = sponsors
    .map((sponsor, i) => ({ sponsor, i }))
    .filter(({ sponsor }) => !DEMO_SPONSORS.find((demo) => demo.key === sponsor.key)?.members.some((member) => member.role === 'owner'))
    .map(({ sponsor, i }) => ({ sponsorId: demoSponsorId(sponsor.key), userId: person(40 + i), role: 'owner' as const }));
  await prisma.sponsorMember.createMany({
    data: [...demoMembers, ...generatedOwners].map((member, i) => ({ ...member, createdAt: new Date(today.getTime() - (700 - i) * dayMs) })),
    skipDuplicates: true,
  });
  const regions = LOCATIONS.map((location) => location.split(', ')[1]!);
  const dealers = sponsors.flatMap((sponsor, i) =>
    Array.from({ length: size.dealersPerSponsor }, (_, k) => {
      const isDemo = sponsor.key === DEMO_DEALER.sponsorKey && k === DEMO_DEALER.k;
      return {
        id: demoDealerId(sponsor.key, k),
        sponsorId: demoSponsorId(sponsor.key),
        userId: isDemo ? DEMO_DEALER.userId : person(i * 7 + k * 3 + 5),
        name: isDemo ? DEMO_DEALER.name : `${faker.person.lastName()} ${faker.helpers.arrayElement(['Farm Supply', 'Tarım', 'Agro Store', 'Seed & Feed', 'Cooperative'])}`,
        region: isDemo ? DEMO_DEALER.region : faker.helpers.arrayElement(regions),
        createdAt: new Date(today.getTime() - (600 - i * 10 - k) * dayMs),
      };
    }),
  );
  await prisma.dealer.createMany({ data: dealers, skipDuplicates: true });
  log(`  sponsors: ${sponsors.length} sponsors, ${dealers.length} dealers`);

  // ---- Who sponsors whom: a farmer's "slot" (their number modulo the slots) names their sponsor;
  // GreenLeaf has the most slots, the last slot none (farmers without a sponsor).
  const slotKeys: (string | null)[] =
    scale === 'large' && size.generatedSponsors > 0
      ? ['greenleaf', 'greenleaf', 'greenleaf', 'greenleaf', 'agrinova', 'agrinova', 'terra', ...generated.map((sponsor) => sponsor.key), null]
      : [...Array<string>(10).fill('greenleaf'), ...Array<string>(5).fill('agrinova'), ...Array<string>(4).fill('terra'), null];
  const slots = slotKeys.length;
  const slotSponsorIds = slotKeys.map((key) => (key ? demoSponsorId(key) : null));
  const slotPrefixes = slotKeys.map((key) => sponsors.find((sponsor) => sponsor.key === key)?.prefix ?? null);
  const dealerSlots = size.dealersPerSponsor;

  // ---- Codes written out for the demo accounts, then the bulk.
  const code = (value: string, fields: { sponsorKey: string; dealer: number | null; tier: 'small' | 'medium' | 'large'; createdDaysAgo: number; distributedDaysAgo?: number; redeemedDaysAgo?: number; redeemedBy?: string }) => ({
    id: stableUuid(`code:${value}`),
    code: value,
    sponsorId: demoSponsorId(fields.sponsorKey),
    dealerId: fields.dealer === null ? null : demoDealerId(fields.sponsorKey, fields.dealer),
    tier: fields.tier,
    createdAt: daysAgo(fields.createdDaysAgo, 8),
    distributedAt: fields.distributedDaysAgo === undefined ? null : daysAgo(fields.distributedDaysAgo, 10),
    redeemedAt: fields.redeemedDaysAgo === undefined ? null : daysAgo(fields.redeemedDaysAgo, 11),
    redeemedById: fields.redeemedBy ?? null,
    active: true,
    expiresAt: daysAgo(fields.createdDaysAgo - 365, 8),
  });
  await prisma.sponsorshipCode.createMany({
    data: [
      code(DEMO_OPEN_CODE, { sponsorKey: 'greenleaf', dealer: 0, tier: 'medium', createdDaysAgo: 5 }),
      ...[2, 3, 4, 5].map((n) => code(`GRN-DEMO-000${n}`, { sponsorKey: 'greenleaf', dealer: 0, tier: 'medium', createdDaysAgo: 5 + n })),
      code('GRN-AMNA-0001', { sponsorKey: 'greenleaf', dealer: 0, tier: 'medium', createdDaysAgo: 40, distributedDaysAgo: 38, redeemedDaysAgo: 10, redeemedBy: 'usr_amina' }),
      code('AGN-TMSS-0001', { sponsorKey: 'agrinova', dealer: null, tier: 'small', createdDaysAgo: 20, distributedDaysAgo: 6, redeemedDaysAgo: 3, redeemedBy: 'usr_tomas' }),
    ],
    skipDuplicates: true,
  });
  const codeBatch = 100_000;
  for (let start = 1; start <= size.codes; start += codeBatch) {
    const end = Math.min(size.codes, start + codeBatch - 1);
    // Code n: sponsor slot n mod (slots − 1) (never the no-sponsor slot); 60 % held by a dealer;
    // 80 % sent within 20 days of being made; 55 % of those redeemed within 15 days by a farmer
    // of that sponsor; 2 % withdrawn; valid a year. The code's body is a bijection of n (unique).
    await prisma.$executeRaw`
      INSERT INTO sponsorship_codes (id, code, sponsor_id, dealer_id, tier, created_at, distributed_at, redeemed_at, redeemed_by_id, active, expires_at)
      SELECT md5('code:' || n)::uuid,
             (${slotPrefixes}::text[])[slot + 1] || '-' || substr(body, 1, 4) || '-' || substr(body, 5, 4),
             (${slotSponsorIds}::uuid[])[slot + 1],
             CASE WHEN (n / ${slots}::int) % 5 < 3 THEN md5('dealer:' || (${slotKeys}::text[])[slot + 1] || ':' || ((n / 7) % ${dealerSlots}::int))::uuid END,
             (ARRAY['small', 'small', 'small', 'small', 'medium', 'medium', 'medium', 'large', 'large', 'xlarge'])[1 + n % 10]::subscription_tier,
             created, distributed,
             CASE WHEN redeemed < ${today}::timestamptz THEN redeemed END,
             CASE WHEN redeemed < ${today}::timestamptz THEN 'usr_' || lpad((slot + ${slots}::int * (1 + (n / ${slots}::int) % ((${people}::int - ${slots}::int) / ${slots}::int)))::text, 7, '0') END,
             n % 50 <> 0, created + interval '365 days'
      FROM (
        SELECT n, slot, body, created,
               CASE WHEN n % 10 < 8 AND created + make_interval(days => n % 20, hours => 2) < ${today}::timestamptz THEN created + make_interval(days => n % 20, hours => 2) END AS distributed,
               CASE WHEN n % 10 < 8 AND (n * 7) % 100 < 55 AND n % 50 <> 0 THEN created + make_interval(days => n % 20 + n % 15, hours => 5) END AS redeemed
        FROM (
          SELECT n, n % (${slots}::int - 1) AS slot,
                 upper(lpad(to_hex(((n::bigint * 2654435761) % 4294967296)::bigint), 8, '0')) AS body,
                 ${today}::timestamptz - make_interval(days => 1 + (n * 37) % ${size.days}::int, hours => 15 - n % 8) AS created
          FROM generate_series(${start}::int, ${end}::int) AS n
        ) numbered
      ) c
      ON CONFLICT DO NOTHING`;
    log(`  sponsors: codes ${end.toLocaleString('en')} / ${size.codes.toLocaleString('en')}`);
  }
  // A redeemed code is a 30-day subscription from its redemption.
  await prisma.$executeRaw`
    INSERT INTO user_subscriptions (id, user_id, tier, active, start_date, end_date, sponsor_id, sponsorship_code_id, created_at)
    SELECT md5('subscription:' || c.id)::uuid, c.redeemed_by_id, c.tier, true, c.redeemed_at, c.redeemed_at + interval '30 days', c.sponsor_id, c.id, c.redeemed_at
    FROM sponsorship_codes c
    WHERE c.redeemed_at IS NOT NULL AND c.redeemed_by_id IS NOT NULL
    ON CONFLICT DO NOTHING`;
  log('  sponsors: subscriptions of the redeemed codes');

  // ---- Analyses. Their documents come from a pool (crop × variant) made by the same generator as
  // the analysis job's, about 5 kB each.
  const pool = CROP_TYPES.flatMap((crop, c) =>
    Array.from({ length: size.variants }, (_, v) => {
      const { overallHealthScore, ...documents } = analysisDocuments(crop, 3003 + c * 100 + v);
      return { score: overallHealthScore, ...documents };
    }),
  );
  const poolJson = JSON.stringify(pool);
  const images = 'https://images.ziraai.example/analyses/';
  const analysisBatch = Math.min(size.batch, size.analyses);
  for (let start = 1; start <= size.analyses; start += analysisBatch) {
    const end = Math.min(size.analyses, start + analysisBatch - 1);
    const [{ done }] = (await prisma.$queryRaw`SELECT EXISTS (SELECT 1 FROM plant_analyses WHERE id = md5('analysis:' || ${start}::int)::uuid) AS done`) as [{ done: boolean }];
    if (!done) {
      // Analysis n: farmer fi (spread over everyone), their sponsor slot and dealer; a crop of
      // theirs; a day in the last `days` days, a morning hour; 2 % failed (no documents).
      await prisma.$executeRaw`
        WITH pool AS (
          SELECT (ord - 1)::int AS i, doc FROM jsonb_array_elements(${poolJson}::jsonb) WITH ORDINALITY AS t(doc, ord)
        ), numbered AS (
          SELECT n, fi, fi % ${slots}::int AS slot, (fi / ${slots}::int) % ${dealerSlots + 2}::int AS k,
                 (fi + CASE WHEN n % 3 = 0 THEN 5 ELSE 0 END) % ${CROP_TYPES.length}::int AS crop,
                 ${today}::timestamptz - make_interval(days => 1 + (n * 37) % ${size.days}::int, hours => 0) + make_interval(hours => 6 + n % 7, mins => n % 60) AS at
          FROM (SELECT n, 1 + ((n::bigint * 7919) % ${people}::int)::int AS fi FROM generate_series(${start}::int, ${end}::int) AS n) s
        )
        INSERT INTO plant_analyses (id, analysis_date, farmer_id, sponsor_id, dealer_id, status, crop_type, overall_health_score, image_url, location,
                                    detailed_analysis, health_assessment, nutrient_status, pest_disease, environmental_stress, recommendations, created_at, updated_at)
        SELECT md5('analysis:' || r.n)::uuid, r.at, 'usr_' || lpad(r.fi::text, 7, '0'),
               (${slotSponsorIds}::uuid[])[r.slot + 1],
               CASE WHEN (${slotKeys}::text[])[r.slot + 1] IS NOT NULL AND r.k < ${dealerSlots}::int
                    THEN md5('dealer:' || (${slotKeys}::text[])[r.slot + 1] || ':' || r.k)::uuid END,
               (CASE WHEN r.n % 50 = 0 THEN 'failed' ELSE 'completed' END)::analysis_status,
               (${[...CROP_TYPES]}::text[])[r.crop + 1],
               CASE WHEN r.n % 50 <> 0 THEN (p.doc ->> 'score')::smallint END,
               ${images} || md5('image:' || r.n) || '.jpg',
               (${LOCATIONS}::text[])[1 + r.fi % ${LOCATIONS.length}::int],
               CASE WHEN r.n % 50 <> 0 THEN p.doc -> 'detailedAnalysis' END, CASE WHEN r.n % 50 <> 0 THEN p.doc -> 'healthAssessment' END,
               CASE WHEN r.n % 50 <> 0 THEN p.doc -> 'nutrientStatus' END, CASE WHEN r.n % 50 <> 0 THEN p.doc -> 'pestDisease' END,
               CASE WHEN r.n % 50 <> 0 THEN p.doc -> 'environmentalStress' END, CASE WHEN r.n % 50 <> 0 THEN p.doc -> 'recommendations' END,
               r.at, r.at + interval '2 minutes'
        FROM numbered r JOIN pool p ON p.i = r.crop * ${size.variants}::int + r.n % ${size.variants}::int
        ON CONFLICT DO NOTHING`;
    }
    log(`  sponsors: analyses ${end.toLocaleString('en')} / ${size.analyses.toLocaleString('en')}${done ? ' (there already)' : ''}`);
  }

  // The demo farmers' analyses: n = 1 is yesterday morning, then one every 9 days.
  for (const farmer of DEMO_FARMERS) {
    const [{ done }] = (await prisma.$queryRaw`SELECT EXISTS (SELECT 1 FROM plant_analyses WHERE id = ${demoAnalysisId(farmer.key, 1)}::uuid) AS done`) as [{ done: boolean }];
    if (done) continue;
    const crops = farmer.crops.map((crop) => CROP_TYPES.indexOf(crop));
    await prisma.$executeRaw`
      WITH pool AS (
        SELECT (ord - 1)::int AS i, doc FROM jsonb_array_elements(${poolJson}::jsonb) WITH ORDINALITY AS t(doc, ord)
      ), numbered AS (
        SELECT n, (${crops}::int[])[1 + (n - 1) % ${crops.length}::int] AS crop,
               ${today}::timestamptz - make_interval(days => 1 + (n - 1) * 9) + make_interval(hours => 9, mins => (n * 7) % 60) AS at
        FROM generate_series(1, ${farmer.analyses}::int) AS n
      )
      INSERT INTO plant_analyses (id, analysis_date, farmer_id, sponsor_id, dealer_id, status, crop_type, overall_health_score, image_url, location,
                                  detailed_analysis, health_assessment, nutrient_status, pest_disease, environmental_stress, recommendations, created_at, updated_at)
      SELECT md5('analysis:' || ${farmer.key} || ':' || r.n)::uuid, r.at, ${farmer.userId}, ${demoSponsorId(farmer.sponsorKey)}::uuid,
             ${farmer.dealer === null ? null : demoDealerId(farmer.sponsorKey, farmer.dealer)}::uuid, 'completed',
             (${[...CROP_TYPES]}::text[])[r.crop + 1], (p.doc ->> 'score')::smallint,
             ${images} || md5('image:' || ${farmer.key} || r.n) || '.jpg', ${farmer.location},
             p.doc -> 'detailedAnalysis', p.doc -> 'healthAssessment', p.doc -> 'nutrientStatus', p.doc -> 'pestDisease',
             p.doc -> 'environmentalStress', p.doc -> 'recommendations', r.at, r.at + interval '2 minutes'
      FROM numbered r JOIN pool p ON p.i = r.crop * ${size.variants}::int + (r.n * 3) % ${size.variants}::int
      ON CONFLICT DO NOTHING`;
  }
  log(`  sponsors: ${DEMO_FARMERS.map((farmer) => `${farmer.analyses} analyses of ${farmer.userId}`).join(', ')}`);

  // ---- Messages: a conversation of 1–3 messages on 40 % of the completed sponsored analyses,
  // between the farmer and the sponsor's first member, a month of analyses per statement. Recent
  // ones are unread. The demo farmers' latest analyses get written-out conversations instead.
  const demoLatest = DEMO_FARMERS.map((farmer) => demoAnalysisId(farmer.key, 1));
  const firstMonth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - months, 1));
  for (let month = firstMonth; month <= today; month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1))) {
    const next = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1));
    const inserted = await prisma.$executeRaw`
      WITH members AS (
        SELECT DISTINCT ON (sponsor_id) sponsor_id, user_id FROM sponsor_members ORDER BY sponsor_id, role, created_at
      ), source AS (
        SELECT a.id, a.analysis_date, a.farmer_id, a.sponsor_id, a.crop_type, m.user_id AS member,
               ('x' || substr(md5(a.id::text), 1, 8))::bit(32)::bigint AS h
        FROM plant_analyses a JOIN members m ON m.sponsor_id = a.sponsor_id
        WHERE a.analysis_date >= ${month} AND a.analysis_date < ${next} AND a.status = 'completed'
          AND a.id <> ALL (${demoLatest}::uuid[])
      ), messages AS (
        SELECT s.*, k, (k + s.h % 2) % 2 = 1 AS from_sponsor,
               s.analysis_date + make_interval(mins => (k * (30 + s.h % 120))::int) AS sent_at
        FROM source s CROSS JOIN LATERAL generate_series(1, 1 + ((s.h / 2) % 3)::int) AS k
        WHERE (s.h / 8) % 10 < 4
      )
      INSERT INTO analysis_messages (id, sent_at, analysis_id, analysis_date, sponsor_id, from_user_id, to_user_id, sender_role, body, read_at)
      SELECT md5('message:' || m.id || ':' || m.k)::uuid, m.sent_at, m.id, m.analysis_date, m.sponsor_id,
             CASE WHEN m.from_sponsor THEN m.member ELSE m.farmer_id END,
             CASE WHEN m.from_sponsor THEN m.farmer_id ELSE m.member END,
             (CASE WHEN m.from_sponsor THEN 'sponsor' ELSE 'farmer' END)::message_sender_role,
             format(CASE WHEN m.from_sponsor THEN (${SPONSOR_MESSAGES}::text[])[1 + (m.h / 32) % ${SPONSOR_MESSAGES.length}::int]
                         ELSE (${FARMER_MESSAGES}::text[])[1 + (m.h / 32) % ${FARMER_MESSAGES.length}::int] END, m.crop_type),
             CASE WHEN m.sent_at < ${today}::timestamptz - interval '3 days' AND (m.h / 64) % 13 <> 0 THEN m.sent_at + interval '3 hours' END
      FROM messages m
      ON CONFLICT DO NOTHING`;
    if (scale === 'large') log(`  sponsors: messages of ${month.toISOString().slice(0, 7)}: ${inserted.toLocaleString('en')}`);
  }
  // Written out: Sofia and Amina, Kenji and Tomás, about the farmers' latest analyses (yesterday's
  // on the day they were seeded). Dated from the analysis as stored: a seed run on a later day
  // keeps the analyses, and a message (keyed by its id and time) must find them, and itself.
  const latestAnalyses = await prisma.$queryRaw<{ id: string; analysis_date: Date }[]>`SELECT id::text, analysis_date FROM plant_analyses WHERE id = ANY (${demoLatest}::uuid[])`;
  const latestAnalysisDate = new Map(latestAnalyses.map((analysis) => [analysis.id, analysis.analysis_date]));
  const conversation = (farmer: (typeof DEMO_FARMERS)[number], member: string, lines: [from: 'farmer' | 'sponsor', body: string, readByRecipient: boolean][]) => {
    const analysisId = demoAnalysisId(farmer.key, 1);
    const analysisDate = latestAnalysisDate.get(analysisId)!;
    return lines.map(([from, body, read], i) => {
      // Every 75 minutes from 9:00 on the analysis's day (the analysis itself is at 9:07).
      const sentAt = new Date(analysisDate.getTime() + ((i + 1) * 75 - 7) * 60_000);
      return {
        id: stableUuid(`message:demo:${farmer.key}:${i}`),
        sentAt,
        analysisId,
        analysisDate,
        sponsorId: demoSponsorId(farmer.sponsorKey),
        fromUserId: from === 'farmer' ? farmer.userId : member,
        toUserId: from === 'farmer' ? member : farmer.userId,
        senderRole: from,
        body,
        readAt: read ? new Date(sentAt.getTime() + 20 * 60_000) : null,
      };
    });
  };
  const [amina, tomas] = DEMO_FARMERS;
  await prisma.analysisMessage.createMany({
    data: [
      ...conversation(amina, 'usr_sofia', [
        ['sponsor', 'Good morning Amina, the tomato analysis shows early blight on the lower leaves. Remove them today and avoid watering the foliage.', true],
        ['farmer', 'Thank you Sofia. Should I also spray? The cooperative has a copper fungicide.', true],
        ['sponsor', 'Yes, copper is fine: follow the label rate and spray again after 7 days if it stays humid. Send a new photo next week.', false],
      ]),
      ...conversation(tomas, 'usr_kenji', [
        ['sponsor', 'Hello Tomás, your wheat looks healthy. The slight yellowing is nitrogen: a side-dressing before the rain would help.', true],
        ['farmer', 'How much should I apply per hectare?', false],
      ]),
    ],
    skipDuplicates: true,
  });

  // Partitioned parents are never analysed by autovacuum: the planner needs their statistics.
  // At large scale, VACUUM also sets the visibility map, so the analytics' index-only scans skip the heap.
  await prisma.$executeRawUnsafe(`${scale === 'large' ? 'VACUUM ' : ''}ANALYZE sponsorship_codes, user_subscriptions, plant_analyses, analysis_messages`);
  const [counts] = (await prisma.$queryRaw`
    SELECT (SELECT count(*) FROM sponsorship_codes)::int AS codes, (SELECT count(*) FROM plant_analyses)::int AS analyses,
           (SELECT count(*) FROM analysis_messages)::int AS messages, (SELECT count(*) FROM user_subscriptions)::int AS subscriptions`) as [{ codes: number; analyses: number; messages: number; subscriptions: number }];
  log(`  sponsors: ${counts.codes.toLocaleString('en')} codes, ${counts.subscriptions.toLocaleString('en')} subscriptions, ${counts.analyses.toLocaleString('en')} analyses, ${counts.messages.toLocaleString('en')} messages`);
}
