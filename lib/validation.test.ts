import { describe, expect, it } from 'vitest';
import { itemInputSchema, wishlistInputSchema } from '@/lib/wishlists/schemas';
import { createTokenSchema } from '@/lib/api-tokens/schemas';
import { signUpSchema } from '@/lib/auth/schemas';
import { formValues, isStorableText, text, UNSTORABLE_TEXT } from './validation';

describe('text(): text PostgreSQL can store as it was sent', () => {
  it('refuses a NUL (PostgreSQL answered 22021) and a lone surrogate (UTF-8 would store U+FFFD), with a message', () => {
    for (const value of ['a\u0000b', '\u0000', 'x\uD800', '\uDC00y', '\uDBFF\uDBFF\uDC00']) {
      expect(isStorableText(value), JSON.stringify(value)).toBe(false);
      const parsed = text().safeParse(value);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe(UNSTORABLE_TEXT);
    }
  });

  it('keeps everything else as it is: HTML, SQL, RTL and zero-width marks, combining characters, emoji, control characters', () => {
    for (const value of ['<script>alert(1)</script>', "'; DROP TABLE users; --", '\u202Egnp.exe', 'e\u0301', '👩‍👩‍👧‍👦 𠜎', '\u0001\u001B[31m', '']) {
      expect(text().parse(value)).toBe(value);
    }
    expect(text().trim().min(1).max(3).safeParse('  abc  ')).toEqual({ success: true, data: 'abc' });
  });

  it("is every stored text field's schema", () => {
    const nul = 'gift\u0000';
    const list = { name: 'List', visibility: 'private' };
    expect(wishlistInputSchema.safeParse({ ...list, name: nul }).error?.issues[0]?.message).toBe(UNSTORABLE_TEXT);
    expect(wishlistInputSchema.safeParse({ ...list, description: nul }).error?.issues[0]?.message).toBe(UNSTORABLE_TEXT);
    for (const field of ['name', 'notes', 'url']) {
      expect(itemInputSchema.safeParse({ name: 'Item', [field]: field === 'url' ? 'https://example.com/\u0000' : nul }).success, field).toBe(false);
    }
    expect(createTokenSchema.safeParse({ name: nul, lifetime: '30' }).success).toBe(false);
    expect(signUpSchema.safeParse({ name: nul, email: 'a@example.com', password: 'long enough' }).success).toBe(false);
    expect(signUpSchema.safeParse({ name: 'Ada', email: 'a@example.com', password: 'long\u0000enough' }).success).toBe(false);
  });
});

describe('formValues', () => {
  it('reads nothing from what is not a form (a client may call an action with anything)', () => {
    for (const notAForm of [undefined, null, 'name=x', { name: 'x' }, ['x']]) {
      expect(formValues(notAForm, ['name'])).toEqual({ name: '' });
    }
  });
});
