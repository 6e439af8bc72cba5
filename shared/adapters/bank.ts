import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod/mini';
import { BANK_HEADERS, checkBankSignature, signedBankHeaders } from '../domain/bank-signature.ts';
import { ENV, requireEnv } from '../env.ts';
import { schema } from '../schemas/define.ts';
import { BankInquiryAnswer } from '../schemas/payments.ts';
import { secretsClient } from './secrets.ts';

const Bank = /* @__PURE__ */ schema(() =>
  z.object({ secret: z.string().check(z.minLength(32)), inquiryUrl: z.optional(z.url()) }),
);
export type BankSettings = Record<string, z.infer<typeof Bank>>;

/** The banks in the secret: entries that are not a bank's settings (the placeholder) are no bank. */
function parseBanks(text: string | undefined): BankSettings {
  const raw = JSON.parse(text ?? '{}') as Record<string, unknown>;
  const banks: BankSettings = {};
  for (const [id, value] of Object.entries(raw)) {
    const bank = Bank.safeParse(value);
    if (/^[a-z0-9-]{1,32}$/.test(id) && bank.success) banks[id] = bank.data;
  }
  return banks;
}

let settings: Promise<BankSettings> | undefined;
let fetchedAt = 0;
/** Re-read at most this often, so a rotated bank secret takes effect without a redeploy. */
const REFRESH_MS = 5 * 60_000;

/** Every bank's shared secret and inquiry endpoint, from Secrets Manager (cached; a failed read is not). */
export function getBankSettings(now = Date.now()): Promise<BankSettings> {
  if (settings && now - fetchedAt > REFRESH_MS) settings = undefined;
  if (!settings) {
    fetchedAt = now;
    settings = secretsClient
      .send(new GetSecretValueCommand({ SecretId: requireEnv(ENV.bankSecretId) }))
      .then((r) => parseBanks(r.SecretString))
      .catch((error: unknown) => {
        settings = undefined;
        throw error;
      });
  }
  return settings;
}

export type InquiryAnswer = z.infer<typeof BankInquiryAnswer>;

/**
 * Asks a bank which payments it holds for a bill (the reconciler, for callbacks that never came).
 * The request and the answer are both signed with the bank's secret; an unsigned or stale answer
 * is an error, never a payment.
 */
export async function inquireBank(
  bankId: string,
  query: { billerId: string; ref1: string },
): Promise<InquiryAnswer> {
  const bank = (await getBankSettings())[bankId];
  if (!bank?.inquiryUrl) throw new Error(`bank ${bankId} has no inquiry endpoint configured`);
  const body = JSON.stringify(query);
  const response = await fetch(bank.inquiryUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signedBankHeaders(bankId, bank.secret, body) },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`bank ${bankId} inquiry answered ${response.status}`);
  const check = checkBankSignature(
    bank.secret,
    response.headers.get(BANK_HEADERS.timestamp) ?? undefined,
    response.headers.get(BANK_HEADERS.signature) ?? undefined,
    text,
    Math.floor(Date.now() / 1000),
  );
  if (check !== 'ok') throw new Error(`bank ${bankId} inquiry answer failed its signature check (${check})`);
  return BankInquiryAnswer.parse(JSON.parse(text));
}
