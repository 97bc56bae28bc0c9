import { z } from 'zod';

/** Commune (xã) code: the 5-digit administrative unit code. The tenant key everywhere. */
export const CommuneCode = z
  .string()
  .regex(/^[0-9]{5}$/, { error: 'Mã xã gồm 5 chữ số / A commune code is 5 digits' });

/** Village (thôn) code, set by the commune: lowercase letters, digits and hyphens, e.g. `thon-1`. */
export const VillageCode = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, {
  error: 'Mã thôn chỉ gồm chữ thường không dấu, số và dấu gạch ngang / Village code: a-z, 0-9 and hyphens',
});

export const EntityId = z.uuid({ error: 'Cần một UUID / A UUID is required' });

/**
 * A resident's pseudonymous key (ARCHITECTURE §7): HMAC-SHA-256 (hex) of the citizen ID number with a
 * per-commune secret. A raw ID-card number never fits this shape, so it cannot slip into an event.
 */
export const ResidentKey = z.string().regex(/^[0-9a-f]{64}$/, {
  error:
    'Khóa cư dân là mã giả danh 64 ký tự hex, không phải số CCCD / A resident key is a 64-hex pseudonymous key, never an ID number',
});

/** An ISO 8601 instant with its offset, e.g. 2026-03-02T08:30:00+07:00. */
export const Instant = z.iso.datetime({
  offset: true,
  error: 'Cần thời điểm ISO 8601 / An ISO 8601 date-time is required',
});

/**
 * True when the text holds something shaped like an identity-card (9 or 12 digits) or phone number
 * (10+ digits), even written with spaces, dots or hyphens. Used to refuse free text that would carry
 * personal data into an event (ARCHITECTURE §7).
 */
export function containsIdLikeNumber(text: string): boolean {
  return /\d(?:[\s.-]?\d){8,}/.test(text);
}

/** A short note: no ID-card or phone numbers. */
export const ShortNote = z
  .string()
  .trim()
  .max(280, { error: 'Ghi chú tối đa 280 ký tự / A note has at most 280 characters' })
  .refine((text) => !containsIdLikeNumber(text), {
    error:
      'Ghi chú không được chứa số CCCD hay số điện thoại / A note must not contain ID-card or phone numbers',
  });
