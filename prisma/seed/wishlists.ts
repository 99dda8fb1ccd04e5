import { faker } from '@faker-js/faker';
import { Prisma, type PrismaClient } from '@/lib/generated/prisma/client';
import type { DemoAccountId } from './demo-accounts';
import { HOUR_MS, daysFrom, demoListId, hoursBefore, peopleCount, stableUuid } from './shared';
import type { SeedContext } from './index';

type Visibility = 'private' | 'partner_only' | 'public';
type EventType = 'birthday' | 'wedding' | 'holiday' | 'baby' | 'graduation' | 'housewarming' | 'other';
type Status = 'available' | 'reserved' | 'purchased';

interface DemoItem {
  name: string;
  price?: string;
  currency?: string;
  url?: string;
  /** The owner's note for givers. */
  notes?: string;
  /** Reserved or bought by a demo friend: the owner must never see this before the event. */
  taken?: { by: DemoAccountId; status: Exclude<Status, 'available'> };
}

interface DemoList {
  key: string;
  owner: DemoAccountId;
  name: string;
  description?: string;
  visibility: Visibility;
  event?: { type: EventType; inDays: number };
  items: DemoItem[];
}

/**
 * The demo accounts' lists, written out so that journeys and access tests know what to expect.
 * Event dates are relative to the day of seeding so that "upcoming events" stays meaningful.
 */
export const DEMO_LISTS: DemoList[] = [
  {
    key: 'ada-birthday',
    owner: 'usr_ada',
    name: 'Birthday wishes',
    description: 'Turning 30! Anything from here makes me happy.',
    visibility: 'partner_only',
    event: { type: 'birthday', inDays: 21 },
    items: [
      { name: 'Noise-cancelling headphones', price: '249.00', currency: 'EUR', taken: { by: 'usr_ben', status: 'reserved' } },
      { name: 'Pottery class for two', price: '120.00', currency: 'EUR', taken: { by: 'usr_chloe', status: 'purchased' } },
      { name: 'Hardcover atlas', price: '45.50', currency: 'EUR', notes: 'The latest edition, please.' },
      { name: 'Espresso cups (set of 4)', price: '32.00', currency: 'EUR' },
      { name: 'Houseplant: monstera', price: '28.00', currency: 'EUR' },
    ],
  },
  {
    key: 'ada-office',
    owner: 'usr_ada',
    name: 'Home office',
    visibility: 'private',
    items: [
      { name: 'Monitor arm', price: '89.00', currency: 'EUR' },
      { name: 'Desk lamp', price: '59.90', currency: 'EUR' },
      { name: 'Footrest' },
    ],
  },
  {
    key: 'ada-holiday',
    owner: 'usr_ada',
    name: 'Holiday ideas',
    visibility: 'public',
    event: { type: 'holiday', inDays: 40 },
    items: [
      { name: 'Board game: Wingspan', price: '55.00', currency: 'EUR' },
      { name: 'Wool socks', price: '18.00', currency: 'EUR', notes: 'Size 39–42, any colour but yellow.' },
      { name: 'Cookbook: Salt Fat Acid Heat', price: '30.00', currency: 'EUR' },
    ],
  },
  {
    key: 'ben-wedding',
    owner: 'usr_ben',
    name: 'Wedding registry',
    description: 'Ben & Sam, June in Lisbon.',
    visibility: 'public',
    event: { type: 'wedding', inDays: 50 },
    items: [
      { name: 'Dutch oven', price: '199.00', currency: 'USD', taken: { by: 'usr_ada', status: 'purchased' } },
      { name: 'Linen bedding', price: '240.00', currency: 'USD' },
      { name: 'Chef knife', price: '150.00', currency: 'USD' },
      { name: 'Picnic set', price: '85.00', currency: 'USD' },
    ],
  },
  {
    key: 'ben-gadgets',
    owner: 'usr_ben',
    name: 'Gadgets',
    visibility: 'partner_only',
    items: [
      { name: 'E-reader', price: '139.99', currency: 'USD' },
      { name: 'Bike light', price: '35.00', currency: 'USD', taken: { by: 'usr_chloe', status: 'reserved' } },
    ],
  },
  { key: 'ben-secret', owner: 'usr_ben', name: 'Secret list', visibility: 'private', items: [{ name: 'Surprise for Sam' }] },
  {
    key: 'chloe-baby',
    owner: 'usr_chloe',
    name: 'Baby shower',
    visibility: 'partner_only',
    event: { type: 'baby', inDays: 10 },
    items: [
      { name: 'Baby carrier', price: '119.00', currency: 'EUR' },
      { name: 'Muslin blankets', price: '24.00', currency: 'EUR', taken: { by: 'usr_ada', status: 'reserved' } },
      { name: 'Night light', price: '19.00', currency: 'EUR' },
    ],
  },
  {
    key: 'dev-graduation',
    owner: 'usr_dev',
    name: 'Graduation',
    visibility: 'public',
    event: { type: 'graduation', inDays: 90 },
    items: [{ name: 'Fountain pen', price: '75.00', currency: 'GBP' }, { name: 'Backpack', price: '95.00', currency: 'GBP' }],
  },
  {
    key: 'eunji-housewarming',
    owner: 'usr_eunji',
    name: 'Housewarming',
    visibility: 'partner_only',
    event: { type: 'housewarming', inDays: 15 },
    items: [{ name: 'Rice cooker', price: '89.00', currency: 'EUR' }, { name: 'Ceramic vase', price: '40.00', currency: 'EUR' }],
  },
  { key: 'farah-books', owner: 'usr_farah', name: 'Books to read', visibility: 'public', items: [{ name: 'The Overstory', price: '16.00', currency: 'EUR' }] },
  { key: 'gus-camping', owner: 'usr_gus', name: 'Camping gear', visibility: 'public', items: [{ name: 'Tent', price: '320.00', currency: 'SEK' }] },
  { key: 'gus-private', owner: 'usr_gus', name: 'Private notes', visibility: 'private', items: [{ name: 'Nothing to see' }] },
  { key: 'admin-office', owner: 'usr_admin', name: 'Team office', visibility: 'public', items: [{ name: 'Coffee grinder', price: '149.00', currency: 'EUR' }] },
];


const SCALE = {
  // Generated people: lists per person cycle 1..3; items per list cycle 2..6; ten activities each.
  demo: { itemsPerList: 4, activitiesPerPerson: 10 },
  // 200,000 people → ~400,000 lists → ~1.2 million items; 2 million activities.
  large: { itemsPerList: 3, activitiesPerPerson: 10 },
} as const;

/**
 * When the demo lists' things happened, in hours before the seed's day (`context.today`): every
 * list's items were added in their order over the last few days (the first list's last item an
 * hour ago), each gift was taken halfway between its item's addition and the day, and each list
 * was created before its items, the first list two weeks ago, each next one a day later. So
 * "today", "this week" and "this month" all have something in every demo circle, and the order
 * of creation is the order of DEMO_LISTS and of their items.
 */
const demoTimes = {
  itemAdded: (list: number, position: number, items: number) => (items - 1 - position) * 11 + list * 3 + 1,
  taken: (list: number, position: number, items: number) => demoTimes.itemAdded(list, position, items) / 2,
  created: (list: number) => (14 - list) * 24 - 8,
};

export async function seedWishlists(prisma: PrismaClient, { scale, log, today }: SeedContext): Promise<void> {
  faker.seed(2000);

  // Demo accounts' lists, items and activities, with fixed ids (idempotent upserts).
  for (const [index, list] of DEMO_LISTS.entries()) {
    const id = demoListId(list.key);
    const itemAddedAt = (position: number) => hoursBefore(today, demoTimes.itemAdded(index, position, list.items.length));
    const takenAt = (position: number) => hoursBefore(today, demoTimes.taken(index, position, list.items.length));
    const createdAt = new Date(Math.min(hoursBefore(today, demoTimes.created(index)).getTime(), itemAddedAt(0).getTime() - HOUR_MS));
    const data = {
      ownerId: list.owner,
      name: list.name,
      description: list.description ?? null,
      visibility: list.visibility,
      eventType: list.event?.type ?? null,
      eventDate: list.event ? daysFrom(today, list.event.inDays) : null,
      // Last changed when its newest item was added (set explicitly: @updatedAt would say "now").
      updatedAt: list.items.length > 0 ? itemAddedAt(list.items.length - 1) : createdAt,
    };
    await prisma.wishlist.upsert({ where: { id }, create: { id, ...data, createdAt }, update: data });
    await prisma.item.createMany({
      data: list.items.map((item, position) => ({
        id: stableUuid(`item:${list.key}:${position}`),
        wishlistId: id,
        name: item.name,
        url: item.url ?? null,
        price: item.price ?? null,
        currency: item.currency ?? null,
        notes: item.notes ?? null,
        status: item.taken?.status ?? 'available',
        purchasedById: item.taken?.by ?? null,
        purchasedAt: item.taken ? takenAt(position) : null,
        createdAt: itemAddedAt(position),
        updatedAt: item.taken ? takenAt(position) : itemAddedAt(position),
      })),
      skipDuplicates: true,
    });
    await prisma.activity.createMany({
      data: [
        { id: stableUuid(`activity:${list.key}:created`), actorId: list.owner, kind: 'wishlist_created', wishlistId: id, subjectId: id, payload: { name: list.name }, createdAt },
        ...list.items.map((item, position) => ({
          id: stableUuid(`activity:${list.key}:item:${position}`),
          actorId: list.owner,
          kind: 'item_added' as const,
          wishlistId: id,
          subjectId: stableUuid(`item:${list.key}:${position}`),
          payload: { name: item.name, list: list.name },
          createdAt: itemAddedAt(position),
        })),
        ...list.items.flatMap((item, position) =>
          item.taken
            ? [
                {
                  id: stableUuid(`activity:${list.key}:taken:${position}`),
                  actorId: item.taken.by,
                  kind: item.taken.status === 'reserved' ? ('item_reserved' as const) : ('item_purchased' as const),
                  wishlistId: id,
                  subjectId: stableUuid(`item:${list.key}:${position}`),
                  payload: { name: item.name, list: list.name },
                  createdAt: takenAt(position),
                },
              ]
            : [],
        ),
      ],
      skipDuplicates: true,
    });
  }
  log(`  wishlists: ${DEMO_LISTS.length} demo lists`);

  // Everyone else, in bulk SQL. Person n owns 1 + n % 3 lists; visibility and event cycle.
  const people = peopleCount(scale);
  const size = SCALE[scale];
  const listNames = Array.from({ length: 200 }, () => `${faker.word.adjective()} ${faker.word.noun()}`.replace(/^./, (c) => c.toUpperCase()));
  const itemNames = Array.from({ length: 500 }, () => faker.commerce.productName());
  // When person n's list k was last changed: spread over the 30 days before the seed's day (its
  // newest item was added then, its other items an hour apart before, the list days before that).
  const listAge = Prisma.sql`make_interval(mins => 30 + (n * 7919 + k * 1543) % 43170)`;
  const batch = 50_000;
  for (let start = 1; start <= people; start += batch) {
    const end = Math.min(people, start + batch - 1);
    await prisma.$executeRaw`
      INSERT INTO wishlists (id, owner_id, name, visibility, event_type, event_date, created_at, updated_at)
      SELECT md5('wishlist:' || n || ':' || k)::uuid,
             'usr_' || lpad(n::text, 7, '0'),
             (${listNames}::text[])[1 + (n * 7 + k) % ${listNames.length}],
             (ARRAY['public', 'partner_only', 'private'])[1 + (n + k) % 3]::wishlist_visibility,
             CASE WHEN (n + k) % 4 = 0 THEN NULL
                  ELSE (ARRAY['birthday', 'wedding', 'holiday', 'baby', 'graduation', 'housewarming', 'other'])[1 + (n + k) % 7]::wishlist_event_type END,
             CASE WHEN (n + k) % 4 = 0 THEN NULL ELSE ${today}::date + ((n * 13 + k * 5) % 200 - 40) END,
             ${today}::timestamptz - ${listAge} - make_interval(days => 1 + (n + k) % 20),
             ${today}::timestamptz - ${listAge}
      FROM generate_series(${start}::int, ${end}::int) AS n, generate_series(0, 2) AS k
      WHERE k <= n % 3
      ON CONFLICT (id) DO NOTHING`;
    await prisma.$executeRaw`
      INSERT INTO items (id, wishlist_id, name, price, currency, status, purchased_by_id, purchased_at, created_at, updated_at)
      SELECT md5('item:' || n || ':' || k || ':' || i)::uuid,
             md5('wishlist:' || n || ':' || k)::uuid,
             (${itemNames}::text[])[1 + (n * 11 + k * 3 + i) % ${itemNames.length}],
             round((5 + (n * 37 + i * 101) % 495)::numeric + ((n + i) % 100) / 100.0, 2),
             (ARRAY['EUR', 'USD', 'GBP'])[1 + (n + i) % 3],
             CASE WHEN (n + i) % 7 = 0 THEN 'purchased' WHEN (n + i) % 5 = 0 THEN 'reserved' ELSE 'available' END::item_status,
             CASE WHEN (n + i) % 7 = 0 OR (n + i) % 5 = 0 THEN 'usr_' || lpad((1 + n % ${people}::int)::text, 7, '0') END,
             CASE WHEN (n + i) % 7 = 0 OR (n + i) % 5 = 0 THEN ${today}::timestamptz - ${listAge} + make_interval(mins => 1 + (n + i) % 29) END,
             ${today}::timestamptz - ${listAge} - make_interval(hours => i - 1),
             ${today}::timestamptz - ${listAge} - make_interval(hours => i - 1)
      FROM generate_series(${start}::int, ${end}::int) AS n, generate_series(0, 2) AS k, generate_series(1, ${size.itemsPerList}::int) AS i
      WHERE k <= n % 3
      ON CONFLICT (id) DO NOTHING`;
    await prisma.$executeRaw`
      INSERT INTO activities (id, actor_id, kind, wishlist_id, subject_id, payload, created_at)
      SELECT md5('activity:' || n || ':' || a)::uuid,
             'usr_' || lpad(n::text, 7, '0'),
             CASE WHEN a = 0 THEN 'wishlist_created' ELSE 'item_added' END::activity_kind,
             md5('wishlist:' || n || ':' || (a % (1 + n % 3)))::uuid,
             NULL,
             jsonb_build_object('name', (${itemNames}::text[])[1 + (n * 11 + a) % ${itemNames.length}]),
             ${today}::timestamptz - make_interval(mins => 1 + (n * 7919 + a * 3571) % 43200)
      FROM generate_series(${start}::int, ${end}::int) AS n, generate_series(0, ${size.activitiesPerPerson - 1}::int) AS a
      ON CONFLICT (id) DO NOTHING`;
    log(`  wishlists: people ${end} / ${people}`);
  }

  const [lists, items, activities] = await Promise.all([prisma.wishlist.count(), prisma.item.count(), prisma.activity.count()]);
  log(`  wishlists: ${lists} lists, ${items} items, ${activities} activities`);
}
