import type { ScoreReason } from './types';

/**
 * The lead score of a mention (the plan's LeadScoringService), 0–100, with its reasons so that
 * the pipeline can explain it. Pure: the search job, the seed and the tests share it.
 */
export const INTENT_PHRASES = [
  'looking for',
  'recommend',
  'alternative to',
  'anyone know',
  'any suggestions',
  'need a',
  'switching from',
  'pricing',
  'budget',
  'hiring',
] as const;

export const SCORE_POINTS = {
  keywordInTitle: 35,
  keywordInText: 20,
  repeatedKeyword: 5,
  repeatedKeywordMax: 10,
  intent: 15,
  intentMax: 30,
  question: 10,
  lastDay: 15,
  lastWeek: 8,
} as const;

export interface ScoreInput {
  title: string;
  content: string;
  publishedAt: Date;
  now: Date;
  /** Where the keyword was found, and how often in all. */
  keywordInTitle: boolean;
  keywordHits: number;
}

export function scoreMention(input: ScoreInput): { score: number; reasons: ScoreReason[] } {
  const reasons: ScoreReason[] = [];
  reasons.push(input.keywordInTitle ? { label: 'Keyword in the title', points: SCORE_POINTS.keywordInTitle } : { label: 'Keyword in the text', points: SCORE_POINTS.keywordInText });
  if (input.keywordHits > 1) {
    reasons.push({ label: `Keyword mentioned ${input.keywordHits} times`, points: Math.min(SCORE_POINTS.repeatedKeywordMax, (input.keywordHits - 1) * SCORE_POINTS.repeatedKeyword) });
  }
  const text = `${input.title}\n${input.content}`.toLowerCase();
  const intents = INTENT_PHRASES.filter((phrase) => text.includes(phrase));
  if (intents.length > 0) {
    reasons.push({ label: `Buying intent: “${intents.slice(0, 2).join('”, “')}”`, points: Math.min(SCORE_POINTS.intentMax, intents.length * SCORE_POINTS.intent) });
  }
  if (text.includes('?')) reasons.push({ label: 'Asks a question', points: SCORE_POINTS.question });
  const age = input.now.getTime() - input.publishedAt.getTime();
  if (age <= 86_400_000) reasons.push({ label: 'Posted in the last day', points: SCORE_POINTS.lastDay });
  else if (age <= 7 * 86_400_000) reasons.push({ label: 'Posted in the last week', points: SCORE_POINTS.lastWeek });
  const score = Math.min(100, reasons.reduce((sum, reason) => sum + reason.points, 0));
  return { score, reasons };
}

/** The plan's keyword performance score and conversion rate (percent, two decimals). */
export const performanceScore = (mentions: number, leads: number) => Math.round(mentions * 0.3 + leads * 0.7);
export const conversionRate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 100 : 0);
