import { resolve } from 'node:path';
import { z } from 'zod';
import { API_SERVICES, webServer } from './web-server';

const DEFAULT_PORTS = { identity: 3005, outreach: 3001, merchants: 3002, training: 3003, indicators: 3004 };

/**
 * `WEB_HTTP_PORT` (3000), `WEB_HTTP_HOST`, `WEB_DIST_DIR`, `WEB_<SERVICE>_URL` for each service, and
 * `HTTP_KEEP_ALIVE_TIMEOUT_MS` as the services read it (65 s).
 */
const Env = z.object({
  WEB_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1000).default(65_000),
  WEB_HTTP_HOST: z.string().default('127.0.0.1'),
  WEB_DIST_DIR: z.string().default(resolve(__dirname, '../dist')),
  ...Object.fromEntries(
    API_SERVICES.map((s) => [
      `WEB_${s.toUpperCase()}_URL`,
      z.url().default(`http://127.0.0.1:${DEFAULT_PORTS[s]}`),
    ]),
  ),
});

try {
  const env = Env.parse(process.env) as Record<string, string | number>;
  const services = Object.fromEntries(
    API_SERVICES.map((s) => [s, String(env[`WEB_${s.toUpperCase()}_URL`])]),
  );
  const server = webServer({ distDir: String(env['WEB_DIST_DIR']), services: services as never }).listen(
    Number(env['WEB_HTTP_PORT']),
    String(env['WEB_HTTP_HOST']),
    () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : env['WEB_HTTP_PORT'];
      console.log(`[web] Listening on http://${env['WEB_HTTP_HOST']}:${port}`);
    },
  );
  // As the services do (libs/service-kit/src/http/keep-alive.ts, not loaded here: it brings Nest): idle
  // connections outlive the pool of a proxy in front (nginx keeps its own 60 s), so this server is never
  // the side closing one the proxy is reusing at that moment. Node.js's 5 s lost that race.
  server.keepAliveTimeout = Number(env['HTTP_KEEP_ALIVE_TIMEOUT_MS']);
  server.headersTimeout = Math.max(server.headersTimeout, server.keepAliveTimeout + 1_000);
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
