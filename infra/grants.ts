import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { allowCitizenData } from './constructs/keys.ts';

/**
 * The requests-table actions each kind of function needs, and no more: no Scan or DeleteItem
 * anywhere, no PutItem for readers, no Query for functions that only address items by key.
 */
export const TABLE_ACCESS = {
  /** Read one item by key. */
  get: ['dynamodb:GetItem'],
  /** Query the table's partitions or its indexes. */
  query: ['dynamodb:Query'],
  /** Create or replace whole items (conditional puts). */
  put: ['dynamodb:PutItem'],
  /** Atomic counters and flags. */
  update: ['dynamodb:UpdateItem'],
} as const;

export type TableAccess = keyof typeof TABLE_ACCESS;

/**
 * Grants `fn` exactly the listed kinds of access to the table, the use of the citizen-data key
 * that access implies (decrypt to read; encrypt too to write), and the role tag that the key's
 * policy requires. `onlyKeysStartingWith` confines it to the items whose partition key starts so
 * (`dynamodb:LeadingKeys`), for a function that keeps items of its own apart from the requests.
 */
export function grantTable(
  table: Table,
  fn: IFunction,
  envName: string,
  access: readonly TableAccess[],
  onlyKeysStartingWith?: string,
): void {
  const actions = access.flatMap((a) => TABLE_ACCESS[a]);
  if (onlyKeysStartingWith === undefined) table.grant(fn, ...actions);
  else
    fn.addToRolePolicy(
      new PolicyStatement({
        actions,
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${onlyKeysStartingWith}*`] } },
      }),
    );
  const writes = access.some((a) => a === 'put' || a === 'update');
  if (table.encryptionKey) {
    if (writes) table.encryptionKey.grantEncryptDecrypt(fn);
    else table.encryptionKey.grantDecrypt(fn);
  }
  allowCitizenData(fn.role, envName);
}
