import { filterOnServer } from './ordered-reader';

describe('where a reader’s filter is applied', () => {
  it.each([
    [40, 1000, true], // the merchants' 4%: cheap on the server, and the rest is never sent
    [199, 1000, true],
    [200, 1000, false], // a fifth and more: reading everything and testing subjects costs less
    [960, 1000, false], // the outreach projection's 96%
    [0, 0, true], // nothing to catch up: a live tail, where the server's filter costs little
    [0, 1000, true],
  ])('%i matching messages of %i left → on the server: %s', (matching, all, onServer) => {
    expect(filterOnServer(matching, all)).toBe(onServer);
  });
});
