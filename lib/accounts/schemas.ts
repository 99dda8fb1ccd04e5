import { z } from 'zod';
import { text } from '@/lib/validation';

/** A checkbox as a form sends it ("on"), or a boolean from code. */
const checkbox = z.preprocess((value) => value === true || value === 'on' || value === 'true', z.boolean());

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password.').max(128, 'Use at most 128 characters.'),
    newPassword: text().min(8, 'Use at least 8 characters.').max(128, 'Use at most 128 characters.'),
    confirmPassword: z.string(),
    revokeTokens: checkbox.default(false),
  })
  .superRefine((value, ctx) => {
    if (value.confirmPassword !== value.newPassword) ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'The two new passwords differ.' });
    if (value.newPassword === value.currentPassword) ctx.addIssue({ code: 'custom', path: ['newPassword'], message: 'Choose a password other than your current one.' });
  });

export const deleteAccountSchema = z.object({
  password: z.string().min(1, 'Enter your password.').max(128, 'Use at most 128 characters.'),
});

export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
