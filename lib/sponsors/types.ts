/*
 * What the Sponsors module's reads return: plain, JSON-safe objects (dates as ISO strings), the
 * same in pages, API answers and the cache.
 */

export const MEMBER_ROLES = ['owner', 'manager', 'analyst'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const SUBSCRIPTION_TIERS = ['trial', 'small', 'medium', 'large', 'xlarge'] as const;
export type SubscriptionTier = (typeof SUBSCRIPTION_TIERS)[number];
/** Tiers a sponsorship code can grant (a trial is never sponsored). */
export const CODE_TIERS = ['small', 'medium', 'large', 'xlarge'] as const;
export type CodeTier = (typeof CODE_TIERS)[number];

export const TIER_LABELS: Record<SubscriptionTier, string> = { trial: 'Trial', small: 'S', medium: 'M', large: 'L', xlarge: 'XL' };
/** Analyses a day each tier allows (ZiraAI's tiers). */
export const TIER_DAILY_ANALYSES: Record<SubscriptionTier, number> = { trial: 1, small: 5, medium: 20, large: 50, xlarge: 100 };

/**
 * ROI assumptions, shown beside the figures: what a sponsor pays for a code of each tier (EUR),
 * and what one analysis is worth to a farmer (an agronomist's visit it stands in for).
 */
export const TIER_PRICE_EUR: Record<CodeTier, number> = { small: 10, medium: 20, large: 35, xlarge: 60 };
export const VALUE_PER_ANALYSIS_EUR = 25;

/** Days a redeemed code's subscription lasts. */
export const SUBSCRIPTION_DAYS = 30;

export const ANALYSIS_STATUSES = ['pending', 'processing', 'completed', 'failed'] as const;
export type AnalysisStatus = (typeof ANALYSIS_STATUSES)[number];

export const BUCKETS = ['day', 'week', 'month'] as const;
export type Bucket = (typeof BUCKETS)[number];

/** A sponsor as the viewer may see it, and what the viewer may do there. */
export interface SponsorAccess {
  sponsorId: string;
  name: string;
  codePrefix: string;
  /** The viewer's role; `admin` for an administrator who is not a member (read-only). */
  role: MemberRole | 'admin';
  /** Generate codes, hand them to dealers, mark them as sent. */
  canManageCodes: boolean;
  /** Add and remove members and dealers. */
  canManageTeam: boolean;
}

/** The sponsors and dealerships of a person (the hub page). */
export interface SponsorRoles {
  memberships: { sponsorId: string; name: string; role: MemberRole }[];
  dealerships: { dealerId: string; sponsorId: string; sponsorName: string; dealerName: string }[];
}

export interface AnalyticsRange {
  /** First day, YYYY-MM-DD (UTC), included. */
  from: string;
  /** Last day, YYYY-MM-DD (UTC), included. */
  to: string;
  bucket: Bucket;
}

/** Codes distributed and redeemed in a range (one statement over sponsorship_codes). */
export interface CodeAnalytics {
  /** Per bucket (the bucket's first day). Empty buckets are left out: see fillBuckets(). */
  series: { bucket: string; distributed: number; redeemed: number }[];
  /** Per dealer; `dealerId` null for codes the sponsor sent itself. */
  dealers: { dealerId: string | null; name: string; distributed: number; redeemed: number; redeemedOfDistributed: number; inHand: number }[];
  /** Per tier: what the range cost (codes distributed × tier price). */
  tiers: { tier: CodeTier; distributed: number; redeemed: number }[];
  totals: { distributed: number; redeemed: number; redeemedOfDistributed: number };
}

/** Analyses in a range (one statement over plant_analyses). */
export interface AnalysisAnalytics {
  series: { bucket: string; analyses: number; avgHealth: number | null }[];
  dealers: { dealerId: string | null; analyses: number; farmers: number }[];
  crops: { cropType: string; analyses: number; avgHealth: number | null }[];
  totals: { analyses: number; farmers: number; completed: number; failed: number; avgHealth: number | null };
}

/** Messages in a range (one statement over analysis_messages). */
export interface MessageAnalytics {
  series: { bucket: string; fromSponsor: number; fromFarmers: number }[];
  totals: {
    messages: number;
    fromSponsor: number;
    fromFarmers: number;
    conversations: number;
    /** Farmers' messages followed by a reply from the sponsor in the range. */
    answered: number;
    /** Mean time to that reply (hours), or null. */
    avgResponseHours: number | null;
  };
}

/** Everything the sponsor analytics page and its API route show. */
export interface SponsorAnalytics {
  sponsor: { id: string; name: string };
  range: AnalyticsRange;
  /** One point per bucket of the range, zeros included. */
  series: { bucket: string; codesDistributed: number; codesRedeemed: number; analyses: number; messages: number }[];
  totals: {
    codesDistributed: number;
    codesRedeemed: number;
    /** Codes distributed in the range that have been redeemed since, over codes distributed (0–1), or null. */
    redemptionRate: number | null;
    analyses: number;
    activeFarmers: number;
    avgHealthScore: number | null;
    messages: number;
  };
  roi: RoiFigures;
  messaging: MessageAnalytics['totals'] & { responseRate: number | null };
  dealers: DealerPerformance[];
  crops: AnalysisAnalytics['crops'];
}

export interface RoiFigures {
  /** Codes distributed in the range × their tier's price (EUR). */
  investment: number;
  costPerRedemption: number | null;
  costPerAnalysis: number | null;
  /** Analyses × VALUE_PER_ANALYSIS_EUR. */
  estimatedValue: number;
  /** (value − investment) / investment, or null without investment. */
  roi: number | null;
  byTier: { tier: CodeTier; distributed: number; redeemed: number; investment: number }[];
}

export interface DealerPerformance {
  dealerId: string | null;
  name: string;
  distributed: number;
  redeemed: number;
  redemptionRate: number | null;
  inHand: number;
  analyses: number;
  farmers: number;
}

/** A page of a keyset-paginated list. `next` is the cursor of the following page, or null. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

export type CodeStatus = 'in_stock' | 'with_dealer' | 'sent' | 'redeemed' | 'expired' | 'inactive';
export const CODE_FILTERS = ['all', 'in_stock', 'with_dealer', 'sent', 'redeemed', 'expired'] as const;
export type CodeFilter = (typeof CODE_FILTERS)[number];

export interface CodeRow {
  id: string;
  code: string;
  tier: CodeTier;
  status: CodeStatus;
  sponsorName: string;
  dealerId: string | null;
  dealerName: string | null;
  createdAt: string;
  distributedAt: string | null;
  redeemedAt: string | null;
  redeemedByName: string | null;
  expiresAt: string;
}

/** A list's view of an analysis: no JSON document, ever (the plan's DTO projection). */
export interface AnalysisListItem {
  id: string;
  analysisDate: string;
  status: AnalysisStatus;
  cropType: string;
  overallHealthScore: number | null;
  imageUrl: string | null;
  location: string | null;
  farmerName: string;
  sponsorName: string | null;
  dealerName: string | null;
}

/** JSON documents of an analysis, as stored (see lib/sponsors/documents.ts for their shape). */
export type AnalysisDocument = Record<string, unknown>;

export interface AnalysisDetail extends AnalysisListItem {
  farmerId: string;
  sponsorId: string | null;
  viewerIsFarmer: boolean;
  documents: {
    detailedAnalysis: AnalysisDocument | null;
    healthAssessment: AnalysisDocument | null;
    nutrientStatus: AnalysisDocument | null;
    pestDisease: AnalysisDocument | null;
    environmentalStress: AnalysisDocument | null;
    recommendations: AnalysisDocument | null;
  };
  messages: ThreadMessage[];
}

export interface ThreadMessage {
  id: string;
  sentAt: string;
  senderRole: 'farmer' | 'sponsor';
  fromName: string;
  body: string;
  /** Sent to the viewer and not read yet. */
  unreadByViewer: boolean;
}

export interface MessageListItem {
  id: string;
  sentAt: string;
  analysisId: string;
  sponsorName: string;
  /** The other person: the sender in the inbox, the recipient in sent items. */
  otherName: string;
  senderRole: 'farmer' | 'sponsor';
  preview: string;
  read: boolean;
}

export interface SubscriptionView {
  id: string;
  tier: SubscriptionTier;
  startDate: string;
  endDate: string;
  sponsorId: string | null;
  sponsorName: string | null;
  dailyAnalyses: number;
}

export interface TeamView {
  members: { userId: string; name: string; email: string; role: MemberRole; since: string }[];
  dealers: { dealerId: string; userId: string; name: string; personName: string; region: string | null }[];
}
