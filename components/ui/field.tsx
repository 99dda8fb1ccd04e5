import type { InputHTMLAttributes } from 'react';
import { FieldFrame, controlClass, fieldIds, invalidProps } from './field-frame';

/** A labelled input with its error, wired for screen readers. */
export function Field({ label, name, error, className, ...props }: InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; error?: string }) {
  return (
    <FieldFrame name={name} label={label} error={error} className={className}>
      <input id={fieldIds(name).id} name={name} {...invalidProps(name, error)} className={`${controlClass(error)} placeholder:text-slate-500`} {...props} />
    </FieldFrame>
  );
}
