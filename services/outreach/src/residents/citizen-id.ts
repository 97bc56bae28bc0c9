import { CITIZEN_ID_PROVINCE_CODES } from '@cnscd/contracts';

/**
 * The 12-digit citizen identity number (số CCCD / số định danh cá nhân). It has no check digit; what can
 * be checked is its structure (Circular 07/2016/TT-BCA, art. 7): 3 digits for the province where the
 * birth was registered, 1 digit for sex and century, 2 digits for the year of birth, 6 random digits.
 * The number is used once to derive the resident key and then dropped: it is never returned, logged,
 * stored or put in an event, and an error about it never repeats it.
 */

export interface CitizenId {
  /** The 12 digits, separators removed. Only for deriving the key: do not keep it. */
  readonly digits: string;
  readonly birthYear: number;
  readonly sex: 'male' | 'female';
}

export type CitizenIdProblem = 'format' | 'province' | 'birth-year';

export const CITIZEN_ID_PROBLEMS: Record<CitizenIdProblem, string> = {
  format:
    'Số CCCD gồm đúng 12 chữ số (CMND 9 số cũ không dùng được) / A citizen ID has exactly 12 digits (old 9-digit IDs are not accepted)',
  province:
    'Ba số đầu của số CCCD không phải mã tỉnh hợp lệ / The first three digits are not a valid province code',
  'birth-year':
    'Số CCCD không khớp với một năm sinh hợp lệ / The citizen ID does not encode a valid year of birth',
};

export function parseCitizenId(raw: string, currentYear: number): CitizenId | CitizenIdProblem {
  const digits = raw.replace(/[\s.-]/g, '');
  if (!/^[0-9]{12}$/.test(digits)) return 'format';
  if (!CITIZEN_ID_PROVINCE_CODES.has(digits.slice(0, 3))) return 'province';
  const sexCentury = Number(digits[3]);
  const birthYear = 1900 + Math.floor(sexCentury / 2) * 100 + Number(digits.slice(4, 6));
  if (birthYear > currentYear) return 'birth-year';
  return { digits, birthYear, sex: sexCentury % 2 === 0 ? 'male' : 'female' };
}
