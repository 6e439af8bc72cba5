import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  type CfnTable,
  ProjectionType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE_INDEXES } from '../../shared/schemas/table.ts';

/**
 * The requests table: one item per request (its history inside), plus small auxiliary items
 * (counters, API keys) under their own key prefixes. On-demand billing so a province's surge
 * costs nothing when idle; retained, recoverable and protected because it is the record.
 */
export class RequestsTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: 'pk', type: AttributeType.STRING },
      sortKey: { name: 'sk', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Sparse index of an agency's requests, sorted by status then last change.
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE_INDEXES.byAgency.name,
      partitionKey: { name: TABLE_INDEXES.byAgency.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_INDEXES.byAgency.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
    // Sparse index of unfinished requests per province by deadline: the SLA sweeper queries it.
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE_INDEXES.openByDeadline.name,
      partitionKey: { name: TABLE_INDEXES.openByDeadline.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_INDEXES.openByDeadline.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.KEYS_ONLY,
    });
    // Every request by province and status, oldest change first: the reconciler's and dashboards' view.
    this.table.addGlobalSecondaryIndex({
      indexName: TABLE_INDEXES.byProvinceStatus.name,
      partitionKey: { name: TABLE_INDEXES.byProvinceStatus.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_INDEXES.byProvinceStatus.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.KEYS_ONLY,
    });
    // The table holds every citizen's record: its logical ID must never change.
    (this.table.node.defaultChild as CfnTable).overrideLogicalId('RequestsTable');
  }
}
