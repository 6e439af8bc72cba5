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
