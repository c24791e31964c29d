import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  type GlobalSecondaryIndexPropsV2,
  ProjectionType,
  StreamViewType,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import {
  INDEX_LIST,
  type IndexSchema,
  TABLE_KEYS,
  TTL_ATTRIBUTE,
} from '../../shared/adapters/dynamodb/table-schema.ts';

const stringKey = (name: string) => ({ name, type: AttributeType.STRING });

/** One GSI of the deployed table, built from the shared schema (never re-typed here). */
export const globalSecondaryIndex = (index: IndexSchema): GlobalSecondaryIndexPropsV2 => ({
  indexName: index.name,
  partitionKey: stringKey(index.partitionKey),
  sortKey: stringKey(index.sortKey),
  ...(index.projection === 'ALL'
    ? { projectionType: ProjectionType.ALL }
    : { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.projection] }),
});

/**
 * The single table, from shared/adapters/dynamodb/table-schema.ts (the same data the local stack
 * and the tests create DynamoDB Local tables from).
 *
 * - On-demand billing: traffic is a few dozen coordinators, bursty around deadlines.
 * - Point-in-time recovery and deletion protection; RETAIN so that deleting the stack never takes
 *   the grant records with it.
 * - Stream with new and old images: the outbox (mailer) and later consumers read it.
 * - TTL on the shared TTL attribute: idempotency records and short-lived tokens expire by it.
 */
export class Data extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new TableV2(this, 'Table', {
      partitionKey: stringKey(TABLE_KEYS.partitionKey),
      sortKey: stringKey(TABLE_KEYS.sortKey),
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      globalSecondaryIndexes: INDEX_LIST.map(globalSecondaryIndex),
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
