import { z } from 'zod';
import { DIGITAL_TOPIC_CODES } from '../topics';
import { containsIdLikeNumber, Day, EntityId, ResidentKey, ShortNote, VillageCode } from '../identifiers';

const Topic = z.enum(DIGITAL_TOPIC_CODES);
/** Names shown in the roster and reports; never an ID or phone number. */
const DisplayName = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .refine((n) => !containsIdLikeNumber(n), { error: 'Không được chứa số giấy tờ / No ID numbers' });
const OfficialName = z.string().trim().min(1).max(80);

export const MEMBER_AFFILIATIONS = [
  'youth-union',
  'women-union',
  'farmers-union',
  'veterans-association',
  'fatherland-front',
  'commune-police',
  'post-office',
  'telecom',
  'school',
  'bank',
  'health-station',
  'business',
  'village-residents',
  'other',
] as const;

export const ACTIVITY_KINDS = [
  'banner-slogan',
  'village-meeting',
  'community-event',
  'themed-workshop',
  'digital-post',
] as const;
export const ACTIVITY_KIND_LABELS: Record<(typeof ACTIVITY_KINDS)[number], { vi: string; en: string }> = {
  'banner-slogan': { vi: 'Băng rôn, khẩu hiệu', en: 'Banners and slogans' },
  'village-meeting': { vi: 'Họp thôn', en: 'Village meeting' },
  'community-event': { vi: 'Sự kiện cộng đồng', en: 'Community event' },
  'themed-workshop': {
    vi: 'Hội thảo chuyên đề gắn với ngày kỷ niệm',
    en: 'Themed workshop tied to an anniversary',
  },
  'digital-post': {
    vi: 'Bài đăng, tin nhắn trên nền tảng số',
    en: 'Posts and messages on digital platforms',
  },
};

/** Age bands for attendance counts (the indicators use 14+, 15+, 18+). */
export const ATTENDANCE_BANDS = ['under-14', '14-17', '18-35', '36-59', '60-plus'] as const;
const Count = z.number().int().min(0).max(100_000);
export const Attendance = z.partialRecord(z.enum(ATTENDANCE_BANDS), z.object({ female: Count, male: Count }));
export type Attendance = z.infer<typeof Attendance>;

export const TeamRegisteredV1 = z.object({
  teamId: EntityId,
  villageCode: VillageCode,
  villageName: OfficialName,
  communeName: OfficialName,
});
/** A volunteer joined, having consented to their name and role being kept (their phone is kept apart, never in an event). */
export const MemberJoinedV1 = z.object({
  teamId: EntityId,
  memberId: EntityId,
  displayName: DisplayName,
  affiliation: z.enum(MEMBER_AFFILIATIONS),
  joinedOn: Day,
  consent: z.literal(true),
});
export const MemberLeftV1 = z.object({ teamId: EntityId, memberId: EntityId, leftOn: Day });
export const LeaderAppointedV1 = z.object({ teamId: EntityId, memberId: EntityId, since: Day });
/** The team's Zalo group as it is actually named, judged against the rule `CNSCĐ_<Thôn>_<Tên xã>`. */
export const ZaloGroupNameRecordedV1 = z.object({
  teamId: EntityId,
  name: z.string().max(120),
  canonical: z.string(),
  conforms: z.boolean(),
  problems: z.array(z.string()),
});

export const ActivityRecordedV1 = z.object({
  activityId: EntityId,
  kind: z.enum(ACTIVITY_KINDS),
  date: Day,
  villageCodes: z.array(VillageCode).min(1),
  topics: z.array(Topic).min(1),
  organisations: z.array(z.string().min(1).max(64)),
  peopleReached: Count,
  /** For a themed workshop: the anniversary it is tied to. */
  anniversary: z.string().trim().max(120).nullable(),
  note: ShortNote.nullable(),
});

export const SessionRecordedV1 = z.object({
  sessionId: EntityId,
  topics: z.array(Topic).min(1),
  trainerOrganisationId: z.string().min(1).max(64),
  place: z.string().trim().min(1).max(120),
  date: Day,
  villageCodes: z.array(VillageCode).min(1),
  attendance: Attendance,
  /** Residents who attended, by the outreach service's pseudonymous key (never an ID number). */
  attendees: z.array(ResidentKey).max(500),
  /** Trains "core spreaders" (hạt nhân lan tỏa): young, active people who pass skills on. */
  coreSpreaders: z.boolean(),
});

/** A team's periodic summary to the Culture–Society Office: the figures as recorded when it was submitted, and the team's notes. */
export const TeamReportSubmittedV1 = z.object({
  teamId: EntityId,
  reportId: EntityId,
  from: Day,
  to: Day,
  figures: z.object({
    visits: Count,
    activities: Count,
    peopleReached: Count,
    sessions: Count,
    attendance: Count,
  }),
  difficulties: z
    .string()
    .trim()
    .max(2000)
    .refine((n) => !containsIdLikeNumber(n)),
  proposals: z
    .string()
    .trim()
    .max(2000)
    .refine((n) => !containsIdLikeNumber(n)),
});
