import ipaddr from 'ipaddr.js';
import { z } from 'zod';

/**
 * The environment, validated once at start-up. Every setting has a local default except the
 * ones production must choose on purpose (the auth secret); an invalid value stops the process
 * with a message naming the variable and what is wrong with it.
 */
export const EMBEDDED_DB_PORT_DEFAULT = 54329;

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .min(1)
    .refine((value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`)
    .optional();

/** `true`/`false` (or `1`/`0`, any case) as a boolean. */
const booleanFlag = (fallback: 'true' | 'false') =>
  z
    .string()
    .trim()
    .toLowerCase()
    .refine(isBooleanFlag, 'must be true or false (or 1 or 0)')
    .default(fallback)
    .transform((value) => value === 'true' || value === '1');

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: optionalUrl(['postgres:', 'postgresql:']),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    EMBEDDED_DB_PORT: z.coerce.number().int().min(1024).max(65535).default(EMBEDDED_DB_PORT_DEFAULT),
    BRISK_DATA_DIR: z.string().min(1).default('.data'),
    REDIS_URL: optionalUrl(['redis:', 'rediss:']),
    // The data cache's kill switch (plan 004's REDIS_CACHE_ENABLED): `false` sends every cached
    // read to its loader and keeps no page in the render cache, with no error, for comparison.
    CACHE_ENABLED: booleanFlag('true'),
    // Plan 004's ENABLE_PROGRESSIVE_LOADING: `false` renders a project dashboard in one pass
    // (every component's data first, then the page), for comparison with progressive loading.
    ENABLE_PROGRESSIVE_LOADING: booleanFlag('true'),
    // Channels: how long a collector's metrics may take to show on the dashboards, in seconds.
    // Ingestion drops a channel's cached analytics at once, then at most once per this window
    // (lib/cache/coalesce.ts); 0 drops them after every batch.
    CHANNELS_METRICS_FRESHNESS_SECONDS: z.coerce.number().int().min(0).max(600).default(60),
    BETTER_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters (try: openssl rand -hex 32)').optional(),
    BETTER_AUTH_URL: optionalUrl(['http:', 'https:']),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // Background jobs (lib/jobs). Unset JOBS_BACKEND: `inngest` when any INNGEST_* connection
    // variable below is set, else `inline`.
    JOBS_BACKEND: z.enum(['inngest', 'inline']).optional(),
    INNGEST_EVENT_KEY: z.string().trim().min(1).optional(),
    INNGEST_SIGNING_KEY: z.string().trim().min(1).optional(),
    // `1`/`true` (the local Dev Server on its default port), `0`/`false`, or the Dev Server's URL.
    INNGEST_DEV: z
      .string()
      .trim()
      .refine((value) => isBooleanFlag(value) || isHttpUrl(value), 'must be 1, 0, true, false or the Dev Server URL (http://…)')
      .optional(),
    INNGEST_BASE_URL: optionalUrl(['http:', 'https:']),
    // Reverse proxies in front of Brisk (addresses or CIDR ranges, comma-separated). Only a
    // request whose immediate peer is one of them may name its client in X-Forwarded-For (and
    // its host in X-Forwarded-Host); empty: the socket's own address is the client's.
    TRUSTED_PROXIES: z
      .string()
      .transform((value) => value.split(',').map((entry) => entry.trim()).filter(Boolean))
      .pipe(z.array(z.string().refine(isAddressOrRange, 'must list IP addresses or CIDR ranges like 10.0.0.0/8 or ::1, comma-separated')))
      .default([]),
    // Origins (scheme://host:port, comma-separated) that the safe fetcher (lib/http/safe-fetch.ts:
    // wishlist item links, Leads' feed sources) may fetch although they are private, for local test
    // servers only. Everything private is refused otherwise. METADATA_ALLOWED_PRIVATE_ORIGINS, its
    // former name, is still accepted when this one is unset.
    SAFE_FETCH_ALLOWED_PRIVATE_ORIGINS: z
      .string()
      .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^https?:\/\/[^/]+$/, 'must list origins like http://127.0.0.1:4010, comma-separated')))
      .default([]),
  })
  .superRefine((value, ctx) => {
    // `next build` evaluates modules without a runtime environment; the secret is checked when serving.
    const building = process.env.NEXT_PHASE === 'phase-production-build';
    if (value.NODE_ENV === 'production' && !value.BETTER_AUTH_SECRET && !building) {
      ctx.addIssue({
        code: 'custom',
        path: ['BETTER_AUTH_SECRET'],
        message: 'is required in production (generate one with: openssl rand -hex 32)',
      });
    }
    // Inngest Cloud (and a self-hosted server) rejects unsigned requests and unkeyed events;
    // only the Dev Server runs without keys.
    if (value.NODE_ENV === 'production' && !building && resolveJobsBackend(value) === 'inngest' && !devServerRequested(value.INNGEST_DEV)) {
      for (const key of ['INNGEST_EVENT_KEY', 'INNGEST_SIGNING_KEY'] as const) {
        if (!value[key]) {
          ctx.addIssue({ code: 'custom', path: [key], message: 'is required in production when JOBS_BACKEND is inngest (or set INNGEST_DEV for the Dev Server)' });
        }
      }
    }
  });

/** An IPv4 or IPv6 address, or a CIDR range of either (`10.0.0.0/8`, `fd00::/8`). */
export function isAddressOrRange(value: string): boolean {
  if (value.includes('/')) return ipaddr.isValidCIDR(value);
  return ipaddr.IPv4.isValidFourPartDecimal(value) || ipaddr.IPv6.isValid(value);
}

function isBooleanFlag(value: string) {
  return ['1', '0', 'true', 'false'].includes(value.toLowerCase());
}

function isHttpUrl(value: string) {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** INNGEST_DEV asks for the Dev Server unless it says 0/false. */
function devServerRequested(value: string | undefined): boolean {
  return value !== undefined && !['0', 'false'].includes(value.toLowerCase());
}

export type JobsBackend = 'inngest' | 'inline';

/**
 * JOBS_BACKEND when set; otherwise `inngest` as soon as an Inngest connection is configured
 * (an event key, the Dev Server, or a base URL), else `inline`.
 */
export function resolveJobsBackend(value: { JOBS_BACKEND?: JobsBackend; INNGEST_EVENT_KEY?: string; INNGEST_DEV?: string; INNGEST_BASE_URL?: string }): JobsBackend {
  if (value.JOBS_BACKEND) return value.JOBS_BACKEND;
  return value.INNGEST_EVENT_KEY || devServerRequested(value.INNGEST_DEV) || value.INNGEST_BASE_URL ? 'inngest' : 'inline';
}

export type Env = z.infer<typeof schema> & { databaseUrl: string; embeddedDatabase: boolean; jobsBackend: JobsBackend };

export class EnvError extends Error {
  constructor(public readonly issues: string[]) {
    super(`Invalid environment:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/** Parses an environment (process.env by default). Throws EnvError listing every problem. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // Empty strings are how shells and .env files say "unset".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  // The allow-list's former name (when only the URL metadata job fetched outside URLs).
  cleaned.SAFE_FETCH_ALLOWED_PRIVATE_ORIGINS ??= cleaned.METADATA_ALLOWED_PRIVATE_ORIGINS;
  delete cleaned.METADATA_ALLOWED_PRIVATE_ORIGINS;
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'} ${issue.message}`));
  }
  const data = result.data;
  return {
    ...data,
    embeddedDatabase: !data.DATABASE_URL,
    databaseUrl: data.DATABASE_URL ?? embeddedDatabaseUrl(data.EMBEDDED_DB_PORT),
    jobsBackend: resolveJobsBackend(data),
  };
}

export function embeddedDatabaseUrl(port: number): string {
  return `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`;
}

let cached: Env | undefined;

/** The validated process environment, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** The public origin of the app (absolute links in shared pages' metadata): BETTER_AUTH_URL, else localhost on PORT. */
export function appOrigin(): string {
  const config = env();
  return new URL(config.BETTER_AUTH_URL ?? `http://localhost:${config.PORT}`).origin;
}
