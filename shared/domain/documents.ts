/**
 * Documents an area hands in with a follow-up (plans, reports): what may be uploaded, how many, how
 * large, and where each is kept. The file itself goes straight from the browser to the bucket; the
 * table keeps what the API answers about it.
 */

/** The accepted types, by MIME type, with the name a coordinator knows them by. */
export const DOCUMENT_TYPES = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word (DOCX)',
  'application/vnd.oasis.opendocument.text': 'OpenDocument-text (ODT)',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel (XLSX)',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument-kalkylblad (ODS)',
} as const;
export type DocumentContentType = keyof typeof DOCUMENT_TYPES;
export const DOCUMENT_CONTENT_TYPES = Object.keys(DOCUMENT_TYPES) as [
  DocumentContentType,
  ...DocumentContentType[],
];

/** 20 MiB: a plan with pictures fits; the bucket's upload policy refuses anything larger. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
export const MAX_DOCUMENTS_PER_FOLLOW_UP = 10;
export const MAX_FILE_NAME_LENGTH = 200;

/** A document of one obligation, as the API answers it. */
export interface FollowUpDocument {
  id: string;
  followUpId: string;
  fileName: string;
  contentType: DocumentContentType;
  /** Bytes, as announced when the upload was asked for (the bucket's policy caps the real size). */
  size: number;
  /** When the upload was presigned (ISO 8601); the file may arrive up to 15 minutes later, or never. */
  uploadedAt: string;
  /** Who asked for the upload (e-mail, or the sign-in's subject). */
  uploadedBy: string;
}

/** The object key in the bucket: one folder per obligation, the document's own id as the name. */
export const documentObjectKey = (followUpId: string, documentId: string): string =>
  `followups/${followUpId}/${documentId}`;

/** "PDF, Word (DOCX), …": the list a refusal names, in Swedish. */
export const documentTypeList = (): string => {
  const names = Object.values(DOCUMENT_TYPES);
  return `${names.slice(0, -1).join(', ')} eller ${names.at(-1)}`;
};
