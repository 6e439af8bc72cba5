import type { RequestStatus } from '../schemas/request.ts';

/**
 * Thai beside English wherever a person reads the record (issue 18): status labels, the notes the
 * system writes in a request's history, and the verifier's reasons for rejecting a document.
 *
 * The record keeps one English line per step (the words of an officer or citizen inside it stay
 * as they wrote them); the Thai is derived when a view is built, from the same templates the
 * system writes. So every request, old ones included, reads in Thai, and no step stores its
 * text twice (an item's size is bounded: see limits.ts). A test writes every template and checks
 * each has its Thai; an unknown line (an officer's own note) has none, and is shown as written.
 */
export const STATUS_LABELS: Readonly<Record<RequestStatus, { readonly th: string; readonly en: string }>> = {
  AWAITING_DOCUMENTS: { th: 'รอเอกสาร', en: 'Waiting for documents' },
  AWAITING_PAYMENT: { th: 'รอชำระเงิน', en: 'Waiting for payment' },
  SUBMITTED: { th: 'ยื่นคำขอแล้ว', en: 'Submitted' },
  ROUTED: { th: 'ส่งถึงหน่วยงานแล้ว', en: 'Sent to the agency' },
  IN_PROGRESS: { th: 'กำลังดำเนินการ', en: 'In progress' },
  NEEDS_INFO: { th: 'ขอข้อมูลเพิ่มเติม', en: 'More information needed' },
  COMPLETED: { th: 'เสร็จสิ้น', en: 'Completed' },
  REJECTED: { th: 'ไม่อนุมัติ', en: 'Rejected' },
  CANCELLED: { th: 'ยกเลิกแล้ว', en: 'Cancelled' },
};

type NameOf = (agencyId: string) => string | undefined;
let agencyNameTh: NameOf = () => undefined;

/** Where agency names come from (the app's registry registers itself; the domain imports no data). */
export function useAgencyNamesTh(lookup: NameOf): void {
  agencyNameTh = lookup;
}

const name = (id: string) => agencyNameTh(id) ?? id;

const FLAG_REASONS_TH: Record<string, string> = {
  'the reference matches no bill': 'เลขอ้างอิงไม่ตรงกับใบแจ้งชำระใด',
  'the biller id or ref2 does not match the bill': 'รหัสผู้รับชำระหรือเลขอ้างอิง 2 ไม่ตรงกับใบแจ้งชำระ',
  'the amount paid differs from the bill': 'จำนวนเงินที่ชำระไม่ตรงกับใบแจ้งชำระ',
  'the bill was already paid (refund due)': 'ใบแจ้งชำระนี้ชำระแล้ว (ต้องคืนเงิน)',
  'the bill had expired': 'ใบแจ้งชำระหมดอายุแล้ว',
  'the request is no longer waiting for payment (refund due)': 'คำขอไม่ได้รอชำระเงินแล้ว (ต้องคืนเงิน)',
  'the transaction was reported twice with different content': 'ธนาคารแจ้งรายการเดียวกันสองครั้งด้วยข้อมูลต่างกัน',
};

const WHY_TH: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray) => string]> = [
  [
    /^no provincial administrative organisation is registered for province (\d+)$/,
    (m) => `ยังไม่มีองค์การบริหารส่วนจังหวัดของจังหวัด ${m[1]} ในทะเบียน`,
  ],
  [/^the request names no district$/, () => 'คำขอไม่ได้ระบุอำเภอ'],
  [/^no district office is registered for district (\d+)$/, (m) => `ยังไม่มีที่ว่าการอำเภอ ${m[1]} ในทะเบียน`],
  [
    /^the request names no district, so its local government is unknown$/,
    () => 'คำขอไม่ได้ระบุอำเภอ จึงไม่ทราบองค์กรปกครองส่วนท้องถิ่น',
  ],
  [
    /^no local government is registered for subdistrict (\d+), so the district office receives it$/,
    (m) => `ยังไม่มีองค์กรปกครองส่วนท้องถิ่นของตำบล ${m[1]} ในทะเบียน ที่ว่าการอำเภอจึงรับเรื่องแทน`,
  ],
  [
    /^the request names no subdistrict, so its local government is unknown, so the district office receives it$/,
    () => 'คำขอไม่ได้ระบุตำบล จึงไม่ทราบองค์กรปกครองส่วนท้องถิ่น ที่ว่าการอำเภอจึงรับเรื่องแทน',
  ],
  [
    /^no local government or district office is registered for district (\d+)$/,
    (m) => `ยังไม่มีองค์กรปกครองส่วนท้องถิ่นหรือที่ว่าการอำเภอ ${m[1]} ในทะเบียน`,
  ],
];

const whyTh = (why: string) => {
  for (const [re, th] of WHY_TH) {
    const m = re.exec(why);
    if (m) return th(m);
  }
  return why;
};

/** One part of a `;`-joined filing note. */
const FILING_PARTS: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray) => string]> = [
  [/^Filed$/, () => 'ยื่นคำขอแล้ว'],
  [
    /^Filed at the counter of (\S+) by officer (.+) for a walk-in citizen$/,
    (m) => `ยื่นที่เคาน์เตอร์ของ ${name(m[1] ?? '')} โดยเจ้าหน้าที่ ${m[2]} แทนประชาชนผู้มาติดต่อ`,
  ],
  [/^All required documents verified$/, () => 'ตรวจเอกสารที่ต้องใช้ครบถ้วนแล้ว'],
  [/^waiting for (\d+) document\(s\)$/, (m) => `รอเอกสาร ${m[1]} ฉบับ`],
  [/^fee ([\d,.]+) THB due \(bill (\w+)\)$/, (m) => `ค่าธรรมเนียม ${m[1]} บาท รอชำระ (ใบแจ้งชำระ ${m[2]})`],
];

/** Whole lines the system writes, each with its Thai. */
const LINES: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray) => string]> = [
  [
    /^Routed to (\S+) \((.+)\), the local government serving subdistrict (\d+)$/,
    (m) => `ส่งถึง ${name(m[1] ?? '')} องค์กรปกครองส่วนท้องถิ่นที่ดูแลตำบล ${m[3]}`,
  ],
  [/^Routed to (\S+) \([^)]+\)$/, (m) => `ส่งถึง ${name(m[1] ?? '')}`],
  [/^Routed to (\S+): (.+)$/, (m) => `ส่งถึง ${name(m[1] ?? '')}: ${whyTh(m[2] ?? '')}`],
  [
    /^Forwarded to (\S+) \(.+?\): ([\s\S]*?)(?: — the request moves from province (\d+) to (\d+))?$/,
    (m) => `ส่งต่อไปยัง ${name(m[1] ?? '')}: ${m[2]}${m[3] ? ` — คำขอย้ายจากจังหวัด ${m[3]} ไปจังหวัด ${m[4]}` : ''}`,
  ],
  [
    /^([\s\S]*? — )?deadline moved to (\S+) \(clock paused\)$/,
    (m) => `${m[1] ?? ''}เลื่อนกำหนดเสร็จเป็น ${m[2]} (หยุดนับเวลาระหว่างรอผู้ยื่น)`,
  ],
  [
    /^Billed ([\d,.]+) THB \(bill (\w+), payable until (\S+)\): ([\s\S]*)$/,
    (m) => `แจ้งชำระ ${m[1]} บาท (ใบแจ้งชำระ ${m[2]} ชำระได้ถึง ${m[3]}): ${m[4]}`,
  ],
  [/^Escalation acknowledged(?:: ([\s\S]*))?$/, (m) => `รับทราบการเร่งรัดแล้ว${m[1] ? `: ${m[1]}` : ''}`],
  [
    /^Full citizen ID revealed to officer (.+?): ([\s\S]*)$/,
    (m) => `เจ้าหน้าที่ ${m[1]} เปิดดูเลขประจำตัวประชาชนฉบับเต็ม: ${m[2]}`,
  ],
  [/^Cancelled by the citizen(?:: ([\s\S]*))?$/, (m) => `ผู้ยื่นยกเลิกคำขอ${m[1] ? `: ${m[1]}` : ''}`],
  [/^Citizen replied: ([\s\S]*)$/, (m) => `ผู้ยื่นตอบกลับ: ${m[1]}`],
  [
    /^Overdue: the deadline (\S+) has passed; a copy went to (\S+)$/,
    (m) => `เกินกำหนด: เลยกำหนดเสร็จ ${m[1]} แล้ว ส่งสำเนาถึง ${name(m[2] ?? '')}`,
  ],
  [
    /^Routing failed after (\d+) re-sends; operators alerted \(intake DLQ\)$/,
    (m) => `ส่งคำขอถึงหน่วยงานไม่สำเร็จหลังส่งซ้ำ ${m[1]} ครั้ง แจ้งผู้ดูแลระบบแล้ว`,
  ],
  [
    /^Payment of ([\d,.]+) THB \(bank (\S+), transaction (\S+)\) for bill (\w+) not applied: (.+); flagged for review by (\S+)$/,
    (m) =>
      `ได้รับเงิน ${m[1]} บาท (ธนาคาร ${m[2]} รายการ ${m[3]}) สำหรับใบแจ้งชำระ ${m[4]} แต่ไม่ได้นำไปชำระ: ${FLAG_REASONS_TH[m[5] ?? ''] ?? m[5]} ส่งให้ ${name(m[6] ?? '')} ตรวจสอบ`,
  ],
  [
    /^Paid ([\d,.]+) THB \(bank (\S+), transaction (\S+)\); receipt (\S+)$/,
    (m) => `ชำระเงินแล้ว ${m[1]} บาท (ธนาคาร ${m[2]} รายการ ${m[3]}) ใบเสร็จเลขที่ ${m[4]}`,
  ],
  [
    /^Bill (\w+) expired unpaid; ask for a new one to pay$/,
    (m) => `ใบแจ้งชำระ ${m[1]} หมดอายุโดยยังไม่ได้ชำระ โปรดขอใบแจ้งชำระใหม่`,
  ],
  [/^New bill (\w+) issued for expired bill (\w+)$/, (m) => `ออกใบแจ้งชำระใหม่ ${m[1]} แทนใบที่หมดอายุ ${m[2]}`],
];

/**
 * The Thai of a note the system wrote, or undefined for a note it does not know (an officer's own
 * words, which are shown as written).
 */
export function noteTh(note: string): string | undefined {
  for (const [re, th] of LINES) {
    const m = re.exec(note);
    if (m) return th(m);
  }
  const parts = note.split('; ');
  const out: string[] = [];
  for (const part of parts) {
    const rule = FILING_PARTS.find(([re]) => re.test(part));
    if (!rule) return undefined;
    out.push(rule[1](rule[0].exec(part) as RegExpExecArray));
  }
  return out.join(' ');
}

const REASONS: ReadonlyArray<readonly [RegExp, (m: RegExpExecArray) => string]> = [
  [/^file is empty$/, () => 'ไฟล์ว่างเปล่า'],
  [/^file is (\d+) bytes; the limit is (\d+)$/, (m) => `ไฟล์มีขนาด ${m[1]} ไบต์ เกินขนาดที่รับได้ ${m[2]} ไบต์`],
  [
    /^file is (\d+) bytes but was declared as (\d+) bytes$/,
    (m) => `ไฟล์มีขนาด ${m[1]} ไบต์ ไม่ตรงกับที่แจ้งไว้ ${m[2]} ไบต์`,
  ],
  [
    /^content is not a PDF, JPEG or PNG but was declared as (\S+)$/,
    (m) => `ไฟล์ไม่ใช่ PDF, JPEG หรือ PNG แต่แจ้งไว้ว่าเป็น ${m[1]}`,
  ],
  [/^content is (\S+) but was declared as (\S+)$/, (m) => `เนื้อหาไฟล์เป็น ${m[1]} แต่แจ้งไว้ว่าเป็น ${m[2]}`],
  [/^the PDF is incomplete or not a PDF \(no %%EOF trailer\)$/, () => 'ไฟล์ PDF ไม่สมบูรณ์หรือไม่ใช่ PDF'],
  [/^the PDF contains HTML or script$/, () => 'ไฟล์ PDF มี HTML หรือสคริปต์แฝงอยู่'],
  [/^the PNG is incomplete \(no IEND chunk\)$/, () => 'ไฟล์ PNG ไม่สมบูรณ์'],
  [/^the JPEG is incomplete \(no end-of-image marker\)$/, () => 'ไฟล์ JPEG ไม่สมบูรณ์'],
];

/** The Thai of a document rejection reason the verifier gives. */
export function reasonTh(reason: string): string | undefined {
  for (const [re, th] of REASONS) {
    const m = re.exec(reason);
    if (m) return th(m);
  }
  return undefined;
}
