import { z } from 'zod';
import { text } from '@/lib/validation';

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid e-mail address.')),
  password: z.string().min(1, 'Enter your password.'),
});

export const signUpSchema = z.object({
  name: text().trim().min(1, 'Enter your name.').max(100, 'Use at most 100 characters.'),
  email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid e-mail address.')),
  password: text().min(8, 'Use at least 8 characters.').max(128, 'Use at most 128 characters.'),
});

export type SignInInput = z.infer<typeof signInSchema>;
export type SignUpInput = z.infer<typeof signUpSchema>;

/**
 * Where to go after signing in: only a path on this site. Anything else (another origin,
 * `//host`, `/\host`, a javascript: URL) falls back to the home page, so the sign-in page
 * cannot be used as an open redirect.
 */
export function safeRedirectPath(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  try {
    const url = new URL(next, 'http://brisk.invalid');
    if (url.origin !== 'http://brisk.invalid') return '/';
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return '/';
  }
}
