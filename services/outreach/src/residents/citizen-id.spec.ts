import { parseCitizenId } from './citizen-id';

describe('reading a citizen ID number', () => {
  it('takes the year of birth and sex from the number itself', () => {
    expect(parseCitizenId('068090001234', 2026)).toEqual({
      digits: '068090001234',
      birthYear: 1990,
      sex: 'male',
    });
    expect(parseCitizenId('068190001234', 2026)).toEqual({
      digits: '068190001234',
      birthYear: 1990,
      sex: 'female',
    });
    expect(parseCitizenId('068 305 001 234', 2026)).toEqual({
      digits: '068305001234',
      birthYear: 2005,
      sex: 'female',
    });
  });

  it.each([
    ['12345678', 'format'],
    ['123456789', 'format'],
    ['06819000123x', 'format'],
    ['003190001234', 'province'],
    ['068530001234', 'birth-year'],
    ['068227001234', 'birth-year'],
  ])('refuses %s (%s)', (raw, problem) => {
    expect(parseCitizenId(raw, 2026)).toBe(problem);
  });
});
