import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { sessionRoutes } from './session-cookie';

export const API_SERVICES = ['identity', 'outreach', 'merchants', 'training', 'indicators'] as const;
export type ApiService = (typeof API_SERVICES)[number];

export interface WebConfig {
  readonly distDir: string;
  /** Where each service listens; the browser reaches it at `/api/<service>/…` on this one origin. */
  readonly services: Record<ApiService, string>;
  /** How long the browser keeps the refresh cookie (the identity service decides when the token expires). */
  readonly refreshCookieDays?: number;
}

/**
 * The app's own content security policy: its scripts, styles (and the inline styles Preact and the
 * charts set), images, its service worker and manifest, and calls to its own origin only; never framed.
 * The API answers passed through keep the services' own headers (no-store on their data).
 */
const appSecurityHeaders = () =>
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
  });

/**
 * The web app's server: the built single-page app, and `/api/<service>/…` passed through to the
 * services untouched (the services authenticate every call themselves), so the browser talks to one
 * origin and needs no CORS.
 */
export function webServer(config: WebConfig): Express {
  if (!existsSync(join(config.distDir, 'index.html')))
    throw new Error(`The web app is not built: no ${config.distDir}/index.html (npm start builds it)`);
  const app = express();
  app.disable('x-powered-by');
  app.use(appSecurityHeaders());
  app.get('/health/live', (_req, res) => void res.json({ status: 'up' }));
  app.get('/health/ready', (_req, res) => void res.json({ status: 'up' }));
  app.use(
    '/api/identity/v1/sessions',
    sessionRoutes(config.services.identity, config.refreshCookieDays ?? 30),
  );
  for (const service of API_SERVICES)
    app.use(
      `/api/${service}`,
      createProxyMiddleware({ target: config.services[service], changeOrigin: false, xfwd: true }),
    );
  app.use(
    express.static(config.distDir, {
      index: false,
      setHeaders: (res, path) =>
        res.setHeader(
          'Cache-Control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        ),
    }),
  );
  // Every other path is a screen of the app: the app routes it.
  app.use((req, res, next) =>
    req.method === 'GET' ? res.sendFile(join(config.distDir, 'index.html')) : next(),
  );
  return app;
}
