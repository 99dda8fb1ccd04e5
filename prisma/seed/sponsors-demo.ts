import { stableUuid } from './shared';

/*
 * The Sponsors module's demo data that pages, budgets, journeys and tests name: cheap to import
 * (the manifest imports it). The seeder itself is ./sponsors.ts.
 */

export interface DemoSponsor {
  key: string;
  name: string;
  /** Three letters at the start of its codes. */
  prefix: string;
  country: string;
  /** Members among the demo accounts (the others are generated people). */
  members: { userId: string; role: 'owner' | 'manager' | 'analyst' }[];
}

export const DEMO_SPONSORS: DemoSponsor[] = [
  {
    key: 'greenleaf',
    name: 'GreenLeaf Agro',
    prefix: 'GRN',
    country: 'TR',
    members: [
      { userId: 'usr_sofia', role: 'owner' },
      { userId: 'usr_marco', role: 'analyst' },
    ],
  },
  { key: 'agrinova', name: 'AgriNova', prefix: 'AGN', country: 'TR', members: [{ userId: 'usr_kenji', role: 'owner' }] },
  { key: 'terra', name: 'Terra Seeds', prefix: 'TRS', country: 'GR', members: [] },
];

/** Ids match the seed's SQL: md5('sponsor:' || key)::uuid. */
export const demoSponsorId = (key: string) => stableUuid(`sponsor:${key}`);
/** The k-th dealer of a sponsor: md5('dealer:' || key || ':' || k)::uuid. GreenLeaf's dealer 0 is Dario. */
export const demoDealerId = (sponsorKey: string, k: number) => stableUuid(`dealer:${sponsorKey}:${k}`);
/** The n-th analysis of a demo farmer (1 is the most recent, yesterday morning). */
export const demoAnalysisId = (farmerKey: string, n: number) => stableUuid(`analysis:${farmerKey}:${n}`);

/** The demo farmers: their sponsor, the dealer who gave them their code (or none), their crops. */
export const DEMO_FARMERS = [
  { key: 'amina', userId: 'usr_amina', sponsorKey: 'greenleaf', dealer: 0 as number | null, crops: ['tomato', 'pepper'], analyses: 40, location: 'Manisa, Aegean' },
  { key: 'tomas', userId: 'usr_tomas', sponsorKey: 'agrinova', dealer: null as number | null, crops: ['wheat', 'sunflower'], analyses: 24, location: 'Konya, Central Anatolia' },
] as const;

/** Dario deals GreenLeaf's codes. */
export const DEMO_DEALER = { userId: 'usr_dario', sponsorKey: 'greenleaf', k: 0, name: 'Costa Farm Supply', region: 'Aegean' };

/** A GreenLeaf code in Dario's hands, not sent yet: the journeys send it and a farmer redeems it. */
export const DEMO_OPEN_CODE = 'GRN-DEMO-0001';
