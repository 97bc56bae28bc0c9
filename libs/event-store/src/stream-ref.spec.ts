import { InvalidStreamRefError, filterSubject, streamRefOf, subjectMatcher, subjectOf } from './stream-ref';

const visit = {
  commune: '99001',
  context: 'outreach',
  aggregateType: 'visit',
  aggregateId: '6f1c1f4e-3d0a-4a4b',
};

describe('the subject scheme', () => {
  it('puts commune, context, aggregate type and id into the subject, and reads them back', () => {
    expect(subjectOf(visit)).toBe('cnscd.evt.99001.outreach.visit.6f1c1f4e-3d0a-4a4b');
    expect(streamRefOf(subjectOf(visit))).toEqual(visit);
  });

  it.each([
    ['commune', { ...visit, commune: '99.01' }],
    ['commune', { ...visit, commune: '*' }],
    ['context', { ...visit, context: 'Outreach' }],
    ['aggregateType', { ...visit, aggregateType: 'visit.>' }],
    ['aggregateId', { ...visit, aggregateId: 'a.b' }],
    ['aggregateId', { ...visit, aggregateId: '' }],
  ] as const)('refuses a %s that would break or widen the subject', (part, ref) => {
    expect(() => subjectOf(ref)).toThrow(InvalidStreamRefError);
    try {
      subjectOf(ref);
    } catch (err) {
      expect((err as InvalidStreamRefError).part).toBe(part);
    }
  });

  it('collapses trailing wildcards of a filter into ">"', () => {
    expect(filterSubject()).toBe('cnscd.evt.>');
    expect(filterSubject({ commune: '99001' })).toBe('cnscd.evt.99001.>');
    expect(filterSubject({ context: 'outreach' })).toBe('cnscd.evt.*.outreach.>');
    expect(filterSubject({ context: 'outreach', aggregateType: 'visit' })).toBe(
      'cnscd.evt.*.outreach.visit.>',
    );
  });

  it('refuses a subject outside the event prefix', () => {
    expect(() => streamRefOf('cnscd.cmd.99001.outreach.visit.x')).toThrow();
    expect(() => streamRefOf('cnscd.evt.99001.outreach.visit')).toThrow();
  });

  it.each([
    [{}, 'cnscd.evt.99001.outreach.visit.v-1', true],
    [{ context: 'outreach' }, 'cnscd.evt.99001.outreach.visit.v-1', true],
    [{ context: 'outreach' }, 'cnscd.evt.99001.outreach-x.visit.v-1', false],
    [{ context: 'outreach' }, 'cnscd.evt.99001.merchants.merchant.m-1', false],
    [{ commune: '99001' }, 'cnscd.evt.99002.outreach.visit.v-1', false],
    [
      { commune: '99001', context: 'outreach', aggregateType: 'visit' },
      'cnscd.evt.99001.outreach.visit.v-1',
      true,
    ],
    [{ aggregateType: 'visit' }, 'cnscd.evt.99001.outreach.visits.v-1', false],
    [{}, 'cnscd.evtx.99001.outreach.visit.v-1', false],
    [{ context: 'outreach' }, 'cnscd.evt.99001.outreach', false],
    // As the server's `cnscd.evt.*.outreach.>`: a subject too short to be an event's is still the reader's to park.
    [{ context: 'outreach' }, 'cnscd.evt.99001.outreach.visit', true],
  ])('matches a subject in the client as the server matches %j (%s: %s)', (filter, subject, matches) => {
    expect(subjectMatcher(filter)(subject)).toBe(matches);
  });
});
