import { connect, createServer, type Socket } from 'node:net';

/** A TCP proxy between a service and a server it depends on, for cutting the way to it in a test. */
export interface TcpProxy {
  /** The proxy's own port on 127.0.0.1: connect here instead of to the target. */
  readonly port: number;
  /** Drops every connection through the proxy and refuses new ones: the target seems gone. */
  cut(): Promise<void>;
  /** Accepts connections again, on the same port. */
  mend(): Promise<void>;
  stop(): Promise<void>;
}

/** Forwards 127.0.0.1:<port> to `host:port` until cut. */
export async function startTcpProxy(host: string, port: number): Promise<TcpProxy> {
  const open = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(port, host);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => (client.destroy(), upstream.destroy()));
    }
    client.pipe(upstream).pipe(client);
  });
  const listen = (at: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(at, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as { port: number }).port);
      });
    });
  // Stops accepting, then drops what is open; resolves once the connections it accepted have ended.
  const close = () =>
    new Promise<void>((resolve) => {
      const listening = server.listening;
      if (listening) server.close(() => resolve()); // once every connection it accepted has ended
      for (const s of open) s.destroy();
      if (!listening) resolve();
    });
  const own = await listen(0);
  return { port: own, cut: close, mend: () => listen(own).then(() => undefined), stop: close };
}
