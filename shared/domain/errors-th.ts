/**
 * The Thai text of every error code the API answers with (the error shape's `messageTh`, added
 * beside `message`): a person reading an error in either language learns what happened and what
 * to do. A test checks that every code the source can raise is here.
 */
export const ERROR_MESSAGES_TH: Readonly<Record<string, string>> = {
  VALIDATION_FAILED: 'ข้อมูลที่ส่งมาไม่ถูกต้อง โปรดแก้ไขตามรายการที่ระบุ',
  MALFORMED_JSON: 'ข้อมูลที่ส่งมาไม่ใช่ JSON ที่ถูกต้อง',
  FORBIDDEN_KEY: 'ข้อมูล JSON มีชื่อช่องที่ไม่อนุญาต (__proto__ หรือ constructor.prototype)',
  HEADERS_TOO_LARGE: 'ส่วนหัวของคำขอมีขนาดใหญ่เกินไป',
  UNSUPPORTED_MEDIA_TYPE: 'โปรดส่งข้อมูลเป็น JSON (Content-Type: application/json)',
  UNSUPPORTED_CHARSET: 'โปรดส่งข้อมูลเป็น UTF-8',
  PAYLOAD_TOO_LARGE: 'ข้อมูลที่ส่งมามีขนาดใหญ่เกินกำหนด',
  NOT_FOUND: 'ไม่พบข้อมูลที่ขอ',
  UNAUTHORIZED: 'ต้องยืนยันตัวตนก่อน (เข้าสู่ระบบหรือแนบรหัสติดตามคำขอ)',
  FORBIDDEN: 'ไม่มีสิทธิ์ดำเนินการนี้',
  INVALID_TRANSITION: 'ไม่สามารถดำเนินการนี้กับคำขอในสถานะปัจจุบันได้ โปรดโหลดคำขอใหม่',
  HISTORY_FULL: 'คำขอนี้มีขั้นตอนมากเกินไป ดำเนินการได้เพียงปิดเรื่อง (เสร็จสิ้น ไม่อนุมัติ หรือยกเลิก)',
  TOO_MANY_REPLIES: 'ตอบกลับได้ไม่เกิน 5 ครั้งต่อการขอข้อมูลหนึ่งครั้ง กรุณารอหน่วยงานตอบ',
  CONCURRENT_UPDATE: 'คำขอถูกแก้ไขพร้อมกัน โปรดลองอีกครั้ง',
  IDEMPOTENCY_KEY_REUSED: 'รหัส Idempotency-Key นี้เคยใช้กับคำขออื่นแล้ว',
  NOT_FINISHED: 'ให้คะแนนได้เมื่อคำขอเสร็จสิ้นหรือไม่อนุมัติแล้วเท่านั้น',
  ALREADY_RATED: 'คำขอนี้ได้รับการให้คะแนนแล้ว',
  DOCUMENT_NOT_VERIFIED: 'เอกสารนี้ยังไม่ผ่านการตรวจสอบ',
  NOT_ESCALATED: 'คำขอนี้ไม่ได้ถูกส่งเรื่องเร่งรัด',
  UNAVAILABLE: 'ไม่สามารถติดต่อระบบปลายทางได้ในขณะนี้ ยังไม่มีการเปลี่ยนแปลงใด โปรดลองอีกครั้ง',
  CSRF_FAILED: 'คำขอไม่ผ่านการตรวจสอบความปลอดภัย (CSRF) โปรดโหลดหน้าใหม่แล้วลองอีกครั้ง',
  THAID_SIGN_IN_FAILED: 'เข้าสู่ระบบด้วย ThaiD ไม่สำเร็จ โปรดลองใหม่อีกครั้ง',
  THAID_STATE_MISMATCH: 'การตอบกลับจาก ThaiD ไม่ตรงกับการเข้าสู่ระบบนี้ โปรดเริ่มใหม่',
  METHOD_NOT_ALLOWED: 'ไม่รองรับวิธีเรียกนี้สำหรับเส้นทางนี้',
  BAD_PATH: 'เส้นทาง (URL) ไม่ถูกต้อง',
  THROTTLED: 'มีคำขอมากเกินไป โปรดรอสักครู่แล้วลองใหม่',
  INTERNAL: 'ระบบขัดข้องชั่วคราว โปรดลองอีกครั้ง',
  BANK_SIGNATURE_INVALID: 'ลายมือชื่ออิเล็กทรอนิกส์ของธนาคารไม่ถูกต้องหรือไม่มี',
  BANK_TIMESTAMP_STALE: 'เวลาที่ลงนามห่างจากเวลาของระบบเกิน 5 นาที',
  TRANSACTION_REF_REUSED: 'เลขอ้างอิงธุรกรรมของธนาคารนี้เคยแจ้งมาแล้วด้วยข้อมูลอื่น',
  NO_FEE_TO_BILL: 'บริการนี้ไม่มีค่าธรรมเนียมที่หน่วยงานเรียกเก็บได้',
  BILL_NOT_EXPIRED: 'ออกใบแจ้งชำระใหม่ได้เฉพาะใบที่หมดอายุโดยยังไม่ได้ชำระ',
  CITIZEN_ID_NOT_KEPT: 'คำขอนี้ยื่นก่อนที่ระบบจะเก็บเลขประจำตัวประชาชนฉบับเต็ม โปรดตรวจบัตรประชาชนด้วยตนเอง',
  PAYMENTS_NOT_CONFIGURED: 'ยังไม่เปิดรับชำระค่าธรรมเนียม: ระบบนี้ยังไม่ได้ตั้งค่าบัญชีรับเงิน',
};

export const messageThOf = (code: string) => ERROR_MESSAGES_TH[code] ?? ERROR_MESSAGES_TH.INTERNAL ?? '';

/** Thai for the problems a field can have, by the English the validators write. */
const ISSUES_TH: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray) => string]> = [
  [/^is required \(or sign in with ThaiD\)$/, () => 'ต้องระบุ (หรือเข้าสู่ระบบด้วย ThaiD)'],
  [/^is required(?: to \w+| for service "[^"]+")?$/, () => 'ต้องระบุ'],
  [/^is required \(.+ \/ (.+)\)$/, (m) => `ต้องระบุ${m[1]}`],
  [/^is required when /, () => 'ต้องระบุเมื่อเลือกตัวเลือกที่เกี่ยวข้อง'],
  [/^is not an accepted field$|^Unrecognized keys?: /, () => 'ไม่ใช่ช่องข้อมูลที่รับ'],
  [/^is not a field of this service$/, () => 'ไม่ใช่ช่องข้อมูลของบริการนี้'],
  [
    /^unknown (service|province|district|subdistrict|agency) "([^"]*)"$/,
    (m) => `ไม่พบ${UNKNOWN_TH[m[1] ?? ''] ?? ''} "${m[2]}"`,
  ],
  [/^district (\d+) is not in province (\d+)$/, (m) => `อำเภอ ${m[1]} ไม่อยู่ในจังหวัด ${m[2]}`],
  [
    /^subdistrict (\d+) is not in (district|province) (\d+)$/,
    (m) => `ตำบล ${m[1]} ไม่อยู่ใน${m[2] === 'district' ? 'อำเภอ' : 'จังหวัด'} ${m[3]}`,
  ],
  [/^province (\d+) \(.+\) is not yet served by OSS$/, (m) => `ยังไม่เปิดให้บริการในจังหวัด ${m[1]}`],
  [/^must lie inside Thailand/, () => 'พิกัดต้องอยู่ในประเทศไทย'],
  [/^is not in or near province (\d+)$/, (m) => `พิกัดไม่อยู่ในหรือใกล้จังหวัด ${m[1]}`],
  [/^differs from the citizen signed in with ThaiD/, () => 'ไม่ตรงกับผู้ที่เข้าสู่ระบบด้วย ThaiD (ไม่ต้องกรอก)'],
  [/^give the reason to /, () => 'โปรดระบุเหตุผล (บันทึกไว้ในประวัติคำขอ)'],
  [/^is not a cursor this (API|list) gave out$/, () => 'ตัวชี้หน้าถัดไปไม่ถูกต้อง'],
  [/^must be a path on this site/, () => 'ต้องเป็นหน้าในเว็บไซต์นี้'],
  [/^must be baht with at most two decimals$/, () => 'จำนวนเงินบาทต้องมีทศนิยมไม่เกินสองตำแหน่ง'],
  [/^the amount due is zero/, () => 'ยอดที่ต้องชำระเป็นศูนย์ ไม่มีอะไรต้องเรียกเก็บ'],
  [/^was not issued for this request by this inbox$/, () => 'ไม่ได้ออกให้คำขอนี้จากกล่องงานนี้'],
  [/^is already this agency$/, () => 'เป็นหน่วยงานนี้อยู่แล้ว'],
  [
    /is in province (\d+), which this deployment does not serve yet$/,
    (m) => `อยู่ในจังหวัด ${m[1]} ซึ่งยังไม่เปิดให้บริการ`,
  ],
  [/has no formula to price an assessment/, () => 'บริการนี้ไม่มีสูตรคำนวณจากการประเมิน โปรดระบุจำนวนเงิน'],
  [
    /^must be a 13-digit Thai citizen ID with a valid check digit$/,
    () => 'ต้องเป็นเลขประจำตัวประชาชน 13 หลักที่เลขตรวจสอบถูกต้อง',
  ],
  [/^must be 8–128 printable ASCII characters$/, () => 'ต้องเป็นอักขระ ASCII ที่พิมพ์ได้ 8–128 ตัว'],
  [
    /^unknown document type "([^"]*)"; this service takes: (.+)$/,
    (m) => `ไม่พบเอกสารประเภท "${m[1]}" บริการนี้รับ: ${m[2]}`,
  ],
  [/^must be an https URL/, () => 'ต้องเป็นลิงก์ https (ไม่เกิน 2,000 ตัวอักษร ไม่มีรหัสผ่านในลิงก์)'],
  [/^must be a string$/, () => 'ต้องเป็นข้อความ'],
  [/^must be a number$/, () => 'ต้องเป็นตัวเลข'],
  [/^must be a list of values$/, () => 'ต้องเป็นรายการค่า'],
  [/^must be at most (\d+) characters$/, (m) => `ยาวได้ไม่เกิน ${m[1]} ตัวอักษร`],
  [/^must be at least (\d+) characters$/, (m) => `ต้องยาวอย่างน้อย ${m[1]} ตัวอักษร`],
  [/^must be at most (.+)$/, (m) => `ต้องไม่เกิน ${m[1]}`],
  [/^must be at least (.+)$/, (m) => `ต้องไม่น้อยกว่า ${m[1]}`],
  [/^must be an ISO-8601 date-time with a time zone$/, () => 'ต้องเป็นวันเวลาแบบ ISO-8601 พร้อมเขตเวลา'],
  [/^must be one of: (.+)$/, (m) => `ต้องเป็นค่าใดค่าหนึ่งต่อไปนี้: ${m[1]}`],
  [
    /^has values not in the list \((.+)\); allowed: (.+)$/,
    (m) => `มีค่าที่ไม่อยู่ในรายการ (${m[1]}) ค่าที่เลือกได้: ${m[2]}`,
  ],
  [/^has repeated values$/, () => 'มีค่าซ้ำกัน'],
  [/^Invalid input: expected (\w+), received (\w+)$/, (m) => `ชนิดข้อมูลไม่ถูกต้อง (ต้องเป็น ${m[1]} ได้รับ ${m[2]})`],
  [/^Invalid input/, () => 'ข้อมูลไม่ถูกต้อง'],
  [/^Too big: expected \w+ to have <=?(\d+) characters?$/, (m) => `ยาวเกิน ${m[1]} ตัวอักษร`],
  [/^Too small: expected \w+ to have >=?(\d+) characters?$/, (m) => `สั้นเกินไป (อย่างน้อย ${m[1]} ตัวอักษร)`],
  [/^Too big: expected \w+ to be <=?(.+)$/, (m) => `มากเกินไป (ไม่เกิน ${m[1]})`],
  [/^Too small: expected \w+ to be >=?(.+)$/, (m) => `น้อยเกินไป (อย่างน้อย ${m[1]})`],
  [/^Too (big|small)/, (m) => (m[1] === 'big' ? 'มากหรือยาวเกินไป' : 'น้อยหรือสั้นเกินไป')],
  [/^Invalid (string|format|ISO datetime|email)/, () => 'รูปแบบไม่ถูกต้อง'],
];

const UNKNOWN_TH: Record<string, string> = {
  service: 'บริการ',
  province: 'จังหวัด',
  district: 'อำเภอ',
  subdistrict: 'ตำบล',
  agency: 'หน่วยงาน',
};

/**
 * The Thai of a field problem: a message already in Thai (the form engine writes both) keeps its
 * Thai part; a known English one is translated; anything else reads "ข้อมูลไม่ถูกต้อง" with the English.
 */
export function issueMessageTh(message: string): string {
  const thai = /\(([^()]*[\u0E00-\u0E7F][^()]*)\)\s*$/.exec(message);
  if (thai?.[1]) {
    // "is required (Name of the business / ชื่อสถานประกอบการ)" names the field, not the problem.
    if (message.startsWith('is required (')) return `ต้องระบุ${thai[1].split(' / ').at(-1)}`;
    return thai[1];
  }
  for (const [re, th] of ISSUES_TH) {
    const m = re.exec(message);
    if (m) return th(m);
  }
  return `ข้อมูลไม่ถูกต้อง (${message})`;
}
