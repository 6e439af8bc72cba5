import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AttributeValue,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  PutItemCommand,
  ResourceNotFoundException,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import { backfillPublicChangeLog, backfillRequestIndexKeys } from './backfill.ts';
import { type Emulators, LOCAL_ACCOUNT, LOCAL_REGION } from './emulators.ts';
import { type LocalResource, type ResolveScope, resolve } from './intrinsics.ts';
import type { CfnResource, SynthesizedStack } from './template.ts';

export const PSEUDO = {
  'AWS::Region': LOCAL_REGION,
  'AWS::AccountId': LOCAL_ACCOUNT,
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::NoValue': '',
} as const;

/** A name of at most `max` characters, unique per stack and logical id, valid for the service. */
function physicalName(stack: string, logicalId: string, max: number, suffix = ''): string {
  const raw = `${stack}-${logicalId}`.replace(/[^A-Za-z0-9-]/g, '-');
  if (raw.length + suffix.length <= max) return raw + suffix;
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 8);
  return `${raw.slice(0, max - suffix.length - 9)}-${hash}${suffix}`;
}

/** Attributes for resources the emulators do not hold: any attribute resolves to a stable placeholder. */
function placeholder(stack: string, logicalId: string): LocalResource {
  const id = `${stack}-${logicalId}`;
  return {
    ref: id,
    attributes: new Proxy({} as Record<string, string>, {
      get: (_t, attr) =>
        attr === 'Arn' ? `arn:aws:local:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${id}` : `${id}.${String(attr)}`,
    }),
  };
}

export interface ProvisionedState {
  readonly resources: Map<string, LocalResource>;
  readonly exports: Map<string, unknown>;
  scopeOf(stack: SynthesizedStack): ResolveScope;
}

const QUEUE_ATTRIBUTES: Record<string, string> = {
  FifoQueue: 'FifoQueue',
  ContentBasedDeduplication: 'ContentBasedDeduplication',
  VisibilityTimeout: 'VisibilityTimeout',
  MessageRetentionPeriod: 'MessageRetentionPeriod',
  DelaySeconds: 'DelaySeconds',
  ReceiveMessageWaitTimeSeconds: 'ReceiveMessageWaitTimeSeconds',
  MaximumMessageSize: 'MaximumMessageSize',
};

/**
 * Creates in the emulators what the templates declare — tables, queues (dead-letter queues
 * first), buckets, secrets — and gives every other resource a local identity, so that
 * references between them resolve. Existing tables are kept: that is the persistent data.
 */
export async function provision(
  stacks: readonly SynthesizedStack[],
  emulators: Emulators,
): Promise<ProvisionedState> {
  const resources = new Map<string, LocalResource>();
  const exports = new Map<string, unknown>();
  const scopeOf = (stack: SynthesizedStack): ResolveScope => ({ stack, resources, exports, pseudo: PSEUDO });
  const all = stacks.flatMap((stack) => Object.entries(stack.resources).map(([id, r]) => ({ stack, id, r })));
  const key = (stack: SynthesizedStack, id: string) => `${stack.stackName}/${id}`;

  // Identities first (names are deterministic), so references resolve in any order.
  for (const { stack, id, r } of all) resources.set(key(stack, id), identityOf(stack, id, r));
  resolveExports(stacks, scopeOf, exports);

  const dynamo = new DynamoDBClient({
    endpoint: emulators.dynamodb,
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    for (const { stack, id, r } of all) {
      const local = resources.get(key(stack, id));
      if (!local) continue;
      switch (r.Type) {
        case 'AWS::DynamoDB::Table':
          await createTable(dynamo, local.ref, r.Properties ?? {}, emulators.dataDir);
          break;
        case 'AWS::S3::Bucket':
          emulators.fauxqs.createBucket(local.ref);
          break;
        case 'AWS::SecretsManager::Secret':
          emulators.secrets.ensure(local.ref);
          break;
        default:
          break;
      }
    }
    // Queues: those without a redrive policy (the DLQs) first, so every target exists.
    const queues = all.filter((q) => q.r.Type === 'AWS::SQS::Queue');
    const ordered = [
      ...queues.filter((q) => !q.r.Properties?.RedrivePolicy),
      ...queues.filter((q) => q.r.Properties?.RedrivePolicy),
    ];
    for (const { stack, id, r } of ordered) {
      const local = resources.get(key(stack, id));
      if (!local) continue;
      const props = (resolve(r.Properties ?? {}, scopeOf(stack)) ?? {}) as Record<string, unknown>;
      const attributes: Record<string, string> = {};
      for (const [prop, attr] of Object.entries(QUEUE_ATTRIBUTES)) {
        if (props[prop] !== undefined) attributes[attr] = String(props[prop]);
      }
      if (props.RedrivePolicy) attributes.RedrivePolicy = JSON.stringify(props.RedrivePolicy);
      emulators.fauxqs.createQueue(local.attributes.QueueName as string, {
        region: LOCAL_REGION,
        attributes,
      });
    }
  } finally {
    dynamo.destroy();
  }
  return { resources, exports, scopeOf };
}

function identityOf(stack: SynthesizedStack, id: string, r: CfnResource): LocalResource {
  const arn = (service: string, resource: string) =>
    `arn:aws:${service}:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${resource}`;
  const props = r.Properties ?? {};
  switch (r.Type) {
    case 'AWS::DynamoDB::Table': {
      const name = physicalName(stack.stackName, id, 255);
      return {
        ref: name,
        attributes: {
          Arn: arn('dynamodb', `table/${name}`),
          StreamArn: arn('dynamodb', `table/${name}/stream/local`),
        },
      };
    }
    case 'AWS::SQS::Queue': {
      const fifo = props.FifoQueue === true || props.FifoQueue === 'true';
      const name =
        typeof props.QueueName === 'string'
          ? props.QueueName
          : physicalName(stack.stackName, id, 80, fifo ? '.fifo' : '');
      // The same URL shape as AWS: adapters build URLs from names; fauxqs resolves by region and name.
      const url = `https://sqs.${LOCAL_REGION}.amazonaws.com/${LOCAL_ACCOUNT}/${name}`;
      return { ref: url, attributes: { Arn: arn('sqs', name), QueueName: name, QueueUrl: url } };
    }
    case 'AWS::S3::Bucket': {
      const name = physicalName(stack.stackName, id, 63).toLowerCase();
      return {
        ref: name,
        attributes: {
          Arn: `arn:aws:s3:::${name}`,
          DomainName: `${name}.s3.amazonaws.com`,
          RegionalDomainName: `${name}.s3.${LOCAL_REGION}.amazonaws.com`,
        },
      };
    }
    case 'AWS::SecretsManager::Secret': {
      const secretArn = arn('secretsmanager', `secret:${physicalName(stack.stackName, id, 200)}-local`);
      return { ref: secretArn, attributes: { Id: secretArn } };
    }
    case 'AWS::Lambda::Function': {
      const name = physicalName(stack.stackName, id, 64);
      return { ref: name, attributes: { Arn: arn('lambda', `function:${name}`) } };
    }
    case 'AWS::Cognito::UserPool': {
      const poolId = `${LOCAL_REGION}_local${id.slice(0, 8)}`;
      return {
        ref: poolId,
        attributes: {
          Arn: arn('cognito-idp', `userpool/${poolId}`),
          ProviderName: `cognito-idp.local/${poolId}`,
        },
      };
    }
    case 'AWS::ApiGateway::RestApi':
      return {
        ref: physicalName(stack.stackName, id, 64),
        attributes: { RootResourceId: `${stack.stackName}/${id}#root` },
      };
    default:
      return placeholder(stack.stackName, id);
  }
}

function resolveExports(
  stacks: readonly SynthesizedStack[],
  scopeOf: (s: SynthesizedStack) => ResolveScope,
  exports: Map<string, unknown>,
) {
  // Exports can depend on imports of other stacks: resolve until nothing changes.
  let pending = stacks.flatMap((stack) =>
    Object.values(stack.outputs)
      .filter((o) => o.Export)
      .map((o) => ({ stack, o })),
  );
  while (pending.length > 0) {
    const next = pending.filter(({ stack, o }) => {
      try {
        exports.set(String(resolve(o.Export?.Name, scopeOf(stack))), resolve(o.Value, scopeOf(stack)));
        return false;
      } catch {
        return true;
      }
    });
    if (next.length === pending.length) break;
    pending = next;
  }
}

async function createTable(
  client: DynamoDBClient,
  name: string,
  props: Record<string, unknown>,
  dataDir: string,
) {
  const gsis = (props.GlobalSecondaryIndexes as Array<Record<string, unknown>> | undefined)?.map((g) => ({
    IndexName: g.IndexName as string,
    KeySchema: g.KeySchema as never,
    Projection: g.Projection as never,
  }));
  const create = () =>
    client.send(
      new CreateTableCommand({
        TableName: name,
        KeySchema: props.KeySchema as never,
        AttributeDefinitions: props.AttributeDefinitions as never,
        BillingMode: 'PAY_PER_REQUEST',
        ...(gsis && gsis.length > 0 && { GlobalSecondaryIndexes: gsis }),
      }),
    );
  const describe = () => client.send(new DescribeTableCommand({ TableName: name }));
  const exists = () =>
    describe().then(
      () => true,
      (error: unknown) => {
        if (error instanceof ResourceNotFoundException) return false;
        throw error;
      },
    );
  // A rebuild keeps the items in the data folder until they are back in the table: one cut short
  // (the process stopped) is finished at the next start from that copy.
  const backup = path.join(dataDir, `rebuild-${name}.json`);
  const leftover = existsSync(backup) ? (JSON.parse(readFileSync(backup, 'utf8')) as Item[]) : undefined;
  if (!(await exists())) {
    await create();
    // dynalite answers ResourceNotFound to item calls until the new table is ACTIVE.
    await waitUntilActive(client, name);
    if (leftover) await restore(client, name, leftover, backup);
    // The stream fills the change log from here on: mark it filled (or fill it from a restored copy).
    await backfillPublicChangeLog(client, name);
    return;
  }
  // Kept from an earlier run (the persistent data) with other indexes than the app has now.
  // dynalite cannot add an index to a table (its UpdateTable ignores index creation), so the table
  // is rebuilt: every item read, the table made again with today's indexes, the items written back.
  const existing = await describe();
  const have = (existing.Table?.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName).sort();
  const want = (gsis ?? []).map((g) => g.IndexName).sort();
  if (JSON.stringify(have) !== JSON.stringify(want)) {
    const items: Item[] = leftover ?? [];
    if (!leftover) {
      let startKey: Item | undefined;
      do {
        const page = await client.send(new ScanCommand({ TableName: name, ExclusiveStartKey: startKey }));
        items.push(...(page.Items ?? []));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      writeFileSync(`${backup}.part`, JSON.stringify(items));
      renameSync(`${backup}.part`, backup);
    }
    await client.send(new DeleteTableCommand({ TableName: name }));
    while (await exists()) await sleep(50);
    await create();
    await restore(client, name, items, backup);
  } else if (leftover) {
    await restore(client, name, leftover, backup);
  }
  // Idempotent: requests from before an index attribute existed get it (none, usually).
  await backfillRequestIndexKeys(client, name);
  // Once per table: Open311's change log gets the public changes of requests stored before it.
  await backfillPublicChangeLog(client, name);
}

type Item = Record<string, AttributeValue>;

async function waitUntilActive(client: DynamoDBClient, name: string) {
  while ((await client.send(new DescribeTableCommand({ TableName: name }))).Table?.TableStatus !== 'ACTIVE')
    await sleep(50);
}

/** Writes a rebuild's items back once the table is active, then drops their copy. */
async function restore(client: DynamoDBClient, name: string, items: readonly Item[], backup: string) {
  await waitUntilActive(client, name);
  for (const item of items) await client.send(new PutItemCommand({ TableName: name, Item: item }));
  rmSync(backup);
}
