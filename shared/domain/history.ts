/** One entry of an application's audit trail: who did what, when, and the version it produced. */
export interface HistoryEvent {
  at: string;
  /** The actor's work e-mail (or `system` for scheduled jobs). */
  actor: string;
  action:
    | 'created'
    | 'edited'
    | 'submitted'
    | 'confirmation-requested'
    | 'confirmed'
    | 'declined'
    | 'confirmation-resent'
    | 'approved'
    | 'rejected'
    | 'returned'
    | 'completed'
    | 'follow-up-submitted'
    | 'follow-up-waived'
    | 'follow-up-accepted'
    | 'follow-up-returned'
    | 'deferral-requested'
    | 'deferral-approved'
    | 'deferral-rejected'
    | 'underspend-declared';
  version: number;
  /** A short, non-personal note (e.g. which follow-up). */
  detail?: string;
}
