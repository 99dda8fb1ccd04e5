import { z } from 'zod';
import { text } from '@/lib/validation';
import { TOKEN_LIFETIMES, type TokenLifetime } from './types';

/** At most this many live (neither revoked nor expired) tokens per person. */
export const MAX_ACTIVE_TOKENS = 20;

export const createTokenSchema = z.object({
  name: text().trim().min(1, 'Give the token a name, e.g. what will use it.').max(60, 'At most 60 characters.'),
  lifetime: z.enum(Object.keys(TOKEN_LIFETIMES) as [TokenLifetime, ...TokenLifetime[]], { error: 'Choose how long the token lives.' }),
});
