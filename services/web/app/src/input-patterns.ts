/**
 * The `pattern` attributes of the app's inputs. A browser compiles a pattern with the `v` flag and
 * ignores (and logs) one that does not compile there — `[a-z0-9-]` is such a one — so the check
 * silently goes: each is tested the way the browser reads it (input-patterns.spec.ts).
 */
export const INPUT_PATTERNS = {
  /** A village code (libs/contracts VillageCode), typed only when the phone has no village list yet. */
  villageCode: '[a-z0-9][a-z0-9\\-]{0,39}',
  /** A household's short code, e.g. H-015. */
  householdCode: '[A-Za-z0-9\\-]{1,20}',
  /** A commune's 5-digit code. */
  communeCode: '[0-9]{5}',
} as const;
