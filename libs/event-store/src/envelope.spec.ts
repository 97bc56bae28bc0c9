import { UnreadableCommitError, decodeCommitInto, type RecordedEvent } from './envelope';
import { UpcasterRegistry } from './upcasters';

const SUBJECT = 'cnscd.evt.99001.outreach.visit.v-1';
const RECORDED = Date.parse('2026-03-02T01:00:00Z');
const meta = {
  commandId: 'c-1',
  commandHash: 'h',
  actor: { organisationId: 'o', userId: 'u' },
  correlationId: 'c-1',
  causationId: 'c-1',
};
const event = (over: Record<string, unknown> = {}) => ({
  id: 'e-1',
  type: 'VisitLogged',
  sv: 1,
  at: '2026-03-02T08:00:00+07:00',
  data: { n: 1 },
  ...over,
});
const bytes = (body: unknown) =>
  new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body));

function decode(body: unknown, subject = SUBJECT, upcasters = new UpcasterRegistry()): RecordedEvent[] {
  const into: RecordedEvent[] = [];
  decodeCommitInto(into, subject, 7, RECORDED, bytes(body), upcasters, 'cnscd.evt');
  return into;
}
const refusal = (body: unknown, subject = SUBJECT, upcasters?: UpcasterRegistry) => {
  const into: RecordedEvent[] = [{} as RecordedEvent];
  try {
    decodeCommitInto(
      into,
      subject,
      7,
      RECORDED,
      bytes(body),
      upcasters ?? new UpcasterRegistry(),
      'cnscd.evt',
    );
  } catch (err) {
    expect(err).toBeInstanceOf(UnreadableCommitError);
    expect(into).toHaveLength(1); // nothing of a refused commit is pushed
    return (err as Error).message;
  }
  throw new Error('the commit was read');
};

describe('reading a commit off the stream', () => {
  it('reads a well-formed commit into events with their envelope', () => {
    const [e] = decode({ v: 1, meta, events: [event()] });
    expect(e).toMatchObject({ eventId: 'e-1', type: 'VisitLogged', position: 7, index: 0, data: { n: 1 } });
    expect(e!.stream).toEqual({
      commune: '99001',
      context: 'outreach',
      aggregateType: 'visit',
      aggregateId: 'v-1',
    });
  });

  it('refuses a body that is not JSON', () => {
    expect(refusal('not json {')).toMatch(/JSON/);
  });

  it('refuses a commit without events, or with an empty list', () => {
    expect(refusal({ v: 1, meta })).toMatch(/no events/);
    expect(refusal({ v: 1, meta, events: [] })).toMatch(/no events/);
  });

  it('refuses a commit without its metadata', () => {
    expect(refusal({ v: 1, events: [event()] })).toMatch(/meta/);
    expect(refusal({ v: 1, meta: { ...meta, actor: null }, events: [event()] })).toMatch(/actor/);
  });

  it('refuses an occurred-at that is not an instant, before 2000, or more than a day after recording', () => {
    expect(refusal({ v: 1, meta, events: [event({ at: 'yesterday' })] })).toMatch(/ISO 8601/);
    expect(refusal({ v: 1, meta, events: [event({ at: '0000-01-01T00:00:00Z' })] })).toMatch(/outside/);
    expect(refusal({ v: 1, meta, events: [event({ at: '1999-12-31T00:00:00Z' })] })).toMatch(/outside/);
    expect(refusal({ v: 1, meta, events: [event({ at: '2026-03-03T02:00:00Z' })] })).toMatch(/outside/);
    expect(decode({ v: 1, meta, events: [event({ at: '2026-03-03T00:59:00Z' })] })).toHaveLength(1);
  });

  it('refuses the whole commit when one of its events is malformed', () => {
    expect(refusal({ v: 1, meta, events: [event(), event({ id: 'e-2', sv: 'one' })] })).toMatch(
      /schema version/,
    );
  });

  it('refuses a subject with the wrong number of tokens or a malformed commune', () => {
    expect(refusal({ v: 1, meta, events: [event()] }, 'cnscd.evt.99001.outreach.visit')).toMatch(
      /not an event subject/,
    );
    expect(refusal({ v: 1, meta, events: [event()] }, 'cnscd.evt.99001.outreach.visit.a.b')).toMatch(
      /not an event subject/,
    );
    expect(refusal({ v: 1, meta, events: [event()] }, 'cnscd.evt.abc.outreach.visit.v-1')).toMatch(/commune/);
  });

  it('refuses a commit whose upcaster throws, naming the step', () => {
    const upcasters = new UpcasterRegistry().register('VisitLogged', 1, () => {
      throw new Error('field x missing');
    });
    expect(refusal({ v: 1, meta, events: [event()] }, SUBJECT, upcasters)).toMatch(
      /upcasting failed: field x/,
    );
  });
});
