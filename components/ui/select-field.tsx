import type { SelectHTMLAttributes } from 'react';
import { cn } from './cn';

/** A labelled select with its error, wired for screen readers like Field. */
export function SelectField({
  label,
  name,
  error,
  options,
  className,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; name: string; error?: string; options: { value: string; label: string }[] }) {
  const id = `field-${name}`;
  const errorId = `${id}-error`;
  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={cn('h-10 rounded-md border bg-white px-3 text-sm text-slate-900 shadow-sm', error ? 'border-red-600' : 'border-slate-300')}
        {...props}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <p id={errorId} className="min-h-5 text-sm text-red-700">
        {error}
      </p>
    </div>
  );
}
