import type { NatsConnection } from '@nats-io/nats-core';
import {
  DEFAULT_STREAM_SETTINGS,
  type SourceLookOptions,
  type SourcePosition,
  type SourcedRecord,
} from '@cnscd/event-store';
import { SourceWatch } from './source-watch';

const LACKED: SourcedRecord = { seq: 11, subject: 'cnscd.evt.99001.outreach.visit.a', msgId: 'm-11' };

/** A source watch whose looks answer `answers` in turn, and the options each look was asked with. */
function watchAnswering(answers: SourcePosition[][]) {
  const asked: SourceLookOptions[] = [];
  const positions = async (_nc: NatsConnection, _s: unknown, options: SourceLookOptions = {}) => {
    asked.push(options);
    return answers[asked.length - 1] ?? [];
  };
  const watch = new SourceWatch({} as NatsConnection, DEFAULT_STREAM_SETTINGS, 60_000, positions);
  return { watch, asked };
}

describe('the source watch on the province hub', () => {
  it('given a commune found diverged, when it looks again, then it asks again for the copy the commune lacked', async () => {
    const { watch, asked } = watchAnswering([
      [{ commune: '99001', communeLast: 5, hubLast: 11, diverged: true, missing: LACKED }],
      [{ commune: '99001', communeLast: 12, hubLast: 12, diverged: false }],
      [{ commune: '99001', communeLast: 12, hubLast: 12, diverged: false }],
    ]);
    await watch.look();
    expect(watch.sources()).toEqual([expect.objectContaining({ commune: '99001', diverged: true })]);
    await watch.look();
    await watch.look();
    expect(asked.map((o) => [...(o.missing ?? new Map()).entries()])).toEqual([[], [['99001', LACKED]], []]);
  });
});
