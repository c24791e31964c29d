import { randomUUID } from 'node:crypto';
import {
  documentObjectKey,
  type FollowUpDocument,
  MAX_DOCUMENT_BYTES,
  MAX_DOCUMENTS_PER_FOLLOW_UP,
} from '../domain/documents.ts';
import { InvalidTransition, NotFound, RuleViolation } from '../domain/errors.ts';
import { type Caller, isAdmin } from '../domain/roles.ts';
import {
  type Clock,
  type DocumentBucket,
  type DocumentStore,
  type FollowUpStore,
  type PresignedUpload,
  type StoredDocument,
  TooManyDocuments,
} from '../ports.ts';
import type { DocumentUploadBody } from '../schemas/document.ts';
import { retryLostRaces } from './support.ts';

export interface DocumentPorts {
  documents: DocumentStore;
  bucket: DocumentBucket;
  /** Read only: whose obligation it is, and whether it still takes documents. */
  followUps: Pick<FollowUpStore, 'get'>;
  clock: Clock;
}

/** The document as the API answers it: where it lies in the bucket stays inside. */
export const publicDocument = ({ key: _key, ...document }: StoredDocument): FollowUpDocument => document;

/**
 * Documents of a follow-up obligation. The browser uploads the file straight to the bucket with a
 * presigned POST (the API never carries the bytes); the table records what was asked for, and a
 * submission names documents that must then be in the bucket.
 */
export const makeDocuments = ({ documents, bucket, followUps, clock }: DocumentPorts) => {
  /** The obligation if the caller may see it; another area's does not exist for them. */
  const loadVisible = async (caller: Caller, followUpId: string) => {
    const followUp = await followUps.get(followUpId);
    if (!followUp || (!isAdmin(caller) && followUp.areaId !== caller.areaId))
      throw new NotFound('Uppföljningen finns inte.');
    return followUp;
  };

  /**
   * Records a new document of a pending obligation and answers the form to upload it with. The
   * cap of 10 is decided in the write; an obligation submitted meanwhile is read again (409).
   */
  const requestUpload = (
    caller: Caller,
    followUpId: string,
    body: DocumentUploadBody,
  ): Promise<{ documentId: string; upload: PresignedUpload }> =>
    retryLostRaces(async () => {
      const followUp = await loadVisible(caller, followUpId);
      if (followUp.status !== 'pending')
        throw new InvalidTransition('Uppföljningen är redan inlämnad eller struken.');
      const id = randomUUID();
      const document: StoredDocument = {
        id,
        followUpId,
        fileName: body.fileName,
        contentType: body.contentType,
        size: body.size,
        uploadedAt: clock.now().toISOString(),
        uploadedBy: caller.email || caller.sub,
        key: documentObjectKey(followUpId, id),
      };
      try {
        await documents.create(document, MAX_DOCUMENTS_PER_FOLLOW_UP);
      } catch (error) {
        if (!(error instanceof TooManyDocuments)) throw error;
        throw new RuleViolation([
          {
            rule: 'too-many-documents',
            message: `En uppföljning kan ha högst ${MAX_DOCUMENTS_PER_FOLLOW_UP} dokument, och den här har redan så många.`,
          },
        ]);
      }
      const upload = await bucket.presignUpload({
        key: document.key,
        contentType: document.contentType,
        maxBytes: MAX_DOCUMENT_BYTES,
      });
      return { documentId: id, upload };
    });

  /** A short-lived link that downloads the document under its original name. */
  const downloadUrl = async (caller: Caller, followUpId: string, documentId: string): Promise<string> => {
    await loadVisible(caller, followUpId);
    const document = await documents.get(followUpId, documentId);
    if (!document) throw new NotFound('Dokumentet finns inte.');
    return bucket.presignDownload({ key: document.key, fileName: document.fileName });
  };

  /**
   * The submission's check: every id must be a document of this obligation that was uploaded to
   * the bucket (asking for an upload is not uploading). Names each failing id by its position.
   */
  const verifyDocuments = async (followUpId: string, documentIds: readonly string[]): Promise<void> => {
    const present = await Promise.all(
      documentIds.map(async (documentId) => {
        const document = await documents.get(followUpId, documentId);
        return document !== undefined && (await bucket.exists(document.key));
      }),
    );
    const paths = present.flatMap((ok, index) => (ok ? [] : [`documentIds.${index}`]));
    if (paths.length > 0)
      throw new RuleViolation([
        {
          rule: 'document-missing',
          message:
            'Ett eller flera dokument har inte laddats upp till den här uppföljningen. Ladda upp dem igen.',
          paths,
        },
      ]);
  };

  /** The obligation's documents, oldest first, as the follow-up's answer lists them. */
  const list = async (followUpId: string): Promise<FollowUpDocument[]> =>
    (await documents.list(followUpId)).map(publicDocument);

  return { requestUpload, downloadUrl, verifyDocuments, list };
};

export type Documents = ReturnType<typeof makeDocuments>;
