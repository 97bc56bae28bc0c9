import { RequestError } from '@nats-io/nats-core';
import { RequestOne } from '@nats-io/nats-core/internal';

/** The one reason given to a request's promise once nothing waits on it any more. */
export const REQUEST_ENDED = new RequestError('cancelled');

type Cancel = (this: unknown, err?: Error) => void;

/**
 * Stops the NATS client from building an `Error` at the end of every request it answered. In
 * `@nats-io/nats-core` 3.x, `RequestOne` settles its promise with the answer and then calls `cancel()`,
 * which rejects the same — already settled — promise with a fresh `RequestError('cancelled')`: a stack
 * captured and thrown away for every JetStream publish and API call (≈ 1% of outreach's CPU under the
 * write-path benchmark, issue 17; `noAsyncTraces` does not avoid it). Here `cancel()` without a reason
 * passes one error made once. Where the promise is not settled yet (the request timed out, its race
 * lost) nobody reads the reason either: the caller already has the timeout's own error. A reason
 * given (a publish that failed) goes through as before. Process-wide, as the class is; idempotent.
 * A client without the class (another major version) is left as it is.
 */
export function answeredRequestsBuildNoError(): void {
  const prototype = (RequestOne as unknown as { prototype?: { cancel?: Cancel } } | undefined)?.prototype;
  const cancel = prototype?.cancel;
  if (!prototype || typeof cancel !== 'function' || cancel === quietCancel.get(prototype)) return;
  const quiet: Cancel = function (this: unknown, err?: Error) {
    cancel.call(this, err ?? REQUEST_ENDED);
  };
  quietCancel.set(prototype, quiet);
  prototype.cancel = quiet;
}

const quietCancel = new WeakMap<object, Cancel>();
