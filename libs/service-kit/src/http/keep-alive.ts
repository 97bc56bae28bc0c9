import type { Server } from 'node:http';

/**
 * How long a service keeps an idle keep-alive connection open (`HTTP_KEEP_ALIVE_TIMEOUT_MS`): longer
 * than the pools that reuse connections to it — the web app's proxy (Node.js's agent), nginx's upstream
 * keepalive (60 s), a partner's service — so that the service is never the side that closes a
 * connection a client may be reusing at that moment. Node.js's own 5 s lost that race: a request sent
 * on a connection the service was closing met a reset instead of an answer (7–11 of 768 batches at
 * 256 writers in the write-path benchmark, 2026-12-07; docs/operations.md, Connections).
 */
export const HTTP_KEEP_ALIVE_TIMEOUT_MS = 65_000;

/**
 * Keeps idle connections open for `keepAliveMs` (answers say so in `Keep-Alive: timeout=…`, which
 * Node.js's agent reads to close its end first), and gives a request's headers at least as long.
 */
export function keepConnectionsAlive(server: Server, keepAliveMs: number): void {
  server.keepAliveTimeout = keepAliveMs;
  server.headersTimeout = Math.max(server.headersTimeout, keepAliveMs + 1_000);
}
