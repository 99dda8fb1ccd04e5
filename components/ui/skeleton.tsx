import { cn } from './cn';

/** A placeholder block; give it the exact size of what it stands for so nothing shifts. */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden="true" className={cn('animate-pulse rounded-md bg-slate-200', className)} />;
}
