/**
 * The demo accounts, listed in the README. Everyone shares one password so that QA and
 * product teams can sign in as any of them.
 */
export const DEMO_PASSWORD = 'brisk-demo-2026';

export const DEMO_ACCOUNTS = [
  { id: 'usr_admin', name: 'Avery Admin', email: 'admin@brisk.test', role: 'admin' },
  { id: 'usr_ada', name: 'Ada Park', email: 'ada@brisk.test', role: 'user' },
  { id: 'usr_ben', name: 'Ben Okafor', email: 'ben@brisk.test', role: 'user' },
  { id: 'usr_chloe', name: 'Chloé Martin', email: 'chloe@brisk.test', role: 'user' },
  { id: 'usr_dev', name: 'Dev Patel', email: 'dev@brisk.test', role: 'user' },
  { id: 'usr_eunji', name: 'Eun-ji Kim', email: 'eunji@brisk.test', role: 'user' },
  { id: 'usr_farah', name: 'Farah Haddad', email: 'farah@brisk.test', role: 'user' },
  { id: 'usr_gus', name: 'Gus Larsen', email: 'gus@brisk.test', role: 'user' },
  // Sponsors (prisma/seed/sponsors-demo.ts): sponsor members, a dealer and farmers.
  { id: 'usr_sofia', name: 'Sofia Reyes', email: 'sofia@brisk.test', role: 'user' },
  { id: 'usr_marco', name: 'Marco Bianchi', email: 'marco@brisk.test', role: 'user' },
  { id: 'usr_kenji', name: 'Kenji Sato', email: 'kenji@brisk.test', role: 'user' },
  { id: 'usr_dario', name: 'Dario Costa', email: 'dario@brisk.test', role: 'user' },
  { id: 'usr_amina', name: 'Amina Yusuf', email: 'amina@brisk.test', role: 'user' },
  { id: 'usr_tomas', name: 'Tomás Silva', email: 'tomas@brisk.test', role: 'user' },
] as const;

export type DemoAccountId = (typeof DEMO_ACCOUNTS)[number]['id'];

/** Friendships between demo accounts: [requester, addressee, status]. Gus has none (the stranger). */
export const DEMO_FRIENDSHIPS: [DemoAccountId, DemoAccountId, 'pending' | 'accepted' | 'declined'][] = [
  ['usr_ada', 'usr_ben', 'accepted'],
  ['usr_chloe', 'usr_ada', 'accepted'],
  ['usr_ben', 'usr_chloe', 'accepted'],
  ['usr_dev', 'usr_ada', 'pending'],
  ['usr_ada', 'usr_eunji', 'pending'],
  ['usr_farah', 'usr_ada', 'declined'],
  ['usr_dev', 'usr_eunji', 'accepted'],
  ['usr_eunji', 'usr_farah', 'accepted'],
  ['usr_admin', 'usr_ben', 'accepted'],
];
