import * as argon2 from 'argon2';
import { z } from 'zod';
import { containsIdLikeNumber } from '@cnscd/contracts';

/** argon2id with the library's defaults (64 MiB, 3 passes, 4 lanes): memory-hard, as OWASP recommends. */
export const hashPassword = (password: string): Promise<string> =>
  argon2.hash(password, { type: argon2.argon2id });

export const verifyPassword = (hash: string, password: string): Promise<boolean> =>
  argon2.verify(hash, password).catch(() => false);

/** Compared against when the username is unknown, so timing does not tell which usernames exist. */
let dummy: Promise<string> | undefined;
export const dummyHash = () => (dummy ??= hashPassword('cnscd-no-such-user'));

export const Password = z
  .string()
  .min(10, { error: 'Mật khẩu ít nhất 10 ký tự / At least 10 characters' })
  .max(200);
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,63}$/, {
    error: 'Tên đăng nhập: 3–64 chữ thường không dấu, số, . _ - / 3–64 of a-z, 0-9, . _ -',
  })
  // Not a citizen ID or phone number: usernames are shown in lists and audit views.
  .refine((n) => !containsIdLikeNumber(n), { error: 'Không được chứa số giấy tờ / No ID numbers' });
