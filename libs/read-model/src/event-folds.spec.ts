import { foldWith, type EventFolds } from './event-folds';

type Event = { type: 'Opened'; data: { id: string } } | { type: 'Closed'; data: { id: string; on: string } };

describe('a projection’s folds, one per event type', () => {
  it('applies each event with the fold for its type', async () => {
    const seen: string[] = [];
    const apply = foldWith<Event, string[]>({
      Opened: async (log, e) => log.push(`opened ${e.data.id}`),
      Closed: async (log, e) => log.push(`closed ${e.data.id} on ${e.data.on}`),
    });
    await apply(seen, { type: 'Opened', data: { id: 'a' } });
    await apply(seen, { type: 'Closed', data: { id: 'a', on: '2026-01-01' } });
    expect(seen).toEqual(['opened a', 'closed a on 2026-01-01']);
  });

  it('refuses, by name, an event its union does not cover, rather than leave rows silently wrong', async () => {
    const apply = foldWith<Event, null>({ Opened: async () => undefined, Closed: async () => undefined });
    expect(() => apply(null, { type: 'Reopened', data: { id: 'a' } } as never)).toThrow(
      /No fold for event type Reopened/,
    );
  });

  it('does not compile without a fold for every type of the union (checked by the typecheck)', () => {
    // @ts-expect-error — `Closed` has no fold: the mapped type refuses the object.
    const incomplete: EventFolds<Event, null> = { Opened: async () => undefined };
    expect(Object.keys(incomplete)).toEqual(['Opened']);
  });
});
