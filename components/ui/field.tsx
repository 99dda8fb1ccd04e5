import type { InputHTMLAttributes } from 'react';
import { cn } from './cn';

/** A labelled input with its error, wired for screen readers. */
export function Field({ label, name, error, className, ...props }: InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; error?: string }) {
  const id = `field-${name}`;
  const errorId = `${id}-error`;
  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={cn(
          'h-10 rounded-md border bg-white px-3 text-sm text-slate-900 shadow-sm placeholder:text-slate-500',
          error ? 'border-red-600' : 'border-slate-300',
        )}
        {...props}
      />
      <p id={errorId} className="min-h-5 text-sm text-red-700">
        {error}
      </p>
    </div>
  );
}
