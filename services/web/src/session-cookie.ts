import express, { type Request, type Response, type Router } from 'express';

/** The refresh token lives here, out of reach of the page's scripts (docs/decisions/0009). */
export const REFRESH_COOKIE = 'cnscd_refresh';
const COOKIE_PATH = '/api/identity/v1/sessions';

const cookieOf = (req: Request, name: string): string | undefined =>
  (req.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim().split('='))
    .find(([k]) => k === name)?.[1];

const isHttps = (req: Request) => req.secure || req.headers['x-forwarded-proto'] === 'https';

function setRefreshCookie(req: Request, res: Response, token: string | null, maxAgeDays: number) {
  const attributes = [
    `${REFRESH_COOKIE}=${token ?? ''}`,
    `Path=${COOKIE_PATH}`,
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${token ? maxAgeDays * 86_400 : 0}`,
    ...(isHttps(req) ? ['Secure'] : []),
  ];
  res.append('Set-Cookie', attributes.join('; '));
}

/**
 * Sign-in, refresh and sign-out pass through the web server, which keeps the refresh token in an
 * httpOnly, SameSite=Strict cookie scoped to these three routes: the app (and any script injected into
 * it) only ever holds the short-lived access token. The identity service is unchanged: partners' systems
 * and tests still send and receive refresh tokens in the JSON body.
 */
export function sessionRoutes(identityUrl: string, refreshCookieDays: number): Router {
  const router = express.Router();
  router.use(express.json({ limit: '8kb' }));

  const forward = async (req: Request, path: string, body: unknown) => {
    const clientChain = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
    return fetch(`${identityUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': clientChain },
      body: JSON.stringify(body),
    });
  };
  /** The identity service's answer, minus the refresh token, which goes into the cookie. */
  const answer = async (req: Request, res: Response, upstream: globalThis.Response) => {
    const text = await upstream.text();
    res.status(upstream.status);
    for (const h of ['content-type', 'retry-after']) {
      const v = upstream.headers.get(h);
      if (v) res.setHeader(h, v);
    }
    res.setHeader('Cache-Control', 'no-store');
    if (!upstream.ok || !text) return void res.send(text);
    const { refreshToken, ...session } = JSON.parse(text) as { refreshToken?: string };
    if (refreshToken) setRefreshCookie(req, res, refreshToken, refreshCookieDays);
    res.json(session);
  };
  const noSession = (res: Response) =>
    void res.status(401).type('application/problem+json').json({
      type: 'urn:cnscd:problem:unauthenticated',
      code: 'unauthenticated',
      status: 401,
      title: 'Phiên đăng nhập đã hết / The sign-in has ended',
    });

  router.post('/', async (req, res) => answer(req, res, await forward(req, '/v1/sessions', req.body)));
  router.post('/refresh', async (req, res) => {
    const refreshToken = cookieOf(req, REFRESH_COOKIE);
    if (!refreshToken) return noSession(res);
    const upstream = await forward(req, '/v1/sessions/refresh', { refreshToken });
    if (upstream.status === 401) setRefreshCookie(req, res, null, 0);
    await answer(req, res, upstream);
  });
  router.post('/sign-out', async (req, res) => {
    const refreshToken = cookieOf(req, REFRESH_COOKIE);
    if (refreshToken) await forward(req, '/v1/sessions/sign-out', { refreshToken });
    setRefreshCookie(req, res, null, 0);
    res.status(204).end();
  });
  return router;
}
