import { reject, type Decider, type DomainEvent, type Rejection } from '@cnscd/decider';
import type { ActivityRecordedData, SessionRecordedData } from '@cnscd/contracts';

/**
 * Communication activities and training sessions are records: written once, never edited (a
 * correction is a new record). Both must name at least one of the nine topics.
 */
export type RecordEvent =
  DomainEvent<'ActivityRecorded', ActivityRecordedData> | DomainEvent<'SessionRecorded', SessionRecordedData>;
export type RecordCommand =
  ({ type: 'RecordActivity' } & ActivityRecordedData) | ({ type: 'RecordSession' } & SessionRecordedData);
export type RecordState = { readonly recorded: boolean };

export type RecordRejection = Rejection<
  'TopicRequired' | 'AnniversaryRequired' | 'AttendeesExceedAttendance'
>;

const topicRequired = () =>
  reject(
    'TopicRequired',
    { vi: 'Cần ít nhất một chủ đề trong chín chủ đề.', en: 'At least one of the nine topics is required.' },
    'topics',
  );

export const totalAttendance = (attendance: SessionRecordedData['attendance']) =>
  Object.values(attendance).reduce((sum, band) => sum + (band?.female ?? 0) + (band?.male ?? 0), 0);

export function decide(command: RecordCommand, state: RecordState): RecordEvent[] | RecordRejection {
  if (state.recorded) return [];
  if (command.topics.length === 0) return topicRequired();
  const { type, ...data } = command;
  if (type === 'RecordActivity') {
    const activity = data as ActivityRecordedData;
    if (activity.kind === 'themed-workshop' && !activity.anniversary) {
      return reject(
        'AnniversaryRequired',
        {
          vi: 'Hội thảo chuyên đề cần nêu ngày kỷ niệm gắn với nó.',
          en: 'A themed workshop names the anniversary it is tied to.',
        },
        'anniversary',
      );
    }
    return [{ type: 'ActivityRecorded', data: activity }];
  }
  const session = data as SessionRecordedData;
  if (session.attendees.length > totalAttendance(session.attendance)) {
    return reject(
      'AttendeesExceedAttendance',
      {
        vi: 'Số người dự có tên nhiều hơn tổng số người dự.',
        en: 'More named attendees than the attendance counted.',
      },
      'attendees',
    );
  }
  return [{ type: 'SessionRecorded', data: session }];
}

export const recordDecider: Decider<RecordCommand, RecordState, RecordEvent> = {
  initialState: () => ({ recorded: false }),
  evolve: () => ({ recorded: true }),
  decide,
};
