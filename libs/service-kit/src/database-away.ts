/**
 * SQLSTATE classes of a PostgreSQL server that is away or cannot take more, not of a bad query:
 * connection (08), insufficient resources (53: too many connections, disk full), operator intervention
 * (57: shutting down, starting up), system (58).
 */
const AWAY_SQLSTATE = /^(08|53|57|58)/;

/** Node's own socket errors on the way to the database. */
const AWAY_SOCKET = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * node-postgres' own words for a connection that ended or never came: the pool waited
 * `connectionTimeoutMillis` for one, the server closed it mid-query, or a query came after it closed.
 */
const AWAY_MESSAGE =
  /^(timeout exceeded when trying to connect|Connection terminated|Client has encountered a connection error)/;

/**
 * Whether an error says the database does not answer now — the caller should try again later (503)
 * — rather than that a query was wrong (500).
 */
export function isDatabaseAway(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (AWAY_SQLSTATE.test(code) || AWAY_SOCKET.has(code))) return true;
  return typeof message === 'string' && AWAY_MESSAGE.test(message);
}
