import type {
  ContentType,
  RequiredDocument,
  Service,
  ServiceField,
  ServiceRule,
} from '../schemas/catalogue.ts';

/** Building blocks of the catalogue's entries. */
export const NO_FEE = {
  model: 'none',
  source: 'No fee is charged for this service.',
} as const satisfies Service['fee'];
export const ASSESSED_LOCAL = {
  model: 'assessed',
  source:
    'Set by the local body’s ordinance (ข้อบัญญัติท้องถิ่น) within the ceiling of the Act named in the service source; billed by the agency: provisional',
} as const satisfies Service['fee'];
export const BUILDING_FEE = {
  model: 'assessed',
  formula: 'by floor area and building type, per the ministerial regulation on building-control fees',
  source: 'กฎกระทรวงกำหนดค่าธรรมเนียมการออกใบอนุญาต… ตามพระราชบัญญัติควบคุมอาคาร พ.ศ. 2522 (provisional)',
} as const satisfies Service['fee'];

export const MB = 1024 * 1024;
export const ANY_FILE: readonly ContentType[] = ['application/pdf', 'image/jpeg', 'image/png'];

export const doc = (
  type: string,
  nameTh: string,
  nameEn: string,
  maxBytes = 5 * MB,
  contentTypes = ANY_FILE,
) => ({ type, nameTh, nameEn, contentTypes: [...contentTypes], maxBytes }) satisfies RequiredDocument;

export const field = (
  code: string,
  datatype: ServiceField['datatype'],
  required: boolean,
  labelTh: string,
  labelEn: string,
  extra: Partial<
    Pick<ServiceField, 'values' | 'min' | 'max' | 'format' | 'pattern' | 'example' | 'past'>
  > = {},
): ServiceField => ({ code, datatype, required, labelTh, labelEn, values: [], ...extra });

export const value = (key: string, nameTh: string, nameEn: string) => ({ key, nameTh, nameEn });

/** How an allowance is paid (elderly, disability): by transfer to the applicant's account, or in cash. */
export const allowancePaymentFields = (): ServiceField[] => [
  field('paymentMethod', 'singlevaluelist', true, 'วิธีรับเงิน', 'Payment method', {
    values: [value('bank-transfer', 'โอนเข้าบัญชีธนาคาร', 'Bank transfer'), value('cash', 'รับเงินสด', 'Cash')],
  }),
  field('bankName', 'string', false, 'ธนาคาร', 'Bank', { max: 100 }),
  field('bankAccount', 'string', false, 'เลขที่บัญชีธนาคาร (10–12 หลัก)', 'Bank account number (10–12 digits)', {
    format: 'pattern',
    pattern: '\\d{10,12}',
    example: '1234567890',
  }),
];

/** Bank details are required when the allowance is paid by transfer. */
export const ALLOWANCE_PAYMENT_RULES: readonly ServiceRule[] = [
  { kind: 'requiredWhen', field: 'bankName', when: { field: 'paymentMethod', equals: 'bank-transfer' } },
  { kind: 'requiredWhen', field: 'bankAccount', when: { field: 'paymentMethod', equals: 'bank-transfer' } },
];
