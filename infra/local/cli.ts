/**
 * `npm run oss -- <command>`: the command-line client for agency staff and operators.
 *
 *   dev-token --agency <id>                       print a local agency token (local stack only)
 *   dev-api-key [--name <client>]                 issue an Open311 API key on the local stack
 *   api-key issue --name <client> | revoke <key>  the same against AWS (REQUESTS_TABLE_NAME, your credentials)
 *   agency inbox    --agency <id> [--wait 5] [--max 10]
 *   agency list     --agency <id> [--status ROUTED]
 *   agency show     <requestId> --agency <id>
 *   agency accept|resume|complete <requestId> --agency <id> [--note …] [--receipt …]
 *   agency request-info|reject <requestId> --agency <id> --note "why" [--receipt …]
 *   agency forward  <requestId> --agency <id> --to <agencyId> --note "why"
 *   agency acknowledge <requestId> --agency damrongdhama-<p> [--note …] --receipt …   (overdue escalations)
 *   agency add-local --code <7-digit DLA code> --type municipality-city|municipality-town|municipality-subdistrict|sao
 *                    --name-th … --name-en … --subdistricts 200101,200102 --source "…" [--stack-part n]
 *   counter file    --agency <id> --service <code> --province <code> [--district …] [--subdistrict …]
 *                   --citizen-id … --first-name … --last-name … [--details '{"…":"…"}']   (walk-in citizens)
 *   dlq list        --province <code> | --agency <id>   [--env dev]
 *   dlq redrive     --province <code> | --agency <id>   [--env dev]
 *
 * HTTP commands talk to OSS_API_URL (default http://127.0.0.1:3000) with OSS_TOKEN, or a
 * local dev token when none is set. DLQ commands use the AWS SDK: against AWS with your
 * credentials and region, or the local emulator when the local stack is running.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { services } from '../../shared/data/catalogue.ts';
import { terminalSafe } from '../../shared/domain/text.ts';
import { agencyQueueName, deadLetterName, intakeQueueName } from '../../shared/queues.ts';
import { loadOrCreateIssuer, signAgencyToken } from './agency-tokens.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = process.env.OSS_DATA_DIR ?? path.join(projectRoot, '.oss-data');
const apiUrl = (process.env.OSS_API_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    agency: { type: 'string' },
    name: { type: 'string' },
    to: { type: 'string' },
    note: { type: 'string' },
    receipt: { type: 'string' },
    status: { type: 'string' },
    wait: { type: 'string' },
    max: { type: 'string' },
    province: { type: 'string' },
    code: { type: 'string' },
    type: { type: 'string' },
    'name-th': { type: 'string' },
    'name-en': { type: 'string' },
    subdistricts: { type: 'string' },
    source: { type: 'string' },
    'stack-part': { type: 'string' },
    service: { type: 'string' },
    district: { type: 'string' },
    subdistrict: { type: 'string' },
    'citizen-id': { type: 'string' },
    'first-name': { type: 'string' },
    'last-name': { type: 'string' },
    phone: { type: 'string' },
    details: { type: 'string' },
    description: { type: 'string' },
    env: { type: 'string', default: process.env.OSS_ENV ?? 'dev' },
    ttl: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});

class UsageError extends Error {}

function need(value: string | undefined, what: string): string {
  if (!value) throw new UsageError(`missing ${what}`);
  return value;
}

async function tokenFor(agencyId: string): Promise<string> {
  if (process.env.OSS_TOKEN) return process.env.OSS_TOKEN;
  return signAgencyToken(await loadOrCreateIssuer(dataDir), agencyId);
}

async function api(method: string, route: string, agencyId: string, body?: unknown) {
  const res = await fetch(`${apiUrl}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${await tokenFor(agencyId)}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    const error = json.error as { code?: string; message?: string; issues?: unknown[] } | undefined;
    throw new Error(
      `${res.status} ${error?.code ?? ''}: ${error?.message ?? 'request failed'}${error?.issues ? ` ${JSON.stringify(error.issues)}` : ''}`,
    );
  }
  return json;
}

const STATUS_TH: Record<string, string> = {
  AWAITING_DOCUMENTS: 'รอเอกสาร',
  SUBMITTED: 'ยื่นคำขอแล้ว',
  ROUTED: 'ส่งถึงหน่วยงานแล้ว',
  IN_PROGRESS: 'กำลังดำเนินการ',
  NEEDS_INFO: 'ขอข้อมูลเพิ่มเติม',
  COMPLETED: 'เสร็จสิ้น',
  REJECTED: 'ไม่อนุมัติ',
  CANCELLED: 'ยกเลิกแล้ว',
};

interface View {
  requestId: string;
  serviceCode: string;
  status: string;
  dueAt: string;
  agencyId?: string;
  applicant: { firstName: string; lastName: string; citizenId: string };
  description?: string;
  history: Array<{ at: string; status: string; actor: string; note?: string }>;
}

function serviceName(code: string) {
  const s = services.find((x) => x.code === code);
  return s ? `${s.nameTh} / ${s.nameEn}` : code;
}

/** Prints a line of stored text: control characters escaped, so a request cannot drive the terminal. */
const say = (line: string) => console.log(terminalSafe(line));

function printRequest(v: View, receipt?: string) {
  say(`● ${v.requestId}`);
  say(`  บริการ Service   : ${serviceName(v.serviceCode)}`);
  say(`  สถานะ Status     : ${STATUS_TH[v.status] ?? v.status} (${v.status})`);
  say(`  ผู้ยื่น Applicant : ${v.applicant.firstName} ${v.applicant.lastName} (${v.applicant.citizenId})`);
  say(`  กำหนด Due        : ${v.dueAt}`);
  if (v.description) say(`  รายละเอียด Note  : ${v.description}`);
  if (receipt) say(`  receipt          : ${receipt}`);
}

function printHistory(v: View) {
  say('  ประวัติ History:');
  for (const h of v.history) {
    say(`    ${h.at}  ${h.status.padEnd(18)} ${h.actor.padEnd(28)} ${h.note ?? ''}`);
  }
}

async function agencyCommand(sub: string | undefined, args: string[]) {
  const agencyId = need(values.agency, '--agency <agencyId>');
  const base = `/v1/agencies/${encodeURIComponent(agencyId)}`;
  switch (sub) {
    case 'inbox': {
      const q = new URLSearchParams({ max: values.max ?? '10', waitSeconds: values.wait ?? '2' });
      const { items } = (await api('GET', `${base}/inbox?${q}`, agencyId)) as {
        items: Array<{ receiptHandle: string; kind: string; request: View }>;
      };
      if (values.json) return console.log(JSON.stringify(items, null, 2));
      console.log(`กล่องงาน Inbox of ${agencyId}: ${items.length} request(s)`);
      for (const i of items) printRequest(i.request, i.receiptHandle);
      return;
    }
    case 'list': {
      const q = values.status ? `?status=${encodeURIComponent(values.status)}` : '';
      const { items } = (await api('GET', `${base}/requests${q}`, agencyId)) as {
        items: Array<Pick<View, 'requestId' | 'serviceCode' | 'status' | 'dueAt'> & { overdue?: boolean }>;
      };
      if (values.json) return console.log(JSON.stringify(items, null, 2));
      console.log(
        `คำขอของ Requests of ${agencyId}${values.status ? ` (${values.status})` : ''}: ${items.length}`,
      );
      for (const v of items) {
        const late = v.overdue ? ' เกินกำหนด OVERDUE' : '';
        console.log(
          `● ${v.requestId}  ${(STATUS_TH[v.status] ?? v.status).padEnd(12)} ${v.serviceCode}  due ${v.dueAt}${late}`,
        );
      }
      return;
    }
    case 'show': {
      const id = need(args[0], '<requestId>');
      const v = (await api('GET', `${base}/requests/${encodeURIComponent(id)}`, agencyId)) as unknown as View;
      if (values.json) return console.log(JSON.stringify(v, null, 2));
      printRequest(v);
      printHistory(v);
      return;
    }
    case 'accept':
    case 'request-info':
    case 'resume':
    case 'complete':
    case 'reject':
    case 'acknowledge':
    case 'forward': {
      const id = need(args[0], '<requestId>');
      const body = {
        action: sub,
        ...(values.note && { note: values.note }),
        ...(values.receipt && { receiptHandle: values.receipt }),
        ...(sub === 'forward' && { toAgencyId: need(values.to, '--to <agencyId>') }),
      };
      const v = (await api(
        'POST',
        `${base}/requests/${encodeURIComponent(id)}/actions`,
        agencyId,
        body,
      )) as unknown as View;
      if (values.json) return console.log(JSON.stringify(v, null, 2));
      console.log(
        `✓ ${sub}: ${v.requestId} → ${STATUS_TH[v.status] ?? v.status} (${v.status})${v.agencyId ? ` @ ${v.agencyId}` : ''}`,
      );
      printHistory(v);
      return;
    }
    default:
      throw new UsageError(`unknown agency command "${sub ?? ''}"`);
  }
}

/** Points the SDK at the local emulators when the local stack has published its endpoints. */
function useLocalEndpointsIfRunning(): boolean {
  const file = path.join(dataDir, 'endpoints.json');
  if (process.env.AWS_ENDPOINT_URL_SQS || !existsSync(file)) return false;
  const endpoints = JSON.parse(readFileSync(file, 'utf8')) as {
    sqs?: string;
    dynamodb?: string;
    region?: string;
    requestsTable?: string;
  };
  if (!endpoints.sqs) return false;
  process.env.AWS_ENDPOINT_URL_SQS = endpoints.sqs;
  if (endpoints.dynamodb) process.env.AWS_ENDPOINT_URL_DYNAMODB = endpoints.dynamodb;
  if (endpoints.requestsTable) process.env.REQUESTS_TABLE_NAME ??= endpoints.requestsTable;
  process.env.AWS_REGION ??= endpoints.region ?? 'ap-southeast-7';
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  return true;
}

async function dlqCommand(sub: string | undefined) {
  useLocalEndpointsIfRunning();
  const { approximateDepth, peekDeadLetters, redrive } = await import(
    '../../shared/adapters/dead-letters.ts'
  );
  const region = process.env.AWS_REGION ?? 'ap-southeast-7';
  const account = process.env.AWS_ENDPOINT_URL_SQS
    ? '000000000000'
    : need(process.env.AWS_ACCOUNT_ID, 'AWS_ACCOUNT_ID');
  const prefix = `https://sqs.${region}.amazonaws.com/${account}/`;
  const env = values.env ?? 'dev';
  const source = values.province
    ? intakeQueueName(env, values.province)
    : agencyQueueName(env, need(values.agency, '--province <code> or --agency <id>'));
  const sourceUrl = `${prefix}${source}`;
  const dlqUrl = `${prefix}${deadLetterName(source)}`;
  if (sub === 'list') {
    const depth = await approximateDepth(dlqUrl);
    console.log(`${deadLetterName(source)}: ${depth} message(s)`);
    for (const m of await peekDeadLetters(dlqUrl)) {
      console.log(`  ${m.messageId}  receives=${m.receiveCount}  ${m.body.slice(0, 120)}`);
    }
    return;
  }
  if (sub === 'redrive') {
    const moved = await redrive(dlqUrl, sourceUrl, true);
    console.log(`redriven ${moved} message(s) from ${deadLetterName(source)} to ${source}`);
    return;
  }
  throw new UsageError(`unknown dlq command "${sub ?? ''}"`);
}

/** Counter staff file for a walk-in citizen and print the receipt slip (reference and access token). */
async function counterCommand(sub: string | undefined) {
  if (sub !== 'file') throw new UsageError(`unknown counter command "${sub ?? ''}"`);
  const agencyId = need(values.agency, '--agency <agencyId> (the counter’s agency)');
  const body = {
    serviceCode: need(values.service, '--service <code>'),
    provinceCode: need(values.province, '--province <code>'),
    ...(values.district && { districtCode: values.district }),
    ...(values.subdistrict && { subdistrictCode: values.subdistrict }),
    applicant: {
      citizenId: need(values['citizen-id'], '--citizen-id <13 digits>'),
      firstName: need(values['first-name'], '--first-name …'),
      lastName: need(values['last-name'], '--last-name …'),
      ...(values.phone && { phone: values.phone }),
    },
    ...(values.details && { details: JSON.parse(values.details) as unknown }),
    ...(values.description && { description: values.description }),
  };
  const token =
    process.env.OSS_TOKEN ??
    (await signAgencyToken(await loadOrCreateIssuer(dataDir), agencyId, { groups: ['counter'] }));
  const res = await fetch(`${apiUrl}/v1/counter/requests`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown> & {
    error?: { code: string; message: string; issues?: unknown[] };
  };
  if (!res.ok) {
    throw new Error(
      `${res.status} ${json.error?.code}: ${json.error?.message}${json.error?.issues ? ` ${JSON.stringify(json.error.issues)}` : ''}`,
    );
  }
  if (values.json) return console.log(JSON.stringify(json, null, 2));
  say('ใบรับคำขอ / Receipt');
  say(`  เลขที่คำขอ Reference : ${String(json.requestId)}`);
  say(`  รหัสติดตาม Access token: ${String(json.accessToken)}`);
  say(`  สถานะ Status         : ${STATUS_TH[String(json.status)] ?? json.status} (${String(json.status)})`);
  say(`  กำหนดเสร็จ Due       : ${String(json.dueAt)}`);
}

async function main() {
  const [command, sub, ...rest] = positionals;
  switch (command) {
    case 'dev-token': {
      const agencyId = need(values.agency, '--agency <agencyId>');
      const ttl = values.ttl ? Number(values.ttl) : undefined;
      console.log(
        await signAgencyToken(await loadOrCreateIssuer(dataDir), agencyId, ttl ? { ttlSeconds: ttl } : {}),
      );
      return;
    }
    case 'agency':
      if (sub === 'add-local') {
        const { addLocalBody } = await import('./add-local.ts');
        const file = path.join(projectRoot, 'shared/data/local-bodies.json');
        const entry = addLocalBody(
          {
            code: values.code,
            type: values.type,
            nameTh: values['name-th'],
            nameEn: values['name-en'],
            subdistricts: values.subdistricts,
            source: values.source,
            stackPart: values['stack-part'],
          },
          file,
        );
        console.log(
          `added lao-${entry.code} (${entry.nameTh}) to ${path.relative(projectRoot, file)}, stack part ${entry.stackPart}:`,
        );
        console.log(JSON.stringify(entry, null, 2));
        console.log('Review, commit and deploy: its queue appears in its province stack part.');
        return;
      }
      return agencyCommand(sub, rest);
    case 'dev-api-key': {
      if (!useLocalEndpointsIfRunning()) throw new UsageError('start the local stack first (npm start)');
      const { issueApiKey } = await import('../../shared/app/api-keys.ts');
      console.log(await issueApiKey(values.name ?? 'local developer'));
      return;
    }
    case 'api-key': {
      const { issueApiKey, revokeKey } = await import('../../shared/app/api-keys.ts');
      if (sub === 'issue') return console.log(await issueApiKey(need(values.name, '--name <client>')));
      if (sub === 'revoke') {
        const ok = await revokeKey(need(rest[0], '<key>'));
        if (!ok) throw new Error('no such key');
        return console.log('revoked');
      }
      throw new UsageError(`unknown api-key command "${sub ?? ''}"`);
    }
    case 'dlq':
      return dlqCommand(sub);
    case 'counter':
      return counterCommand(sub);
    default:
      throw new UsageError(`unknown command "${command ?? ''}"`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(
      `oss: ${error.message}\nusage: see the comment at the top of infra/local/cli.ts or the README`,
    );
    process.exit(2);
  }
  console.error(`oss: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
