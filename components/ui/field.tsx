import type { InputHTMLAttributes } from 'react';
import { FieldFrame, controlClass, fieldIds, invalidProps } from './field-frame';

/** A labelled input with its error, wired for screen readers. */
export function Field({ label, name, scope, error, className, ...props }: InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; scope?: string; error?: string }) {
  return (
    <FieldFrame name={name} scope={scope} label={label} error={error} className={className}>
      <input id={fieldIds(name, scope).id} name={name} {...invalidProps(name, error, scope)} className={`${controlClass(error)} placeholder:text-slate-500`} {...props} />
    </FieldFrame>
  );
}
