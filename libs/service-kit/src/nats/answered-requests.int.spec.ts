import { RequestOne } from '@nats-io/nats-core/internal';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { startNatsServer, type RunningNats } from '@cnscd/testing';
import { answeredRequestsBuildNoError, REQUEST_ENDED } from './answered-requests';

type Cancel = (this: unknown, err?: Error) => void;

let nats: RunningNats;
let nc: NatsConnection;
/** The reasons the client's own `cancel` is given, recorded under the patch. */
const reasons: (Error | undefined)[] = [];
let patched: Cancel;

beforeAll(async () => {
  const prototype = RequestOne.prototype as unknown as { cancel: Cancel };
  const clients = prototype.cancel;
  prototype.cancel = function (this: unknown, err?: Error) {
    reasons.push(err);
    clients.call(this, err);
  };
  answeredRequestsBuildNoError();
  patched = prototype.cancel;
  answeredRequestsBuildNoError();
  nats = await startNatsServer();
  nc = await connect({ ...nats.as(), noAsyncTraces: true });
  nc.subscribe('echo', { callback: (_err, m) => void m.respond(m.data) });
  nc.subscribe('silent', { callback: () => undefined });
  await nc.flush();
});
afterAll(async () => {
  await nc?.close();
  await nats?.stop();
});
beforeEach(() => reasons.splice(0));

describe('requests under the NATS client once answered requests build no error', () => {
  it('answers each request as before, and ends each with the one reason made once instead of a new error', async () => {
    const answers = await Promise.all(['a', 'b', 'c'].map((text) => nc.request('echo', text)));
    expect(answers.map((m) => m.string())).toEqual(['a', 'b', 'c']);
    expect(reasons).toHaveLength(3);
    for (const reason of reasons) expect(reason).toBe(REQUEST_ENDED);
  });

  it('is put in place once, however often a service starts a connection', () => {
    expect((RequestOne.prototype as unknown as { cancel: Cancel }).cancel).toBe(patched);
  });

  it('still fails a request nobody answers with the client’s own timeout error', async () => {
    const failure = await nc.request('silent', 'x', { timeout: 50 }).catch((err: Error) => err);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBe(REQUEST_ENDED);
    expect((failure as Error).name).toBe('TimeoutError');
  });

  it('still fails a request to a subject with no responders with the client’s own error', async () => {
    const failure = await nc.request('nobody.here', 'x', { timeout: 1000 }).catch((err: Error) => err);
    expect(failure).not.toBe(REQUEST_ENDED);
    expect((failure as Error).message).toMatch(/no responders/i);
  });
});
