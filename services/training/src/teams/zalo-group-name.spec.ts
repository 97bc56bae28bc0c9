import { canonicalZaloName, checkZaloName } from './zalo-group-name';

describe('the Zalo group name rule CNSCĐ_<Thôn>_<Tên xã>', () => {
  const canonical = canonicalZaloName('Thôn  Hàng Làng ', 'xã Di Linh');

  it('keeps diacritics and Đ, one space between words, and drops the word "xã"', () => {
    expect(canonical).toBe('CNSCĐ_Thôn Hàng Làng_Di Linh');
  });

  it('accepts the exact name, however the phone composed its letters', () => {
    expect(checkZaloName('CNSCĐ_Thôn Hàng Làng_Di Linh', canonical)).toEqual({
      conforms: true,
      problems: [],
    });
    expect(checkZaloName('CNSCĐ_Thôn Hàng Làng_Di Linh'.normalize('NFD'), canonical)).toEqual({
      conforms: true,
      problems: [],
    });
  });

  it.each([
    ['CNSCD_Thon Hang Lang_Di Linh', ['missing-diacritics']],
    ['CNSCD_Thôn Hàng Làng_Di Linh', ['missing-diacritics']],
    ['CNSCĐ_Thon Hang Lang_Di Linh', ['missing-diacritics']],
    ['CNSCĐ_Thôn  Hàng Làng _Di Linh', ['extra-spaces']],
    [' CNSCĐ_Thôn Hàng Làng_Di Linh', ['extra-spaces']],
    ['cnscđ_Thôn Hàng Làng_Di Linh', ['letter-case']],
    ['TCNSCĐ_Thôn Hàng Làng_Di Linh', ['wrong-prefix']],
    ['CNSCĐ_Thôn 2_Di Linh', ['wrong-village']],
    ['CNSCĐ_Di Linh_Thôn Hàng Làng', ['wrong-village', 'wrong-commune']],
    ['CNSCĐ Thôn Hàng Làng Di Linh', ['wrong-format']],
    ['Tổ CNSCĐ thôn Hàng Làng', ['wrong-format']],
  ])('flags "%s" with %p', (actual, problems) => {
    expect(checkZaloName(actual, canonical)).toEqual({ conforms: false, problems });
  });
});
