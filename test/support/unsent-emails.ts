import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../shared/adapters/dynamodb/client.ts';
import { OUTBOX_PENDING_PARTITION } from '../../shared/adapters/dynamodb/keys.ts';
import { INDEXES } from '../../shared/adapters/dynamodb/table-schema.ts';
import type { Email } from '../../shared/domain/email.ts';
import type { OutgoingEmail } from '../../shared/ports.ts';

/**
 * The e-mails waiting in this file's outbox (no mailer drains a handler-level test's table), each
 * with what caused it — for tests that check who is told what, without an SES emulator.
 */
export const unsentEmails = async (): Promise<{ source: OutgoingEmail['source']; email: Email }[]> => {
  const { Items = [] } = await dynamo.send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: INDEXES.gsi3.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': INDEXES.gsi3.partitionKey },
      ExpressionAttributeValues: { ':pk': OUTBOX_PENDING_PARTITION },
    }),
  );
  return Items.map((item) => ({ source: item.source, email: item.email as Email }));
};
