import * as z from 'zod/mini';
import {
  DOCUMENT_CONTENT_TYPES,
  documentTypeList,
  MAX_DOCUMENT_BYTES,
  MAX_FILE_NAME_LENGTH,
} from '../domain/documents.ts';
import { Line } from './common.ts';
import './locale.ts';

const TYPE_MESSAGE = `Filen måste vara ${documentTypeList()}`;
const SIZE_MESSAGE = `Filen får vara högst 20 MB och får inte vara tom`;

/** `POST /follow-ups/{id}/documents`: what the browser knows of the file before it uploads it. */
export const DocumentUploadBody = z.strictObject({
  fileName: Line(MAX_FILE_NAME_LENGTH, 'Ange filens namn'),
  contentType: z.enum(DOCUMENT_CONTENT_TYPES, { error: TYPE_MESSAGE }),
  size: z
    .number({ error: SIZE_MESSAGE })
    .check(z.int(SIZE_MESSAGE), z.minimum(1, SIZE_MESSAGE), z.maximum(MAX_DOCUMENT_BYTES, SIZE_MESSAGE)),
});
export type DocumentUploadBody = z.infer<typeof DocumentUploadBody>;
