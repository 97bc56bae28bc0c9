import { resolve } from 'node:path';
import { z } from 'zod';
import { API_SERVICES, webServer } from './web-server';

const DEFAULT_PORTS = { identity: 3005, outreach: 3001, merchants: 3002, training: 3003, indicators: 3004 };

/** `WEB_HTTP_PORT` (3000), `WEB_HTTP_HOST`, `WEB_DIST_DIR`, and `WEB_<SERVICE>_URL` for each service. */
const Env = z.object({
  WEB_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
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
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
