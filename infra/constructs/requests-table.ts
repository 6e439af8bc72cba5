import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  type CfnTable,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import {
  AGENCY_LIST_ATTRIBUTES,
  CITIZEN_LIST_ATTRIBUTES,
  TABLE_INDEXES,
  TTL_ATTRIBUTE,
} from '../../shared/schemas/table.ts';

/**
 * The requests table: one item per request (its history inside), plus small auxiliary items
 * (counters, API keys) under their own key prefixes. On-demand billing so a province's surge
 * costs nothing when idle; retained, recoverable and protected because it is the record.
 */
export class RequestsTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: { readonly encryptionKey: IKey }) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.encryptionKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // Every change, old and new, for what follows the records in batches instead of with a second
      // write in each transition: the statistics counters (functions/stats-counter) and each
      // province's public change log (functions/open311-changes).
      stream: StreamViewType.NEW_AND_OLD_IMAGES,
      // Expired citizen sessions, and the change log's items after 91 days (Open311 looks back 90),
      // go on their own.
      timeToLiveAttribute: TTL_ATTRIBUTE,
    });
    // Sparse index of an agency's requests, open work apart from finished, by filing time: it
    // carries only what an agency's list shows. Its key moves once (when the request finishes); a
    // status change rewrites the small entry in place, and a reply or a rating does not touch it.
    this.index('byAgency', AGENCY_LIST_ATTRIBUTES);
    // Sparse index of unfinished requests per province by deadline: the SLA sweeper queries it.
    this.index('openByDeadline', ProjectionType.KEYS_ONLY);
    // Requests by province and status, oldest change first, for the statuses looked for by status
    // (INDEXED_STATUSES: filing to routing): the reconciler's view; the service code lets statistics
    // count the intake statuses per service. Later statuses leave it (sparse).
    this.index('byProvinceStatus', ['serviceCode']);
    // A signed-in citizen's own requests, newest first ("my requests"), never a scan.
    this.index('byCitizen', CITIZEN_LIST_ATTRIBUTES);
    // Every request by province and filing time, keys only: Open311 lists by requested date. Written
    // once per request (its keys never change), so no later step pays for it.
    this.index('byProvinceCreated', ProjectionType.KEYS_ONLY);
    // Sparse: only payment records flagged for review carry the key, so officers list them without a scan.
    this.index('paymentReview', ProjectionType.ALL);
    // The table holds every citizen's record: its logical ID must never change.
    (this.table.node.defaultChild as CfnTable).overrideLogicalId('RequestsTable');
  }

  /** One of TABLE_INDEXES, string keys as named there: keys only, every attribute, or those listed. */
  private index(
    key: keyof typeof TABLE_INDEXES,
    projection: ProjectionType.KEYS_ONLY | ProjectionType.ALL | readonly string[],
  ): void {
    const { name, partitionKey, sortKey } = TABLE_INDEXES[key];
    this.table.addGlobalSecondaryIndex({
      indexName: name,
      partitionKey: { name: partitionKey, type: AttributeType.STRING },
      sortKey: { name: sortKey, type: AttributeType.STRING },
      ...(typeof projection === 'string'
        ? { projectionType: projection }
        : { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...projection] }),
    });
  }
}
