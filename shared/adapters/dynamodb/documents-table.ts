import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { type DocumentStore, LostRace, type StoredDocument, TooManyDocuments } from '../../ports.ts';
import { dynamo, tableName } from './client.ts';
import { cancellationCodes, withoutKeys } from './items.ts';
import { DOCUMENT_PREFIX, documentCountKey, documentKey, followUpKey } from './keys.ts';
import { queryAll } from './pages.ts';
import { transactWrite } from './transact.ts';

/**
 * Document metadata in the obligation's partition. The cap is a counter item changed in the same
 * transaction that writes the document, conditioned on being below the cap: two uploads asked for
 * at once at 9 documents are serialised by DynamoDB, and exactly one of them makes the 10th.
 */
const create = async (document: StoredDocument, max: number): Promise<void> => {
  try {
    await transactWrite([
      {
        // Documents are added only while the obligation is pending (not after its submission).
        ConditionCheck: {
          TableName: tableName(),
          Key: followUpKey(document.followUpId),
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': 'pending' },
        },
      },
      {
        Update: {
          TableName: tableName(),
          Key: documentCountKey(document.followUpId),
          UpdateExpression: 'SET #count = if_not_exists(#count, :zero) + :one, entity = :entity',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :max',
          ExpressionAttributeNames: { '#count': 'documentCount' },
          ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':max': max, ':entity': 'documentCount' },
        },
      },
      {
        Put: {
          TableName: tableName(),
          Item: { ...documentKey(document.followUpId, document.id), entity: 'document', ...document },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
    ]);
  } catch (error) {
    const codes = cancellationCodes(error);
    if (codes?.[0] === 'ConditionalCheckFailed') throw new LostRace();
    if (codes?.[1] === 'ConditionalCheckFailed') throw new TooManyDocuments();
    throw error;
  }
};

const get = async (followUpId: string, documentId: string): Promise<StoredDocument | undefined> => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName(), Key: documentKey(followUpId, documentId) }),
  );
  return Item ? withoutKeys<StoredDocument>(Item) : undefined;
};

/** At most 10 items, so one query; oldest first (document ids are random). */
const list = async (followUpId: string): Promise<StoredDocument[]> => {
  const items = await queryAll({
    partition: documentKey(followUpId, '').pk,
    beginsWith: DOCUMENT_PREFIX,
    consistent: true,
  });
  return items
    .map((item) => withoutKeys<StoredDocument>(item))
    .sort((a, b) => a.uploadedAt.localeCompare(b.uploadedAt) || a.id.localeCompare(b.id));
};

export const documentsTable: DocumentStore = { create, get, list };
