import type { FactsDatabase } from '../../infrastructure/read-model';

/** What a report carries as an administrative document besides its figures (Decree 30/2020/NĐ-CP). */
export interface ReportDocument {
  /** Its number in the commune's register of outgoing documents (`<number>/BC-UBND`); null until given. */
  readonly number: string | null;
  /** The day it was issued (submitted); null on a draft. */
  readonly issuedOn: string | null;
  readonly signer: { readonly authority: string; readonly position: string; readonly name: string } | null;
  /** Nơi nhận: who receives it, the office's file copy last. */
  readonly recipients: readonly string[];
}

/** Where a report goes when its submission names no recipients. */
export const DEFAULT_RECIPIENTS = ['Sở Khoa học và Công nghệ (để báo cáo)', 'Lưu: VT, VH-XH'] as const;

type Submission = Pick<
  FactsDatabase['f_report_submission'],
  'document_number' | 'signer_authority' | 'signer_position' | 'signer_name' | 'recipients' | 'known_at'
>;

/** The document's parts as submitted; a draft's are blanks and the default recipients. */
export function documentOf(submission: Submission | undefined): ReportDocument {
  if (!submission) return { number: null, issuedOn: null, signer: null, recipients: DEFAULT_RECIPIENTS };
  const { signer_authority: authority, signer_position: position, signer_name: name } = submission;
  return {
    number: submission.document_number ?? null,
    issuedOn: null,
    signer: authority && position && name ? { authority, position, name } : null,
    recipients: submission.recipients?.length ? submission.recipients : DEFAULT_RECIPIENTS,
  };
}
