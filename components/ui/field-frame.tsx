import type { ReactNode } from 'react';
import { cn } from './cn';

/**
 * The ids that tie a control to its label and error message. `scope` tells apart the fields of
 * several forms on one page that share a name (a useId() of the form).
 */
export function fieldIds(name: string, scope?: string) {
  const id = scope ? `field-${scope}-${name}` : `field-${name}`;
  return { id, errorId: `${id}-error` };
}

/** Label, control and error message, laid out and wired the same for every form control. */
export function FieldFrame({ name, scope, label, error, className, children }: { name: string; scope?: string; label: ReactNode; error?: string; className?: string; children: ReactNode }) {
  const { id, errorId } = fieldIds(name, scope);
  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      <p id={errorId} className="min-h-5 text-sm text-red-700">
        {error}
      </p>
    </div>
  );
}

/** Props that mark a control invalid and point it at its error message. */
export function invalidProps(name: string, error?: string, scope?: string) {
  return { 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? fieldIds(name, scope).errorId : undefined };
}

export const controlClass = (error?: string) => cn('h-10 rounded-md border bg-white px-3 text-sm text-slate-900 shadow-sm', error ? 'border-red-600' : 'border-slate-300');
