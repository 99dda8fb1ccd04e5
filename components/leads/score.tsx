import type { ScoreReason } from '@/lib/leads/types';

/** "Why this score": the reasons a score adds up from (lib/leads/scoring.ts), in a disclosure. */
export function ScoreReasons({ reasons, score }: { reasons: ScoreReason[]; score: number }) {
  return (
    <details className="mt-1 text-xs text-slate-700">
      <summary className="cursor-pointer text-brand-700">Why this score</summary>
      <ul className="mt-1 flex flex-col gap-0.5">
        {reasons.map((reason) => (
          <li key={reason.label} className="flex justify-between gap-3">
            <span>{reason.label}</span>
            <span className="tabular-nums">+{reason.points}</span>
          </li>
        ))}
        <li className="flex justify-between gap-3 border-t border-slate-200 font-medium">
          <span>Score (at most 100)</span>
          <span className="tabular-nums">{score}</span>
        </li>
      </ul>
    </details>
  );
}
