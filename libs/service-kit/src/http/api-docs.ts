import { dirname, join } from 'node:path';
import type { Express, Request, Response } from 'express';

/** Swagger UI's own files (the `swagger-ui-dist` package), sent from disk as they are asked for. */
const UI_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));
const UI_FILES = new Set([
  'swagger-ui.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
  'favicon-32x32.png',
  'favicon-16x16.png',
]);

/**
 * The page at `/docs/`. Every address is relative to it, so the page also works behind a proxy that
 * serves the service under a prefix; its script is a file of its own (`init.js`), as the content
 * security policy allows only the service's own scripts (`apiSecurityHeaders`).
 */
const PAGE = `<!DOCTYPE html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <title>Tài liệu API cnscd / cnscd API docs</title>
  <link rel="stylesheet" href="swagger-ui.css">
  <link rel="icon" type="image/png" href="favicon-32x32.png" sizes="32x32">
  <style>.swagger-ui .topbar .download-url-wrapper { display: none }</style>
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="swagger-ui-bundle.js"></script>
  <script src="swagger-ui-standalone-preset.js"></script>
  <script src="init.js"></script>
</body>
</html>
`;

const INIT = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: new URL('../openapi.json', window.location.href).href,
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
};
`;

/**
 * The service's OpenAPI document at `/openapi.json` and Swagger UI at `/docs/`, without a credential
 * (docs/api.md). Served here rather than by `@nestjs/swagger`, whose module (and its YAML writer) every
 * service loaded at start for these few routes: ≈ 4 MiB of heap and ≈ 10 MiB of RSS per process (issue
 * 17's memory goal; docs/benchmarks.md).
 */
export function serveApiDocs(http: Express, document: object): void {
  const json = JSON.stringify(document);
  http.get('/openapi.json', (_req: Request, res: Response) => {
    res.type('application/json').send(json);
  });
  http.get('/docs', (req: Request, res: Response) => {
    // The page's relative addresses need the trailing slash; `docs/` is relative for the same reason.
    if (!req.originalUrl.split('?')[0]!.endsWith('/')) return res.redirect(301, 'docs/');
    res.type('html').send(PAGE);
  });
  http.get('/docs/init.js', (_req: Request, res: Response) => {
    res.type('application/javascript').send(INIT);
  });
  http.get('/docs/:file', (req: Request, res: Response) => {
    const file = String(req.params['file']);
    if (!UI_FILES.has(file)) return res.status(404).end();
    res.sendFile(join(UI_DIR, file));
  });
}
