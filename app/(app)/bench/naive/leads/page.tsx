import type { Metadata } from 'next';
import { LeadsDashboard } from '@/components/leads/dashboard';
import { loadNaiveAnalytics, loadNaiveConversions, loadNaiveIntegrationStatus, loadNaiveKeywordPerformance, loadNaiveRecentLeads } from '@/lib/leads/naive';
import { benchOnly } from '../gate';

export const metadata: Metadata = { title: 'Leads (naive baseline)' };

const naive = {
  recentLeads: benchOnly(loadNaiveRecentLeads),
  keywordPerformance: benchOnly(loadNaiveKeywordPerformance),
  integrationStatus: benchOnly(loadNaiveIntegrationStatus),
  analytics: benchOnly(loadNaiveAnalytics),
  conversions: benchOnly(loadNaiveConversions),
};

/**
 * The benchmark's naive baseline of /leads (npm run bench; 404 unless BRISK_BENCH=1): the same
 * dashboard component as app/(app)/leads/page.tsx, fed by lib/leads/naive.ts.
 */
export default function NaiveLeadsPage() {
  return <LeadsDashboard loaders={naive} />;
}
