/**
 * Whether an error means that the database cannot be reached right now (down, restarting, out
 * of connections), as opposed to a bad query: the first is a 503 worth retrying, the second a bug.
 */
const UNREACHABLE_PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
// The driver adapter's error kinds (meta.driverAdapterError.cause.kind) for a lost server.
const UNREACHABLE_ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
// Node's socket errors and PostgreSQL's SQLSTATEs for a server that is shutting down or refusing.
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08006']);

// What node-postgres says, without a code, when a connection is lost or cannot be made in time.
// Prisma's raw queries (P2010) carry PostgreSQL's code in `meta.code` and in the message only.
const UNREACHABLE_MESSAGES =
  /Client has encountered a connection error and is not queryable|Connection terminated|timeout exceeded when trying to connect|Can't reach database server|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command/i;

interface ErrorLike {
  message?: unknown;
  code?: unknown;
  meta?: { code?: unknown; driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } };
  cause?: unknown;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const candidate = current as ErrorLike;
    if (typeof candidate.code === 'string' && (UNREACHABLE_PRISMA_CODES.has(candidate.code) || UNREACHABLE_CODES.has(candidate.code))) return true;
    if (typeof candidate.meta?.code === 'string' && UNREACHABLE_CODES.has(candidate.meta.code)) return true;
    const kind = candidate.meta?.driverAdapterError?.cause?.kind;
    if (typeof kind === 'string' && UNREACHABLE_ADAPTER_KINDS.has(kind)) return true;
    if (typeof candidate.message === 'string' && UNREACHABLE_MESSAGES.test(candidate.message)) return true;
    current = candidate.cause;
  }
  return false;
}

/** PostgreSQL's SQLSTATE of a failed statement, wherever Prisma or its driver adapter put it. */
export function sqlState(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const candidate = current as ErrorLike;
    for (const code of [candidate.meta?.driverAdapterError?.cause?.originalCode, candidate.meta?.code, candidate.code]) {
      // Five characters, but not Prisma's own codes (P1000–P6999; PL/pgSQL's are P0001–P0004).
      if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !/^P[1-9]\d{3}$/.test(code)) return code;
    }
    current = candidate.cause;
  }
  return undefined;
}

// What a concurrent write can do to one statement, which PostgreSQL then rolls back whole:
// 23503, under READ COMMITTED the statement read a row before that write and checked its key after
// it; 40P01, the two locked the same rows in opposite orders (say a keyword's delete, which
// cascades to its mentions, and a mention's write, whose counter trigger locks its keyword) and
// PostgreSQL broke the deadlock by rolling one back.
const RACE_STATES = new Set(['23503', '40P01']);

/**
 * Runs a single-statement write (its own transaction: never inside one) again when a concurrent
 * write made PostgreSQL roll it back (RACE_STATES). Nothing of it was kept, and the rerun reads
 * what the other write left, so the caller answers from the present state (done, gone, moved)
 * instead of failing.
 */
export async function rerunOnRace<T>(statement: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await statement();
    } catch (error) {
      const state = sqlState(error);
      if (attempt >= attempts || state === undefined || !RACE_STATES.has(state)) throw error;
    }
  }
}
