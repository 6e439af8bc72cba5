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
 *   record show     <requestId>                     the stored record, decoded (operators: table read access)
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
/**
 * Where to talk to: OSS_API_URL / OSS_DATA_DIR when set; otherwise the running local stack, which
 * writes where it listens (.oss-local.json, by `npm start`); otherwise the defaults.
 */
const running = (() => {
  try {
    return JSON.parse(readFileSync(path.join(projectRoot, '.oss-local.json'), 'utf8')) as {
      api?: string;
      dataDir?: string;
      bank?: string;
    };
  } catch {
    return {};
  }
})();
const dataDir = process.env.OSS_DATA_DIR ?? running.dataDir ?? path.join(projectRoot, '.oss-data');
const apiUrl = (process.env.OSS_API_URL ?? running.api ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
/** The local bank stand-in (npm start runs it): OSS_BANK_URL, or where the running stack says. */
const bankUrl = (process.env.OSS_BANK_URL ?? running.bank ?? '').replace(/\/$/, '');

const OPTIONS = {
  help: { type: 'boolean', short: 'h', default: false },
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
  amount: { type: 'string' },
  'drop-callback': { type: 'boolean', default: false },
  overdue: { type: 'boolean', default: false },
  cursor: { type: 'string' },
  assessment: { type: 'string' },
  state: { type: 'string' },
} as const;

function parseCommandLine() {
  try {
    return parseArgs({ allowPositionals: true, options: OPTIONS });
  } catch (error) {
    // An unknown or malformed option: say which, then show the help (never a stack trace).
    console.error(`oss: ${(error as Error).message}\n`);
    console.error('Run npm run oss -- --help for the commands and their options.');
    process.exit(2);
  }
}
const { positionals, values } = parseCommandLine();

class UsageError extends Error {}

/** Help for each command group, with examples an officer can copy. */
const HELP: Record<string, string> = {
  '': `oss — One Stop Service (ศูนย์บริการแบบเบ็ดเสร็จ) for agency staff and operators

usage: npm run oss -- <command> [options]      (npm run oss -- <command> --help for more)

commands:
  agency     work an agency's inbox: inbox, list, show, accept, request-info, resume,
             complete, reject, forward, acknowledge; add-local (register a local body)
  counter    file a request for a walk-in citizen and print the receipt slip
  bank       the local bank stand-in: pay a bill by its ref1 (sends the bank's signed callback)
  dlq        inspect and redrive dead-letter queues
  record     print a request's stored record, decoded (operators)
  dev-token  print a local agency token (local stack only)
  dev-api-key, api-key   Open311 API keys

It talks to the running local stack (npm start) by itself; set OSS_API_URL and OSS_TOKEN
(a Cognito ID token) to work against AWS.

examples:
  npm run oss -- agency inbox --agency damrongdhama-20
  npm run oss -- agency show <requestId> --agency damrongdhama-20
  npm run oss -- agency accept <requestId> --agency damrongdhama-20 --receipt <handle from inbox>`,
  agency: `npm run oss -- agency <action> [<requestId>] --agency <agencyId> [options]

  inbox        --agency <id> [--wait 2] [--max 10]      requests waiting for you (with receipt handles)
  list         --agency <id> [--status routed] [--service <code>] [--overdue] [--max 50] [--cursor …]
               your requests, open work first, newest first (status in any case)
  show         <requestId> --agency <id>                the whole case: details, contact, documents, timeline
  accept       <requestId> --agency <id> [--receipt …] [--note …]
  request-info <requestId> --agency <id> --note "what you need"
  resume       <requestId> --agency <id> [--note …]
  complete     <requestId> --agency <id> [--note …]
  reject       <requestId> --agency <id> --note "why"
  forward      <requestId> --agency <id> --to <agencyId> --note "why"
  bill         <requestId> --agency <id> --note "what for" (--amount 1234.50 | --assessment '{…}')
               bill an assessed fee (land and building tax: the assessment is priced by its bands)
  bills        --agency <id> [--state unpaid|flagged]   bills waiting for the bank; payments to review
  reveal       <requestId> --agency <id> --note "why"   the full citizen ID (recorded in the history, audited)
  acknowledge  <requestId> --agency damrongdhama-<p> --receipt … [--note …]   (overdue escalations)
  add-local    --code <7-digit DLA code> --type sao|municipality-subdistrict|municipality-town|municipality-city
               --name-th … --name-en … --subdistricts 200101,200102 --source "…" [--stack-part n]

examples:
  npm run oss -- agency inbox --agency district-2001
  npm run oss -- agency reject 4a99c51b-… --agency district-2001 --note "ไม่ใช่อำนาจหน้าที่ / not ours"
  npm run oss -- agency forward 4a99c51b-… --agency damrongdhama-20 --to pao-20 --note "เป็นของ อบจ."
  npm run oss -- agency bill 4a99c51b-… --agency lao-2001901 --note "ภาษีปี 2569" \\
    --assessment '{"appraisedValueThb":3000000,"use":"other"}'`,
  bank: `npm run oss -- bank pay <ref1> [--amount 1234.50] [--drop-callback]

  pay    the local bank stand-in takes a payment for the bill with this ref1 (its amount unless
         --amount says otherwise) and sends OSS its signed callback; --drop-callback records the
         payment at the bank but sends nothing, so the payment reconciler must find it by inquiry.

examples:
  npm run oss -- bank pay K7Q2M9XW4T1B
  npm run oss -- bank pay K7Q2M9XW4T1B --amount 10.00      (a wrong amount: flagged, not paid)`,
  counter: `npm run oss -- counter file --agency <id> --service <code> --province <code>
       [--district <4 digits>] [--subdistrict <6 digits>] --citizen-id <13 digits>
       --first-name … --last-name … [--phone …] [--details '{"field":"value"}'] [--description …]

example:
  npm run oss -- counter file --agency district-2001 --service complaint --province 20 \\
    --citizen-id 1101700230708 --first-name สมชาย --last-name ใจดี \\
    --details '{"category":"road","subject":"ถนนชำรุด"}'`,
  record: `npm run oss -- record show <requestId>

  show   reads the request's item from the requests table (REQUESTS_TABLE_NAME and your AWS
         credentials, or the running local stack) and prints it as JSON, decoded: a record past
         1 KB is stored packed (keys and index attributes plain, the rest in one binary
         attribute), which the DynamoDB console cannot show. Then how it is stored and its size.
         The citizen ID stays sealed; this needs no API token, only read access to the table.

example:
  npm run oss -- record show 4a99c51b-0c1e-4f6a-9d2b-1e0f3a4b5c6d`,
  dlq: `npm run oss -- dlq list|redrive --province <code> | --agency <id> [--env dev]

examples:
  npm run oss -- dlq list --province 20
  npm run oss -- dlq redrive --agency pao-20`,
};

function printHelp(topic: string | undefined): void {
  console.log(HELP[topic ?? ''] ?? HELP['']);
}

function need(value: string | undefined, what: string): string {
  if (!value) throw new UsageError(`missing ${what}`);
  return value;
}

async function tokenFor(agencyId: string): Promise<string> {
  if (process.env.OSS_TOKEN) return process.env.OSS_TOKEN;
  return signAgencyToken(await loadOrCreateIssuer(dataDir), agencyId);
}

/** fetch, with an error that says which URL could not be reached and what to do. */
async function reach(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    throw new Error(
      `cannot reach ${url} (${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message}). Is the local stack running (npm start)? Elsewhere, set OSS_API_URL.`,
    );
  }
}

async function api(method: string, route: string, agencyId: string, body?: unknown) {
  const res = await reach(`${apiUrl}${route}`, {
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
  AWAITING_PAYMENT: 'รอชำระเงิน',
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
  provinceCode?: string;
  districtCode?: string;
  subdistrictCode?: string;
  agencyId?: string;
  channel?: string;
  overdue?: boolean;
  applicant: { firstName: string; lastName: string; citizenId: string; phone?: string; email?: string };
  description?: string;
  details?: Record<string, unknown>;
  location?: { lat: number; lon: number; address?: string };
  documents?: Array<{
    documentId: string;
    type: string;
    status: string;
    contentType: string;
    sizeBytes: number;
    reason?: string;
    reasonTh?: string;
  }>;
  bills?: Array<{
    billId: string;
    amountThb: number;
    amountTextTh: string;
    ref1: string;
    ref2: string;
    status: string;
    expiresAt: string;
    receipt?: { receiptNo: string; paidAt: string };
  }>;
  history: Array<{ at: string; status: string; actor: string; note?: string; noteTh?: string }>;
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
  if (v.applicant.phone || v.applicant.email) {
    say(`  ติดต่อ Contact    : ${[v.applicant.phone, v.applicant.email].filter(Boolean).join(' · ')}`);
  }
  say(`  กำหนด Due        : ${v.dueAt}${v.overdue ? '  เกินกำหนด OVERDUE' : ''}`);
  const area = [
    v.provinceCode && `province ${v.provinceCode}`,
    v.districtCode && `district ${v.districtCode}`,
    v.subdistrictCode && `subdistrict ${v.subdistrictCode}`,
  ]
    .filter(Boolean)
    .join(', ');
  if (area) say(`  พื้นที่ Area       : ${area}`);
  if (v.location)
    say(
      `  พิกัด Location    : ${v.location.lat},${v.location.lon}${v.location.address ? ` (${v.location.address})` : ''}`,
    );
  if (v.agencyId) say(`  หน่วยงาน Agency  : ${v.agencyId}${v.channel ? ` · filed ${v.channel}` : ''}`);
  if (v.description) say(`  รายละเอียด Note  : ${v.description}`);
  for (const [k, value] of Object.entries(v.details ?? {}))
    say(`    ${k}: ${Array.isArray(value) ? value.join(', ') : String(value)}`);
  for (const d of v.documents ?? []) {
    say(
      `  เอกสาร Document  : ${d.type} ${d.contentType} ${d.sizeBytes} B — ${d.status}${d.reason ? ` (${d.reasonTh ? `${d.reasonTh} / ` : ''}${d.reason})` : ''} [${d.documentId}]`,
    );
  }
  for (const b of v.bills ?? []) {
    say(
      `  ค่าธรรมเนียม Bill  : ${b.amountThb.toFixed(2)} THB (${b.amountTextTh}) — ${b.status} · ref1 ${b.ref1} ref2 ${b.ref2} · until ${b.expiresAt}${b.receipt ? ` · receipt ${b.receipt.receiptNo}` : ''}`,
    );
  }
  if (receipt) say(`  receipt          : ${receipt}`);
}

function printHistory(v: View) {
  say('  ประวัติ History:');
  for (const h of v.history) {
    say(
      `    ${h.at}  ${(STATUS_TH[h.status] ?? h.status).padEnd(18)} ${h.actor.padEnd(28)} ${h.noteTh ?? h.note ?? ''}`,
    );
    if (h.noteTh && h.note) say(`      (en) ${h.note}`);
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
      for (const i of items) {
        printRequest(i.request, i.receiptHandle);
        printHistory(i.request);
      }
      return;
    }
    case 'list': {
      const q = new URLSearchParams();
      if (values.status) q.set('status', values.status);
      if (values.service) q.set('serviceCode', values.service);
      if (values.overdue) q.set('overdue', 'true');
      if (values.cursor) q.set('cursor', values.cursor);
      if (values.max) q.set('limit', values.max);
      const { items, next } = (await api('GET', `${base}/requests${q.size ? `?${q}` : ''}`, agencyId)) as {
        items: Array<Pick<View, 'requestId' | 'serviceCode' | 'status' | 'dueAt'> & { overdue?: boolean }>;
        next?: string;
      };
      if (values.json) return console.log(JSON.stringify({ items, next }, null, 2));
      console.log(
        `คำขอของ Requests of ${agencyId}${values.status ? ` (${values.status})` : ''}: ${items.length}${next ? ' (more: --cursor below)' : ''}`,
      );
      for (const v of items) {
        const late = v.overdue ? ' เกินกำหนด OVERDUE' : '';
        console.log(
          `● ${v.requestId}  ${(STATUS_TH[v.status] ?? v.status).padEnd(12)} ${v.serviceCode}  due ${v.dueAt}${late}`,
        );
      }
      if (next) console.log(`next page: npm run oss -- agency list --agency ${agencyId} --cursor ${next}`);
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
    case 'bills': {
      const state = values.state ?? 'unpaid';
      const json = await api('GET', `${base}/bills?state=${encodeURIComponent(state)}`, agencyId);
      if (values.json) return console.log(JSON.stringify(json, null, 2));
      const items = json.items as Array<Record<string, unknown>>;
      console.log(
        `${state === 'flagged' ? 'การชำระที่ต้องตรวจสอบ Payments to review' : 'รอชำระ Unpaid bills'} of ${agencyId}: ${items.length}`,
      );
      for (const i of items) say(`  ${JSON.stringify(i)}`);
      return;
    }
    case 'reveal': {
      const id = need(args[0], '<requestId>');
      const r = await api('POST', `${base}/requests/${encodeURIComponent(id)}/reveal`, agencyId, {
        reason: need(values.note, '--note "why you need the full ID"'),
      });
      if (values.json) return console.log(JSON.stringify(r, null, 2));
      say(`เลขประจำตัวประชาชน Citizen ID: ${String(r.citizenId)}`);
      say(`  recorded in the history of ${id} at ${String(r.revealedAt)} (officer ${String(r.revealedTo)})`);
      return;
    }
    case 'bill':
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
        ...(sub === 'bill' && values.amount !== undefined && { amountThb: Number(values.amount) }),
        ...(sub === 'bill' &&
          values.assessment !== undefined && {
            assessment: parseJsonOption(values.assessment, '--assessment'),
          }),
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
  const res = await reach(`${apiUrl}/v1/counter/requests`, {
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

function parseJsonOption(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${name} must be JSON, e.g. '{"appraisedValueThb":3000000,"use":"other"}'`);
  }
}

/** `bank pay <ref1>`: the local bank stand-in takes the payment and calls OSS back (unless told not to). */
async function bankCommand(sub: string | undefined, args: string[]) {
  if (sub !== 'pay') throw new UsageError(`unknown bank command "${sub ?? ''}"`);
  const ref1 = need(args[0], '<ref1>').toUpperCase();
  if (!bankUrl)
    throw new Error('no local bank stand-in is known: start the local stack (npm start) or set OSS_BANK_URL');
  const res = await reach(`${bankUrl}/test/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ref1,
      ...(values.amount !== undefined && { amount: values.amount }),
      drop: values['drop-callback'],
    }),
  });
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new Error(`bank stand-in: ${String(json.error ?? res.status)}`);
  if (values.json) return console.log(JSON.stringify(json, null, 2));
  say(
    `ธนาคาร Bank: paid ${String(json.amount)} THB to ref1 ${ref1} (transaction ${String(json.transactionRef)})`,
  );
  const oss = json.oss as { status: number; body: Record<string, unknown> } | undefined;
  if (json.callback === 'dropped') say('  callback dropped: the payment reconciler will find it by inquiry');
  else if (oss) say(`  OSS answered ${oss.status}: ${JSON.stringify(oss.body)}`);
  else say(`  callback ${String(json.callback)}`);
}

async function main() {
  const [command, sub, ...rest] = positionals;
  if (values.help || command === 'help' || command === undefined)
    return printHelp(command === 'help' ? sub : command);
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
    case 'record': {
      if (sub !== 'show') throw new UsageError(`unknown record command "${sub ?? ''}"`);
      const requestId = need(rest[0], '<requestId>');
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(requestId))
        throw new UsageError(
          `"${terminalSafe(requestId)}" is not a request ID (a UUID such as 4a99c51b-0c1e-4f6a-9d2b-1e0f3a4b5c6d)`,
        );
      useLocalEndpointsIfRunning();
      if (!process.env.REQUESTS_TABLE_NAME)
        throw new UsageError(
          'set REQUESTS_TABLE_NAME (and AWS credentials), or start the local stack (npm start)',
        );
      const { inspectRequest } = await import('../../shared/adapters/requests-table.ts');
      const found = await inspectRequest(requestId);
      if (!found) throw new Error(`no request ${requestId} in table ${process.env.REQUESTS_TABLE_NAME}`);
      console.log(JSON.stringify(found.item, null, 2));
      const { storage } = found;
      console.error(
        storage.form === 'packed'
          ? `stored packed: ${storage.storedBytes} B in all, ${storage.packedBytes} B packed; plain: ${storage.plainAttributes.join(' ')}`
          : `stored plain: ${storage.storedBytes} B`,
      );
      return;
    }
    case 'dlq':
      return dlqCommand(sub);
    case 'counter':
      return counterCommand(sub);
    case 'bank':
      return bankCommand(sub, rest);
    default:
      throw new UsageError(`unknown command "${command ?? ''}"`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`oss: ${error.message}\n`);
    printHelp(positionals[0]);
    process.exit(2);
  }
  console.error(`oss: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
