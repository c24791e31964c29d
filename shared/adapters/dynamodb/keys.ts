/**
 * Every pk/sk/GSI key of the single table is built here and nowhere else. The P-numbers refer to
 * the access patterns P1–P13 in README's "Data design" lists them against this module.
 */

/** P1: a programme, and the list of all programmes (GSI1 partition `PROGRAMMES`). */
export const programmeKey = (programmeId: string) => ({ pk: `PROGRAMME#${programmeId}`, sk: 'PROGRAMME' });
export const programmeListKeys = (programmeId: string) => ({ gsi1pk: 'PROGRAMMES', gsi1sk: programmeId });
export const PROGRAMME_LIST_PARTITION = 'PROGRAMMES';

/** P2: an area, and the list of all areas (GSI1 partition `AREAS`). */
export const areaKey = (areaId: string) => ({ pk: `AREA#${areaId}`, sk: 'AREA' });
export const areaListKeys = (areaId: string) => ({ gsi1pk: 'AREAS', gsi1sk: areaId });
export const AREA_LIST_PARTITION = 'AREAS';

/** P6: a programme year's running totals (`granted`, `disbursed`), changed only inside transactions. */
export const YEAR_PREFIX = 'YEAR#';
export const programmeYearKey = (programmeId: string, year: number) => ({
  pk: `PROGRAMME#${programmeId}`,
  sk: `${YEAR_PREFIX}${year}`,
});

/** P6: an area's granted total within a programme, changed only inside decision transactions. */
export const AREA_TOTAL_PREFIX = 'AREATOTAL#';
export const areaTotalKey = (programmeId: string, areaId: string) => ({
  pk: `PROGRAMME#${programmeId}`,
  sk: `${AREA_TOTAL_PREFIX}${areaId}`,
});

/** P3: an application. Its history (P5), and later its links, goals and surveys (P13), share its partition. */
export const applicationKey = (id: string) => ({ pk: `APPLICATION#${id}`, sk: 'APPLICATION' });
/** The application's id from its table key (an index entry always carries the key). */
export const applicationIdOfKey = (pk: string) => pk.slice('APPLICATION#'.length);

interface ApplicationKeyFields {
  id: string;
  programmeId: string;
  areaId: string;
  status: string;
  createdAt: string;
}

/**
 * P4: the index entries of an application, all sorted by creation time (newest first when read
 * backwards). P11: approved and completed applications also enter the slim report index.
 */
export const applicationIndexKeys = (app: ApplicationKeyFields) => {
  const byTime = `${app.createdAt}#${app.id}`;
  const reported = app.status === 'approved' || app.status === 'completed';
  return {
    gsi1pk: applicationPartitions.programme(app.programmeId),
    gsi1sk: byTime,
    gsi2pk: applicationPartitions.areaInProgramme(app.areaId, app.programmeId),
    gsi2sk: byTime,
    gsi3pk: applicationPartitions.programmeStatus(app.programmeId, app.status),
    gsi3sk: byTime,
    gsi4pk: applicationPartitions.area(app.areaId),
    gsi4sk: byTime,
    gsi5pk: applicationPartitions.status(app.status),
    gsi5sk: byTime,
    gsi6pk: applicationPartitions.all(),
    gsi6sk: byTime,
    ...(reported ? { reportPk: reportPartition(app.programmeId), reportSk: `${app.areaId}#${app.id}` } : {}),
  };
};

export const applicationPartitions = {
  programme: (programmeId: string) => `PROGRAMME#${programmeId}#APPLICATIONS`,
  areaInProgramme: (areaId: string, programmeId: string) =>
    `AREA#${areaId}#PROGRAMME#${programmeId}#APPLICATIONS`,
  programmeStatus: (programmeId: string, status: string) => `PROGRAMME#${programmeId}#STATUS#${status}`,
  area: (areaId: string) => `AREA#${areaId}#APPLICATIONS`,
  status: (status: string) => `APPLICATIONS#STATUS#${status}`,
  all: () => 'APPLICATIONS',
};

/** P11: the report index partition of a programme. */
export const reportPartition = (programmeId: string) => `PROGRAMME#${programmeId}`;

/**
 * P5: an audit event. The sort key orders the history by time, then by the version it produced
 * (a fixed clock gives equal times), and never collides.
 */
export const eventKey = (applicationId: string, at: string, version: number, unique: string) => ({
  pk: `APPLICATION#${applicationId}`,
  sk: `EVENT#${at}#${String(version).padStart(6, '0')}#${unique}`,
});
export const EVENT_PREFIX = 'EVENT#';

/** P10: an outbox e-mail; while unsent it is listed in GSI3 by creation time for the sweeper. */
export const outboxKey = (id: string) => ({ pk: `OUTBOX#${id}`, sk: 'OUTBOX' });
export const OUTBOX_PENDING_PARTITION = 'OUTBOX#PENDING';
export const outboxPendingKeys = (createdAt: string, id: string) => ({
  gsi3pk: OUTBOX_PENDING_PARTITION,
  gsi3sk: `${createdAt}#${id}`,
});

/** P12: Powertools idempotency records live in one partition of the table, expiring by TTL. */
export const IDEMPOTENCY_PARTITION = 'IDEMPOTENCY';

/** P7: an obligation, by its own id (the routes address it so). */
const FOLLOWUP_KEY_PREFIX = 'FOLLOWUP#';
export const followUpKey = (id: string) => ({ pk: `${FOLLOWUP_KEY_PREFIX}${id}`, sk: 'FOLLOWUP' });

interface FollowUpKeyFields {
  id: string;
  applicationId: string;
  programmeId: string;
  areaId: string;
  status: string;
  dueOn: string;
}

/** P7: the index entries of an obligation, all sorted by due date so that `dueBefore` is a key range. */
export const followUpIndexKeys = (f: FollowUpKeyFields) => {
  const byDue = `${f.dueOn}#${f.id}`;
  return {
    gsi1pk: followUpPartitions.programmeStatus(f.programmeId, f.status),
    gsi1sk: byDue,
    gsi2pk: followUpPartitions.area(f.areaId),
    gsi2sk: byDue,
    gsi3pk: followUpPartitions.application(f.applicationId),
    gsi3sk: byDue,
    gsi4pk: followUpPartitions.programme(f.programmeId),
    gsi4sk: byDue,
    gsi5pk: followUpPartitions.status(f.status),
    gsi5sk: byDue,
    gsi6pk: followUpPartitions.all(),
    gsi6sk: byDue,
  };
};

/**
 * P7r: the follow-up report index (table-schema.ts `followUpReport`) reuses an obligation's GSI4
 * partition (`followUpPartitions.programme`) with its `dueOn` as the sort key; it projects the
 * table keys, so an obligation's id is read from its `pk`.
 */
export const followUpReportPartition = (programmeId: string) => followUpPartitions.programme(programmeId);
export const followUpIdOfKey = (pk: string) => pk.slice(FOLLOWUP_KEY_PREFIX.length);

export const followUpPartitions = {
  programmeStatus: (programmeId: string, status: string) => `PROGRAMME#${programmeId}#FOLLOWUPS#${status}`,
  area: (areaId: string) => `AREA#${areaId}#FOLLOWUPS`,
  application: (applicationId: string) => `APPLICATION#${applicationId}#FOLLOWUPS`,
  programme: (programmeId: string) => `PROGRAMME#${programmeId}#FOLLOWUPS`,
  status: (status: string) => `FOLLOWUPS#STATUS#${status}`,
  all: () => 'FOLLOWUPS',
};

/**
 * P8: the sparse reminder index. Only a pending obligation with a reminder step still to come
 * carries these; the job reads the key range `nextReminderOn ≤ today`, so its reads grow with what
 * is due, not with how many obligations exist.
 */
export const REMINDER_PARTITION = 'DUE';
export const reminderIndexKeys = (nextReminderOn: string) => ({
  reminderPk: REMINDER_PARTITION,
  nextReminderOn,
});

/**
 * P9: the claim of one reminder step of one round of one obligation, written once (conditional
 * put). Claims stored before rounds existed (`REMINDER#<offset>`) are round 1's; their steps are
 * in the obligation's `remindersSent`, so they are never claimed again.
 */
export const reminderClaimKey = (followUpId: string, round: number, offset: number) => ({
  pk: `FOLLOWUP#${followUpId}`,
  sk: `REMINDER#${round}#${offset}`,
});

/**
 * P8/P9 for completion: an approved application's completion reminder (`APPLICATION#id /
 * COMPLETION`, in the sparse reminder index while pending) and the claims of its steps.
 */
export const completionDueKey = (applicationId: string) => ({
  pk: `APPLICATION#${applicationId}`,
  sk: 'COMPLETION',
});
/**
 * The overview (GET /overview): a pending completion report is listed by due date, across areas
 * and per area (GSI5, GSI2); the closing completion removes both.
 */
export const completionDuePartitions = {
  pending: () => 'COMPLETIONS#PENDING',
  area: (areaId: string) => `AREA#${areaId}#COMPLETIONS`,
};
export const completionDueIndexKeys = (c: { applicationId: string; areaId: string; dueOn: string }) => ({
  gsi5pk: completionDuePartitions.pending(),
  gsi5sk: `${c.dueOn}#${c.applicationId}`,
  gsi2pk: completionDuePartitions.area(c.areaId),
  gsi2sk: `${c.dueOn}#${c.applicationId}`,
});

/**
 * An open deferral request, as a small item beside its obligation (`FOLLOWUP#id / DEFERRALREQUEST`)
 * while it waits for an answer: head office's list across areas (GSI1) and an area's (GSI2),
 * oldest first. Written and deleted in the obligation's own transaction.
 */
export const deferralRequestKey = (followUpId: string) => ({
  pk: `FOLLOWUP#${followUpId}`,
  sk: 'DEFERRALREQUEST',
});
export const deferralRequestPartitions = {
  all: () => 'DEFERRALREQUESTS',
  area: (areaId: string) => `AREA#${areaId}#DEFERRALREQUESTS`,
};
export const deferralRequestIndexKeys = (r: { followUpId: string; areaId: string; requestedOn: string }) => ({
  gsi1pk: deferralRequestPartitions.all(),
  gsi1sk: `${r.requestedOn}#${r.followUpId}`,
  gsi2pk: deferralRequestPartitions.area(r.areaId),
  gsi2sk: `${r.requestedOn}#${r.followUpId}`,
});

export const completionReminderClaimKey = (applicationId: string, round: number, offset: number) => ({
  pk: `APPLICATION#${applicationId}`,
  sk: `COMPLETION#REMINDER#${round}#${offset}`,
});

/**
 * Documents of an obligation (issue 11), in the obligation's partition: one metadata item per
 * document, `FOLLOWUP#<id>` / `DOCUMENT#<documentId>`, listed with a `begins_with` on the sort key;
 * beside them one counter item that caps how many there may be (changed only in the transaction
 * that writes a document).
 */
export const DOCUMENT_PREFIX = 'DOCUMENT#';
export const documentKey = (followUpId: string, documentId: string) => ({
  pk: `FOLLOWUP#${followUpId}`,
  sk: `${DOCUMENT_PREFIX}${documentId}`,
});
export const documentCountKey = (followUpId: string) => ({
  pk: `FOLLOWUP#${followUpId}`,
  sk: 'DOCUMENTCOUNT',
});

/**
 * E-mail problems (SES bounces, complaints, rejects; not in DATA.md's list): one status item per
 * address, `EMAIL#<address>` / `STATUS`, listed for administrators in GSI1 partition
 * `EMAIL-PROBLEMS` by address. Beside it, one short-lived marker per notification counted
 * (`FEEDBACK#<event id>`, expiring by TTL), so that a redelivered notification counts once.
 * Addresses are keyed lower-cased.
 */
export const emailStatusKey = (address: string) => ({ pk: `EMAIL#${address.toLowerCase()}`, sk: 'STATUS' });
export const EMAIL_PROBLEMS_PARTITION = 'EMAIL-PROBLEMS';
export const emailProblemListKeys = (address: string) => ({
  gsi1pk: EMAIL_PROBLEMS_PARTITION,
  gsi1sk: address.toLowerCase(),
});
export const emailFeedbackMarkerKey = (address: string, eventId: string) => ({
  pk: `EMAIL#${address.toLowerCase()}`,
  sk: `FEEDBACK#${eventId}`,
});

/**
 * Report runs (the audit of `POST /reports`; not in DATA.md's list): one item per report an
 * administrator ran, `REPORTRUN#<id>` / `REPORTRUN`, listed newest first in GSI1 partition
 * `REPORTRUNS`, sorted by `<at>#<id>`. A run is written once and never changed. One partition for
 * every run is fine: administrators run a few reports a day, not thousands a second.
 */
export const reportRunKey = (id: string) => ({ pk: `REPORTRUN#${id}`, sk: 'REPORTRUN' });
export const REPORT_RUNS_PARTITION = 'REPORTRUNS';
export const reportRunListKeys = (at: string, id: string) => ({
  gsi1pk: REPORT_RUNS_PARTITION,
  gsi1sk: `${at}#${id}`,
});

/**
 * The calendar feed of an area (not in DATA.md's list): the feed URL carries a secret token,
 * stored only as its SHA-256. `CALENDAR#<sha256 hex>` / `CALENDAR` names the area the token
 * belongs to — the anonymous feed's one GetItem. `AREA#<areaId>` / `CALENDAR` is the area's current
 * token: its hash (which lookup item to delete when it is replaced) and the token sealed with a
 * key the table does not hold, so that the URL can be shown again to those who may see it.
 */
export const calendarTokenKey = (tokenHash: string) => ({ pk: `CALENDAR#${tokenHash}`, sk: 'CALENDAR' });
export const areaCalendarKey = (areaId: string) => ({ pk: `AREA#${areaId}`, sk: 'CALENDAR' });

/**
 * Participant surveys (issue 14; not in DATA.md's list). A surveyed obligation's link sits beside
 * it (`FOLLOWUP#<id>` / `SURVEY`: the token's hash, the token sealed, the count of responses), and
 * `SURVEY#<sha256 hex>` / `SURVEY` names the obligation a token opens — the anonymous page's one
 * GetItem. The round's e-mail is claimed once (`FOLLOWUP#<id>` / `SURVEYMAIL`). Each response is
 * kept beside its obligation (`FOLLOWUP#<id>` / `RESPONSE#<day>#<id>`), and in the same write
 * counted in its programme's sums per area, round and month (`PROGRAMME#<id>#SURVEYTALLIES` /
 * `<area>#<round>#<YYYY-MM>`, which also carry the month's comments while they have room) and per
 * day (`PROGRAMME#<id>#SURVEYDAYS` / `<YYYY-MM-DD>#<area>#<round>`, read only for a report as of a
 * past day within its month). A comment the month has no room for goes to its day's page of
 * comments (`PROGRAMME#<id>#SURVEYCOMMENTS` / `<area>#<round>#<day>`), and one the page has no
 * room for to an item of its own (the same with `#<id>`). The report reads those, not the
 * responses (issue 16). Responses stored before the sums existed sit in
 * `PROGRAMME#<id>#SURVEYRESPONSES`; the report still reads them, and the daily job moves them
 * to the new keys. A per-link, per-minute counter (`SURVEYRATE#<hash>` / `<minute>`, expiring by
 * TTL) caps how fast one link takes answers.
 */
export const surveyLinkKey = (followUpId: string) => ({ pk: `FOLLOWUP#${followUpId}`, sk: 'SURVEY' });
export const surveyTokenKey = (tokenHash: string) => ({ pk: `SURVEY#${tokenHash}`, sk: 'SURVEY' });
export const surveyMailKey = (followUpId: string) => ({ pk: `FOLLOWUP#${followUpId}`, sk: 'SURVEYMAIL' });
export const surveyResponseKey = (r: { followUpId: string; answeredOn: string; id: string }) => ({
  pk: `FOLLOWUP#${r.followUpId}`,
  sk: `RESPONSE#${r.answeredOn}#${r.id}`,
});
export const surveyTallyPartition = (programmeId: string) => `PROGRAMME#${programmeId}#SURVEYTALLIES`;
export const surveyTallyKey = (programmeId: string, t: { areaId: string; round: number; month: string }) => ({
  pk: surveyTallyPartition(programmeId),
  sk: `${t.areaId}#${t.round}#${t.month}`,
});
export const surveyDayPartition = (programmeId: string) => `PROGRAMME#${programmeId}#SURVEYDAYS`;
export const surveyDayKey = (programmeId: string, t: { areaId: string; round: number; day: string }) => ({
  pk: surveyDayPartition(programmeId),
  sk: `${t.day}#${t.areaId}#${t.round}`,
});
export const surveyCommentPartition = (programmeId: string) => `PROGRAMME#${programmeId}#SURVEYCOMMENTS`;
/** A day's comments that found no room in their month's sums. */
export const surveyCommentPageKey = (
  programmeId: string,
  c: { areaId: string; round: number; answeredOn: string },
) => ({ pk: surveyCommentPartition(programmeId), sk: `${c.areaId}#${c.round}#${c.answeredOn}` });
export const surveyCommentKey = (
  programmeId: string,
  c: { areaId: string; round: number; answeredOn: string; id: string },
) => ({ pk: surveyCommentPartition(programmeId), sk: `${c.areaId}#${c.round}#${c.answeredOn}#${c.id}` });
/** Where responses were stored before the tallies existed (read, and moved, until it is empty). */
export const untalliedSurveyResponsePartition = (programmeId: string) =>
  `PROGRAMME#${programmeId}#SURVEYRESPONSES`;
export const untalliedSurveyResponseKey = (
  programmeId: string,
  r: { areaId: string; round: number; answeredOn: string; id: string },
) => ({
  pk: untalliedSurveyResponsePartition(programmeId),
  sk: `${r.areaId}#${r.round}#${r.answeredOn}#${r.id}`,
});
/**
 * P14: a programme's goal sheets, one per approved application with goals, by area: what the goals
 * report lists and counts, each application's texts once (goal-sheets.ts).
 */
export const goalSheetPartition = (programmeId: string) => `PROGRAMME#${programmeId}#GOALS`;
export const goalSheetKey = (programmeId: string, s: { areaId: string; applicationId: string }) => ({
  pk: goalSheetPartition(programmeId),
  sk: `${s.areaId}#${s.applicationId}`,
});
/**
 * Present when every approved application of the programme with goals has its sheet: written with
 * a new programme (from then on every approval writes one). Sorts before every `areaId#…`, so the
 * report finds it on the first page of the sheets it reads anyway.
 */
export const goalSheetsCompleteKey = (programmeId: string) => ({
  pk: goalSheetPartition(programmeId),
  sk: '#COMPLETE',
});
export const surveyRateKey = (tokenHash: string, minute: string) => ({
  pk: `SURVEYRATE#${tokenHash}`,
  sk: minute,
});

/**
 * A confirmation link (issue 15, anchoring): `CONFIRMLINK#<sha256 hex of the token>` /
 * `CONFIRMLINK` names the application and the confirmer — the anonymous page's one GetItem.
 */
export const confirmationLinkKey = (tokenHash: string) => ({
  pk: `CONFIRMLINK#${tokenHash}`,
  sk: 'CONFIRMLINK',
});
