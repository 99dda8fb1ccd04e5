import { describe, expect, it } from 'vitest';
import { safeRedirectPath, signInSchema, signUpSchema } from './schemas';

describe('safeRedirectPath', () => {
  it('keeps paths on this site, with their query', () => {
    expect(safeRedirectPath('/wishlists')).toBe('/wishlists');
    expect(safeRedirectPath('/projects/1?tab=widgets')).toBe('/projects/1?tab=widgets');
  });

  it.each(['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '', undefined, 42])(
    'sends %s home',
    (next) => {
      expect(safeRedirectPath(next)).toBe('/');
    },
  );
});

describe('sign-in and sign-up input', () => {
  it('normalises the e-mail address', () => {
    expect(signInSchema.parse({ email: '  Ada@Brisk.TEST ', password: 'x' }).email).toBe('ada@brisk.test');
  });

  it('explains what is wrong', () => {
    const result = signUpSchema.safeParse({ name: ' ', email: 'not-an-email', password: 'short' });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((issue) => [issue.path[0], issue.message]));
    expect(messages).toEqual({
      name: 'Enter your name.',
      email: 'Enter a valid e-mail address.',
      password: 'Use at least 8 characters.',
    });
  });
});
