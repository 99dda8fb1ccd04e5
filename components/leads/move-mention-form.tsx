'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import type { FormState } from '@/lib/validation';

/* Moving a mention to another keyword (server actions from the page: formAction; they work without JavaScript). */
type Action<T> = (previous: FormState<T>, formData: FormData) => Promise<FormState<T>>;

export function MoveMentionForm<T>({ action, keywords, current, title, id }: { action: Action<T>; keywords: { id: string; text: string }[]; current: string; title: string; id: string }) {
  const [state, submit, pending] = useActionState<FormState<T>, FormData>(action, null);
  const others = keywords.filter((keyword) => keyword.id !== current);
  if (others.length === 0) return null;
  return (
    <form action={submit} className="flex items-end gap-2" aria-label={`Move “${title}” to another keyword`}>
      <label htmlFor={`move-${id}`} className="sr-only">
        Move “{title}” to the keyword
      </label>
      <select id={`move-${id}`} name="keyword" className="h-8 w-40 rounded-md border border-slate-300 bg-white px-2 text-sm">
        {others.map((keyword) => (
          <option key={keyword.id} value={keyword.id}>
            {keyword.text}
          </option>
        ))}
      </select>
      <Button type="submit" variant="secondary" className="h-8 px-3" disabled={pending} aria-label={`Move “${title}”`}>
        {pending ? 'Moving…' : 'Move'}
      </Button>
      {state && !state.ok && (
        <span role="status" className="text-xs text-red-700">
          {state.message}
        </span>
      )}
    </form>
  );
}
