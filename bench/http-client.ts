import http from 'node:http';

export interface Answer {
  readonly status: number;
  readonly json: unknown;
  /** `Retry-After` in seconds, when the answer has one. */
  readonly retryAfterS?: number;
}

/**
 * POSTs for the load generators, on `node:http` with keep-alive connections. Not `fetch`: the benchmark's
 * client shares the machine's two cores with the deployment it measures, and `fetch` (undici behind the
 * WHATWG streams) cost 0.6–0.85 ms of CPU per request here against 0.2–0.35 ms for `node:http` — more
 * than half of what outreach spends on the request itself (2026-12-03, 3,000 visits at 32 writers).
 * The raw baseline's client (a NATS publish) costs ≈ 0.06 ms. undici's own request API (`Pool.request`)
 * costs about that alone, but moved no figure of the benchmark beyond the hour's spread: most of the
 * client's work is building the bodies (docs/benchmarks.md, "A leaner load client", 2026-12-07).
 */
export function httpPoster(base: string, headers: Readonly<Record<string, string>>) {
  const agent = new http.Agent({ keepAlive: true });
  return (path: string, body: string, contentType = 'application/json'): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const req = http.request(
        `${base}${path}`,
        {
          method: 'POST',
          agent,
          headers: { ...headers, 'content-type': contentType, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            try {
              const retryAfter = res.headers['retry-after'];
              resolve({
                status: res.statusCode ?? 0,
                json: text ? JSON.parse(text) : null,
                ...(retryAfter ? { retryAfterS: Number(retryAfter) } : {}),
              });
            } catch (err) {
              reject(err as Error);
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}
