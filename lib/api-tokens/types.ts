// Plain values shared by the server and the token form (no zod: this reaches the browser).

/** How long a new token lives; `never` is allowed, and the list says so. */
export const TOKEN_LIFETIMES = {
  '30': { label: '30 days', days: 30 },
  '90': { label: '90 days', days: 90 },
  '365': { label: '1 year', days: 365 },
  never: { label: 'No expiry', days: null },
} as const;

export type TokenLifetime = keyof typeof TOKEN_LIFETIMES;

/** What creating a token answers: the only time anyone sees the secret. */
export interface CreatedToken {
  id: string;
  name: string;
  /** The secret: returned this once, never stored. */
  secret: string;
  expiresAt: Date | null;
}
