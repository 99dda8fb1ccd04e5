/** Plain, JSON-safe shapes of the Leads module (they pass through the cache and the API). */

export const LEAD_STATUSES = ['new', 'qualified', 'converted', 'lost'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const LEAD_STATUS_LABELS: Record<LeadStatus, string> = { new: 'New', qualified: 'Qualified', converted: 'Converted', lost: 'Lost' };

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';
export type SearchState = 'idle' | 'queued' | 'running';
export type LogLevel = 'info' | 'warn' | 'error';

/** One part of a score: "Keyword in the title", +35. */
export interface ScoreReason {
  label: string;
  points: number;
}

export interface MentionSummary {
  id: string;
  title: string;
  url: string | null;
  source: string;
  author: string | null;
  publishedAt: string;
}

export interface RecentLead {
  id: string;
  status: LeadStatus;
  score: number;
  createdAt: string;
  mention: MentionSummary;
  keyword: { id: string; text: string };
}

/** The plan's keyword performance: score 0.3 × mentions + 0.7 × leads; conversion = leads / mentions. */
export interface KeywordPerformance {
  id: string;
  text: string;
  mentions: number;
  leads: number;
  /** Percent, two decimals. */
  conversionRate: number;
  score: number;
}

export interface IntegrationLogLine {
  id: string;
  level: LogLevel;
  message: string;
  createdAt: string;
}

export interface IntegrationSummary {
  id: string;
  name: string;
  feedUrl: string;
  provider: FeedFormat | null;
  status: 'active' | 'paused';
  healthScore: number;
  recentRuns: string;
  lastSearchedAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  searchState: SearchState;
  searchProgress: string | null;
  searchRequestedAt: string | null;
  createdAt: string;
}

export interface IntegrationStatusEntry extends IntegrationSummary {
  logs: IntegrationLogLine[];
}

export interface DailyLeads {
  /** YYYY-MM-DD (UTC). */
  day: string;
  leads: number;
}

export interface LeadAnalytics {
  total: number;
  /** Leads created this calendar month (UTC), and the whole month before. */
  thisMonth: number;
  lastMonth: number;
  /** The last 30 days, oldest first, today included. */
  daily: DailyLeads[];
}

export interface ConversionMetrics {
  totalLeads: number;
  mentions: number;
  newToday: number;
  qualified: number;
  converted: number;
  /** Converted leads per mention, percent (the plan's definition). */
  conversionRate: number;
  topKeyword: string | null;
}

export interface KeywordRow {
  id: string;
  text: string;
  mentionsCount: number;
  leadsCount: number;
  createdAt: string;
}

export interface MentionRow extends MentionSummary {
  content: string;
  score: number;
  scoreReasons: ScoreReason[];
  keyword: { id: string; text: string };
  integrationId: string | null;
  lead: { id: string; status: LeadStatus } | null;
}

export interface MentionPage {
  mentions: MentionRow[];
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface PipelineLead extends RecentLead {
  scoreReasons: ScoreReason[];
}

export interface PipelineColumn {
  status: LeadStatus;
  /** All the owner's leads in this status (the counter), whatever the page shows. */
  count: number;
  leads: PipelineLead[];
}

export interface Pipeline {
  threshold: number;
  columns: PipelineColumn[];
}

export interface IntegrationDetail extends IntegrationSummary {
  logs: IntegrationLogLine[];
}

export interface LeadsDashboard {
  recentLeads: RecentLead[];
  keywordPerformance: KeywordPerformance[];
  integrationStatus: IntegrationStatusEntry[];
  analytics: LeadAnalytics;
  conversionMetrics: ConversionMetrics;
}

/** The plan's /analytics answer. */
export interface LeadsAnalyticsReport {
  leads: LeadAnalytics;
  conversions: { mentions: number; qualified: number; converted: number; conversionRate: number };
  keywords: { id: string; name: string; mentions: number; leads: number; conversionRate: number }[];
  integrations: { id: string; platform: FeedFormat | null; name: string; status: 'active' | 'paused'; healthScore: number; lastSync: string | null }[];
}

/** What the search job did with one source. */
export interface SearchOutcome {
  status: 'done' | 'failed' | 'skipped';
  entries?: number;
  newMentions?: number;
  newLeads?: number;
  error?: string;
}
