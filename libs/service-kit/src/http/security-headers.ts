import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * Security headers on every API answer (helmet): no MIME sniffing, no framing, no referrer, HSTS for
 * HTTPS deployments, and a content security policy that lets only the API docs page (`/docs`, Swagger
 * UI: its own scripts, inline styles) render anything. Answers under `/v1` carry personal data or data
 * of a commune: never stored by a browser or a proxy (`Cache-Control: no-store`).
 */
export function apiSecurityHeaders() {
  const headers = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        objectSrc: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  return (req: Request, res: Response, next: NextFunction) =>
    headers(req, res, () => {
      if (req.path.startsWith('/v1/') || req.path === '/metrics') res.setHeader('Cache-Control', 'no-store');
      next();
    });
}
