/**
 * The plan's rule: each team's Zalo group is named exactly `CNSCĐ_<Thôn>_<Tên xã>`.
 *
 * How we read "exactly" (docs/decisions/0005-zalo-group-names.md):
 * - the prefix is `CNSCĐ` with the Vietnamese letter Đ (U+0110), in capitals;
 * - `<Thôn>` is the village's official name as the commune writes it (`Thôn 1`, `Hàng Làng`), and
 *   `<Tên xã>` the commune's name without the word "xã" (`Di Linh`);
 * - Vietnamese diacritics are kept; text is compared in Unicode NFC, so a name typed on a phone that
 *   composes letters differently still matches;
 * - inside a name, words are separated by one space; no spaces around the underscores or at the ends.
 */
export type ZaloProblem =
  | 'wrong-format'
  | 'wrong-prefix'
  | 'wrong-village'
  | 'wrong-commune'
  | 'missing-diacritics'
  | 'letter-case'
  | 'extra-spaces';

const tidy = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
const bare = (s: string) =>
  tidy(s)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();

export function canonicalZaloName(villageName: string, communeName: string): string {
  return `CNSCĐ_${tidy(villageName)}_${tidy(communeName).replace(/^xã\s+/iu, '')}`;
}

export function checkZaloName(
  actual: string,
  canonical: string,
): { conforms: boolean; problems: ZaloProblem[] } {
  const name = actual.normalize('NFC');
  if (name === canonical) return { conforms: true, problems: [] };
  const got = name.split('_');
  const want = canonical.split('_');
  if (got.length !== 3) return { conforms: false, problems: ['wrong-format'] };
  const problems = new Set<ZaloProblem>();
  const wrong: ZaloProblem[] = ['wrong-prefix', 'wrong-village', 'wrong-commune'];
  got.forEach((part, i) => {
    const expected = want[i]!;
    if (part === expected) return;
    if (tidy(part) === expected) problems.add('extra-spaces');
    else if (bare(part) !== bare(expected)) problems.add(wrong[i]!);
    else {
      if (tidy(part) !== part) problems.add('extra-spaces');
      const t = tidy(part);
      if (t.toLowerCase() === expected.toLowerCase()) problems.add('letter-case');
      else problems.add('missing-diacritics');
    }
  });
  return { conforms: false, problems: [...problems] };
}
