import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { fromStored } from '../../shared/adapters/request-record.ts';
import { BANK_HEADERS, checkBankSignature, signedBankHeaders } from '../../shared/domain/bank-signature.ts';
import { toBangkokIso } from '../../shared/domain/time.ts';
import type { Bill } from '../../shared/schemas/payments.ts';
import { KEY_PREFIX } from '../../shared/schemas/table.ts';
import { LOCAL_REGION } from './emulators.ts';

/**
 * A local stand-in for a bank that collects Thai QR bill payments for OSS (DESIGN.md §10), playing
 * both of a bank's parts: it "receives" a payment (`POST /test/pay`, what `npm run oss -- bank pay`
 * calls: the payer's app having scanned the QR) and sends OSS the signed callback; and it answers
 * OSS's signed inquiries from its ledger. It can be told to drop the callback of a payment, so the
 * reconciler's inquiry path is exercised. Its ledger is kept in the data folder.
 *
 * Not a bank: no accounts, no money; one bank id, one shared secret.
 */
export const LOCAL_BANK_ID = 'localbank';

/** What the payer's QR says about a bill: the stand-in looks it up as a banking app would read the code. */
export interface PresentedBill {
  readonly billerId: string;
  readonly ref1: string;
  readonly ref2: string;
  readonly amountSatang: number;
}

export interface LedgerEntry {
  readonly transactionRef: string;
  readonly billerId: string;
  readonly ref1: string;
  readonly ref2?: string;
  readonly amount: string;
  readonly paidAt: string;
  readonly callback: 'sent' | 'dropped' | 'failed';
  readonly callbackStatus?: number;
}

export interface BankStandIn {
  readonly url: string;
  readonly inquiryUrl: string;
  readonly secret: string;
  stop(): Promise<void>;
}

export interface BankOptions {
  readonly dataDir: string;
  /** Where OSS takes callbacks: `<api>/v1/payments/bank-callback`. */
  readonly callbackUrl: string;
  readonly secret: string;
  readonly lookupBill: (ref1: string) => Promise<PresentedBill | undefined>;
  readonly port?: number;
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((ok, fail) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => ok(Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });

export async function startBankStandIn(options: BankOptions): Promise<BankStandIn> {
  const ledgerFile = path.join(options.dataDir, 'bank-ledger.json');
  const ledger: LedgerEntry[] = existsSync(ledgerFile) ? JSON.parse(readFileSync(ledgerFile, 'utf8')) : [];
  const save = () => writeFileSync(ledgerFile, JSON.stringify(ledger, null, 2));

  const signed = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json',
      ...signedBankHeaders(LOCAL_BANK_ID, options.secret, text),
    });
    res.end(text);
  };

  /** Sends OSS the signed callback of a ledger entry, as the bank's notification system would. */
  const sendCallback = async (entry: Omit<LedgerEntry, 'callback' | 'callbackStatus'>) => {
    const body = JSON.stringify({
      transactionRef: entry.transactionRef,
      billerId: entry.billerId,
      ref1: entry.ref1,
      ...(entry.ref2 && { ref2: entry.ref2 }),
      amount: entry.amount,
      paidAt: entry.paidAt,
    });
    const response = await fetch(options.callbackUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signedBankHeaders(LOCAL_BANK_ID, options.secret, body),
      },
      body,
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as unknown };
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://bank.local');
      const raw = await readBody(req);
      if (req.method === 'POST' && url.pathname === '/inquiry') {
        const check = checkBankSignature(
          options.secret,
          req.headers[BANK_HEADERS.timestamp] as string | undefined,
          req.headers[BANK_HEADERS.signature] as string | undefined,
          raw,
          Math.floor(Date.now() / 1000),
        );
        if (check !== 'ok') return signed(res, 401, { error: check });
        const q = JSON.parse(raw) as { billerId?: string; ref1?: string };
        const transactions = ledger
          .filter((e) => e.ref1 === q.ref1 && e.billerId === q.billerId)
          .map(({ callback: _c, callbackStatus: _s, ...tx }) => tx);
        return signed(res, 200, { transactions });
      }
      if (req.method === 'POST' && url.pathname === '/test/pay') {
        const input = JSON.parse(raw || '{}') as { ref1?: string; amount?: string; drop?: boolean };
        const ref1 = String(input.ref1 ?? '').toUpperCase();
        const bill = await options.lookupBill(ref1);
        if (!bill && input.amount === undefined) {
          res.writeHead(404, { 'content-type': 'application/json' });
          return res.end(
            JSON.stringify({ error: `no bill ${ref1}: give --amount to pay an unknown reference` }),
          );
        }
        const entry = {
          transactionRef: `LB${Date.now().toString(36).toUpperCase()}${randomBytes(4).toString('hex').toUpperCase()}`,
          billerId: bill?.billerId ?? '099400000000099',
          ref1,
          ...(bill && { ref2: bill.ref2 }),
          amount: input.amount ?? (bill ? (bill.amountSatang / 100).toFixed(2) : '0'),
          paidAt: toBangkokIso(new Date()),
        };
        let callback: LedgerEntry['callback'] = 'dropped';
        let result: { status: number; body: unknown } | undefined;
        if (!input.drop) {
          try {
            result = await sendCallback(entry);
            callback = 'sent';
          } catch {
            callback = 'failed';
          }
        }
        ledger.push({ ...entry, callback, ...(result && { callbackStatus: result.status }) });
        save();
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ ...entry, callback, ...(result && { oss: result }) }));
      }
      if (req.method === 'GET' && url.pathname === '/test/ledger') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ items: ledger }));
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'not found' }));
    })().catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: String(error) }));
    });
  });
  await new Promise<void>((ok) => server.listen(options.port ?? 0, '127.0.0.1', () => ok()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    inquiryUrl: `${url}/inquiry`,
    secret: options.secret,
    stop: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

const clients = new Map<string, DynamoDBDocumentClient>();

/**
 * The bill behind a ref1 in the local table, as a payer's banking app would read it from the QR
 * (biller id, references, amount). Only the stand-in does this; OSS's own code never trusts it.
 */
export async function presentedBill(
  endpoint: string,
  tableName: string,
  ref1: string,
): Promise<PresentedBill | undefined> {
  let client = clients.get(endpoint);
  if (!client) {
    client = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint,
        region: LOCAL_REGION,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
    );
    clients.set(endpoint, client);
  }
  const ref = await client.send(
    new GetCommand({ TableName: tableName, Key: { pk: `${KEY_PREFIX.bill}${ref1}`, sk: 'BILL' } }),
  );
  const requestId = ref.Item?.requestId as string | undefined;
  if (!requestId) return undefined;
  const request = await client.send(
    new GetCommand({ TableName: tableName, Key: { pk: `${KEY_PREFIX.request}${requestId}`, sk: 'REQUEST' } }),
  );
  const bill = (request.Item && fromStored(request.Item))?.bills?.find((b: Bill) => b.ref1 === ref1);
  return bill && { billerId: bill.billerId, ref1, ref2: bill.ref2, amountSatang: bill.amountSatang };
}
