// Long: one aggregate with nine commands (registration, consent, details, moves, adoption, erasure);
// each decision is a small function, and a resident's rules read best in one file.
import { reject, type Decider, type DomainEvent, type Rejection } from '@cnscd/decider';
import {
  type AdoptionConfirmationRetractedData,
  type AdoptionIndicator,
  type AdoptionStage,
  type AdoptionStageConfirmedData,
  type ResidentConsentGivenData,
  type ResidentConsentWithdrawnData,
  type ResidentErasedData,
  type ResidentMovedData,
  type ResidentPersonalDetailsRecordedData,
  type ResidentRegisteredData,
  type SealedDetails,
  type Actor,
} from '@cnscd/contracts';
import { ORGANISATION_KIND_LABELS, vietnamDay } from '@cnscd/contracts';
import { highestStage, mayConfirm, mayRetract, stageRank, type AdoptionPolicy } from './adoption-policy';

// ── Events ──────────────────────────────────────────────────────────────────────────────────────
export type ResidentEvent =
  | DomainEvent<'ResidentRegistered', ResidentRegisteredData>
  | DomainEvent<'ResidentConsentGiven', ResidentConsentGivenData>
  | DomainEvent<'ResidentConsentWithdrawn', ResidentConsentWithdrawnData>
  | DomainEvent<'ResidentPersonalDetailsRecorded', ResidentPersonalDetailsRecordedData>
  | DomainEvent<'ResidentMoved', ResidentMovedData>
  | DomainEvent<'AdoptionStageConfirmed', AdoptionStageConfirmedData>
  | DomainEvent<'AdoptionConfirmationRetracted', AdoptionConfirmationRetractedData>
  | DomainEvent<'ResidentErased', ResidentErasedData>;

// ── Commands ────────────────────────────────────────────────────────────────────────────────────
export type ResidentCommand =
  | {
      type: 'RegisterResident';
      residentKey: string;
      villageCode: string;
      birthYear: number;
      identification: 'citizen-id' | 'generated';
      /** The birth year the caller stated beside a citizen ID number, which encodes one itself. */
      statedBirthYear?: number;
      consent: boolean;
      /** The caller gave a name or phone number (kept, sealed, only with consent). */
      contactGiven: boolean;
      personal: SealedDetails | null;
      currentYear: number;
    }
  | { type: 'GiveConsent'; residentKey: string; personal: SealedDetails | null }
  | { type: 'WithdrawConsent'; residentKey: string }
  | { type: 'RecordPersonalDetails'; residentKey: string; personal: SealedDetails }
  | {
      type: 'MoveResident';
      residentKey: string;
      toVillage: string;
      effectiveDate: string;
      personal: SealedDetails | null;
    }
  | {
      type: 'ConfirmAdoption';
      residentKey: string;
      indicator: AdoptionIndicator;
      stage: AdoptionStage;
      evidence: AdoptionStageConfirmedData['evidence'];
      by: Actor;
      policy: AdoptionPolicy;
      /** When the stage was reached in the field (ISO 8601). */
      occurredAt: string;
    }
  | {
      type: 'RetractAdoption';
      residentKey: string;
      indicator: AdoptionIndicator;
      stage: AdoptionStage;
      reason: AdoptionConfirmationRetractedData['reason'];
      note: string | null;
      by: Actor;
      policy: AdoptionPolicy;
    }
  | { type: 'EraseResident'; residentKey: string; reason: ResidentErasedData['reason'] };

// ── State ───────────────────────────────────────────────────────────────────────────────────────
export type ResidentState =
  | { readonly status: 'unregistered' }
  | {
      readonly status: 'registered' | 'erased';
      readonly villageCode: string;
      readonly consent: boolean;
      /** Standing confirmations per indicator: the stage, and the day (Vietnam) it took effect. */
      readonly confirmed: Readonly<Partial<Record<AdoptionIndicator, readonly Confirmation[]>>>;
    };
type Known = Exclude<ResidentState, { status: 'unregistered' }>;
interface Confirmation {
  readonly stage: AdoptionStage;
  /** YYYY-MM-DD in Vietnam; '' when the event carried no date (it then counts as earliest). */
  readonly day: string;
}

/** The day a recorded event took effect ('' when it carried no date: it then counts as earliest). */
const dayOf = (at: string | undefined): string => (at ? vietnamDay(at) : '');

export const initialState = (): ResidentState => ({ status: 'unregistered' });

export function evolve(state: ResidentState, event: ResidentEvent): ResidentState {
  if (event.type === 'ResidentRegistered') {
    return {
      status: 'registered',
      villageCode: event.data.villageCode,
      consent: event.data.consent,
      confirmed: {},
    };
  }
  if (state.status === 'unregistered') return state;
  switch (event.type) {
    case 'ResidentConsentGiven':
      return { ...state, consent: true };
    case 'ResidentConsentWithdrawn':
      return { ...state, consent: false };
    case 'ResidentPersonalDetailsRecorded':
      return state;
    case 'ResidentMoved':
      return { ...state, villageCode: event.data.toVillage };
    case 'AdoptionStageConfirmed': {
      const standing = state.confirmed[event.data.indicator] ?? [];
      const confirmation = { stage: event.data.stage, day: dayOf(event.occurredAt) };
      return {
        ...state,
        confirmed: { ...state.confirmed, [event.data.indicator]: [...standing, confirmation] },
      };
    }
    case 'AdoptionConfirmationRetracted': {
      const standing = (state.confirmed[event.data.indicator] ?? []).filter(
        (c) => c.stage !== event.data.stage,
      );
      return { ...state, confirmed: { ...state.confirmed, [event.data.indicator]: standing } };
    }
    case 'ResidentErased':
      return { ...state, status: 'erased', consent: false };
  }
}

// ── Decisions ───────────────────────────────────────────────────────────────────────────────────
export type ResidentRejection = Rejection<
  | 'ResidentNotRegistered'
  | 'ResidentErased'
  | 'BirthYearOutOfRange'
  | 'BirthYearMismatch'
  | 'ConsentRequired'
  | 'ConfirmationNotPermitted'
  | 'NothingToRetract'
  | 'AlreadyInVillage'
>;
type Decision = ResidentEvent[] | ResidentRejection;

const notRegistered = () =>
  reject('ResidentNotRegistered', {
    vi: 'Chưa có cư dân này; hãy đăng ký cư dân trước.',
    en: 'No such resident; register the resident first.',
  });
const erased = () =>
  reject('ResidentErased', {
    vi: 'Cư dân này đã bị xóa theo yêu cầu.',
    en: 'This resident has been erased.',
  });
export const consentRequired = (field: string) =>
  reject(
    'ConsentRequired',
    {
      vi: 'Cần sự đồng ý của người dân để lưu thông tin cá nhân.',
      en: 'Personal details need the resident’s consent.',
    },
    field,
  );

/** What a registration is refused for whatever the resident's history: its own facts disagree. */
function unacceptableRegistration(
  command: Extract<ResidentCommand, { type: 'RegisterResident' }>,
): ResidentRejection | null {
  const { birthYear, statedBirthYear } = command;
  if (
    command.identification === 'citizen-id' &&
    statedBirthYear !== undefined &&
    statedBirthYear !== birthYear
  )
    return reject(
      'BirthYearMismatch',
      {
        vi: 'Năm sinh không khớp với số CCCD.',
        en: 'The birth year does not match the citizen ID.',
      },
      'birthYear',
    );
  if (birthYear < 1900 || birthYear > command.currentYear)
    return reject(
      'BirthYearOutOfRange',
      { vi: 'Năm sinh không hợp lệ.', en: 'Birth year out of range.' },
      'birthYear',
    );
  if ((command.personal || command.contactGiven) && !command.consent) return consentRequired('consent');
  return null;
}

/** Every decision but registration needs a registered, not erased, resident. */
function known(state: ResidentState): Known | ResidentRejection {
  if (state.status === 'unregistered') return notRegistered();
  if (state.status === 'erased') return erased();
  return state;
}
const isRejection = (x: Known | ResidentRejection): x is ResidentRejection => 'kind' in x;

export function decide(command: ResidentCommand, state: ResidentState): Decision {
  const { residentKey } = command;
  if (command.type === 'RegisterResident') {
    const refused = unacceptableRegistration(command);
    if (refused) return refused;
    if (state.status === 'erased') return erased();
    // The same person recorded by a second organisation reaches the same resident: nothing new.
    if (state.status === 'registered') return [];
    const { villageCode, birthYear, identification, consent, personal } = command;
    return [
      {
        type: 'ResidentRegistered',
        data: { residentKey, villageCode, birthYear, identification, consent, personal },
      },
    ];
  }
  const resident = known(state);
  if (isRejection(resident))
    return command.type === 'EraseResident' && state.status === 'erased' ? [] : resident;
  switch (command.type) {
    case 'GiveConsent':
      return resident.consent && !command.personal
        ? []
        : [{ type: 'ResidentConsentGiven', data: { residentKey, personal: command.personal } }];
    case 'WithdrawConsent':
      return resident.consent ? [{ type: 'ResidentConsentWithdrawn', data: { residentKey } }] : [];
    case 'RecordPersonalDetails':
      if (!resident.consent) return consentRequired('consent');
      return [{ type: 'ResidentPersonalDetailsRecorded', data: { residentKey, personal: command.personal } }];
    case 'MoveResident':
      if (command.personal && !resident.consent) return consentRequired('consent');
      if (command.toVillage === resident.villageCode && !command.personal) {
        return reject(
          'AlreadyInVillage',
          { vi: 'Cư dân đã ở thôn này.', en: 'The resident already lives in this village.' },
          'toVillage',
        );
      }
      return [
        {
          type: 'ResidentMoved',
          data: {
            residentKey,
            fromVillage: resident.villageCode,
            toVillage: command.toVillage,
            effectiveDate: command.effectiveDate,
            personal: command.personal,
          },
        },
      ];
    case 'ConfirmAdoption':
      return confirmAdoption(command, resident);
    case 'RetractAdoption':
      return retractAdoption(command, resident);
    case 'EraseResident':
      return [{ type: 'ResidentErased', data: { residentKey, reason: command.reason } }];
  }
}

function confirmAdoption(
  command: Extract<ResidentCommand, { type: 'ConfirmAdoption' }>,
  resident: Known,
): Decision {
  const { indicator, stage, evidence, by, policy, residentKey } = command;
  if (!mayConfirm(policy, by.organisationKind, indicator, stage)) {
    // Says who may, so the volunteer knows whom to send the resident to.
    const who = policy[indicator][stage].map((k) => ORGANISATION_KIND_LABELS[k]);
    return reject(
      'ConfirmationNotPermitted',
      {
        vi: `Tổ chức của bạn không được xác nhận giai đoạn này của chỉ tiêu này; chỉ ${who.map((w) => w.vi).join(', ')} xác nhận.`,
        en: `Your organisation may not confirm this stage of this indicator; only ${who.map((w) => w.en).join(', ')} may.`,
      },
      'stage',
    );
  }
  // A stage already in effect (or passed) on or before this one's own day is accepted and changes
  // nothing: counted once, whoever confirms. A lower stage that happened earlier — a backlog arriving
  // late — is recorded, so it counts from its own day (issue 21).
  const day = vietnamDay(command.occurredAt);
  const inEffect = (resident.confirmed[indicator] ?? []).filter((c) => c.day <= day).map((c) => c.stage);
  const reached = highestStage(inEffect);
  if (reached !== null && stageRank(reached) >= stageRank(stage)) return [];
  return [
    {
      type: 'AdoptionStageConfirmed',
      data: {
        residentKey,
        indicator,
        stage,
        evidence,
        organisationId: by.organisationId,
        organisationKind: by.organisationKind,
      },
    },
  ];
}

function retractAdoption(
  command: Extract<ResidentCommand, { type: 'RetractAdoption' }>,
  resident: Known,
): Decision {
  const { indicator, stage, reason, note, by, policy, residentKey } = command;
  if (!mayRetract(policy, by.organisationKind, indicator, stage)) {
    return reject(
      'ConfirmationNotPermitted',
      {
        vi: 'Tổ chức của bạn không được rút lại xác nhận này.',
        en: 'Your organisation may not retract this confirmation.',
      },
      'stage',
    );
  }
  if (!(resident.confirmed[indicator] ?? []).some((c) => c.stage === stage)) {
    return reject(
      'NothingToRetract',
      { vi: 'Không có xác nhận nào để rút lại.', en: 'There is no such confirmation to retract.' },
      'stage',
    );
  }
  return [
    {
      type: 'AdoptionConfirmationRetracted',
      data: { residentKey, indicator, stage, reason, note, organisationId: by.organisationId },
    },
  ];
}

export const residentDecider: Decider<ResidentCommand, ResidentState, ResidentEvent> = {
  initialState,
  evolve,
  decide,
};

/** The stage a resident stands at for an indicator, after every confirmation and retraction. */
export const currentStage = (state: ResidentState, indicator: AdoptionIndicator): AdoptionStage | null =>
  state.status === 'unregistered'
    ? null
    : highestStage((state.confirmed[indicator] ?? []).map((c) => c.stage));
