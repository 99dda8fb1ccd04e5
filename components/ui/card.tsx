import type { HTMLAttributes, ReactNode } from 'react';
import { cn } from './cn';

export function Card({ className, ...props }: HTMLAttributes<HTMLElement>) {
  return <section className={cn('rounded-lg border border-slate-200 bg-white p-5 shadow-sm', className)} {...props} />;
}

export function CardTitle({ children, as: Heading = 'h2' }: { children: ReactNode; as?: 'h2' | 'h3' }) {
  return <Heading className="text-base font-semibold text-slate-900">{children}</Heading>;
}
