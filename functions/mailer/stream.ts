import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { OUTBOX_ENTITY } from '../../shared/adapters/dynamodb/outbox.ts';
import { outboxDelivery } from '../../shared/composition.ts';
import { logger, observability } from '../../shared/observability.ts';
import type { OutboxDelivery } from '../../shared/usecases/deliver-outbox.ts';

/**
 * The outbox id a stream record asks us to deliver, if any: a new outbox item, or one put back to
 * `pending` by hand (re-driven from `failed`, or re-sent). A failed attempt's own `sending` →
 * `pending` change is not a new request: its retry belongs to the record that failed (reported
 * below) and, after that, to the sweeper; taking it too would spend attempts in a tight loop.
 * The event source mapping filters the same way (see the Mailer construct); this check stays so the
 * handler is right on any event.
 */
export const outboxIdToDeliver = (record: DynamoDBRecord): string | undefined => {
  const image = record.dynamodb?.NewImage;
  if (image?.entity?.S !== OUTBOX_ENTITY || image.status?.S !== 'pending') return undefined;
  if (record.eventName === 'INSERT') return image.id?.S;
  const before = record.dynamodb?.OldImage?.status?.S;
  if (record.eventName === 'MODIFY' && before !== 'pending' && before !== 'sending') return image.id?.S;
  return undefined;
};

/**
 * Delivers the outbox records of a batch, each on its own; a record whose send SES refused (or that
 * hit an error) is reported as a batch item failure, so the event source mapping retries from it
 * (ReportBatchItemFailures). Delivery is idempotent, so a redelivered record is harmless.
 * `delivery` is the mailer's use case, built on first use (tests hand in their own).
 */
export const streamHandler = (delivery: () => OutboxDelivery) =>
  middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
    // A batch has no one id; each record's log line names its outbox id.
    .use(observability<DynamoDBStreamEvent, DynamoDBBatchResponse>(() => undefined))
    .handler(async (event) => {
      const failed = await Promise.all(
        event.Records.map(async (record) => {
          const id = outboxIdToDeliver(record);
          if (!id) return undefined;
          try {
            const outcome = await delivery().deliver(id);
            return outcome === 'retry' ? record : undefined;
          } catch (error) {
            logger.error('outbox delivery failed', {
              outboxId: id,
              error: error instanceof Error ? error.name : 'UnknownError',
            });
            return record;
          }
        }),
      );
      const batchItemFailures = failed
        .filter((record): record is DynamoDBRecord => record !== undefined)
        .map((record) => {
          const itemIdentifier = record.dynamodb?.SequenceNumber;
          // Without it the failure could not be reported: fail the whole batch rather than lose it.
          if (!itemIdentifier) throw new Error('A failed stream record has no SequenceNumber');
          return { itemIdentifier };
        });
      return { batchItemFailures };
    });

export const handler = streamHandler(outboxDelivery);
