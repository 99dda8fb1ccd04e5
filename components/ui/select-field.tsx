import type { SelectHTMLAttributes } from 'react';
import { FieldFrame, controlClass, fieldIds, invalidProps } from './field-frame';

/** A labelled select with its error, wired for screen readers like Field. */
export function SelectField({
  label,
  name,
  scope,
  error,
  options,
  className,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; name: string; scope?: string; error?: string; options: { value: string; label: string }[] }) {
  return (
    <FieldFrame name={name} scope={scope} label={label} error={error} className={className}>
      <select id={fieldIds(name, scope).id} name={name} {...invalidProps(name, error, scope)} className={controlClass(error)} {...props}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}
