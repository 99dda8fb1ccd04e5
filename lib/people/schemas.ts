import { z } from 'zod';

export const friendRequestSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('Enter a valid e-mail address.')),
});

export const friendResponseSchema = z.enum(['accept', 'decline'], 'Choose accept or decline.');
