import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { INDEXES } from '../../shared/adapters/dynamodb/table-schema.ts';
import type { TableAction } from '../../shared/http/routes.ts';

/**
 * What a function outside the route table may do on the table, named exactly: item actions on the
 * table's ARN, and `Query` only on the ARNs of the indexes it reads (no `index/*` wildcard, no
 * Query on the base table).
 */
export interface TableAccess {
  /** Item actions on the table itself (a transaction is authorized per action it contains). */
  readonly items: readonly Exclude<TableAction, 'dynamodb:Query'>[];
  /** Indexes the function queries. */
  readonly queryIndexes?: readonly (keyof typeof INDEXES)[];
}

export const grantTableAccess = (grantee: IGrantable, table: ITableV2, access: TableAccess): void => {
  if (access.items.length > 0) {
    Grant.addToPrincipal({ grantee, actions: [...access.items], resourceArns: [table.tableArn] });
  }
  const indexes = access.queryIndexes ?? [];
  if (indexes.length > 0) {
    Grant.addToPrincipal({
      grantee,
      actions: ['dynamodb:Query'],
      resourceArns: indexes.map((index) => `${table.tableArn}/index/${INDEXES[index].name}`),
    });
  }
};
