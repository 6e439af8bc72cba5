import type { Service } from '../schemas/catalogue.ts';
import {
  ALLOWANCE_PAYMENT_RULES,
  ASSESSED_LOCAL,
  allowancePaymentFields,
  BUILDING_FEE,
  doc,
  field,
  MB,
  NO_FEE,
  value,
} from './catalogue-helpers.ts';

/**
 * The One Stop Service of local administrative organisations (อปท.): the licences, registrations,
 * taxes and allowances that local citizen manuals (คู่มือสำหรับประชาชน) publish under the
 * Licensing Facilitation Act B.E. 2558 (พระราชบัญญัติการอำนวยความสะดวกในการพิจารณาอนุญาตของทาง
 * ราชการ พ.ศ. 2558), each with the Act that governs it.
 *
 * Deadlines are the Act's where it sets one (the Public Health Act's 30 days to decide on a
 * licence, the Building Control Act's 45 days), counted here in working days; where the law sets
 * none, the deadline is the one manuals commonly publish, marked provisional. Fees follow DESIGN.md
 * §10: most are set by each local body's ordinance and so are `assessed` by the agency. Documents
 * are those the manuals commonly ask for. Every entry names its source; replace provisional values
 * with the onboarding body's own manual.
 */
const MANUAL = 'คู่มือสำหรับประชาชน ตาม พ.ร.บ.การอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ พ.ศ. 2558';
const PROVISIONAL_DEADLINE = 'deadline and documents: provisional, as local manuals commonly publish them';

const idCard = () => doc('id-card-copy', 'สำเนาบัตรประจำตัวประชาชน', 'Copy of the national ID card', 2 * MB);
const houseReg = () =>
  doc('house-registration-copy', 'สำเนาทะเบียนบ้าน', 'Copy of the house registration', 2 * MB);
const premisesProof = () =>
  doc(
    'premises-proof',
    'หลักฐานการมีสิทธิใช้สถานที่ (สัญญาเช่าหรือหนังสือยินยอม)',
    'Proof of the right to use the premises (lease or consent)',
  );
const mapDoc = () => doc('location-map', 'แผนที่แสดงที่ตั้งสถานประกอบการ', 'Map of the premises', 5 * MB);
const plans = () =>
  doc('building-plans', 'แบบแปลนและรายการคำนวณ', 'Plans and structural calculations', 20 * MB, [
    'application/pdf',
  ]);
const titleDeed = () => doc('land-title-copy', 'สำเนาโฉนดที่ดิน', 'Copy of the land title deed');

const businessName = () =>
  field('businessName', 'string', true, 'ชื่อสถานประกอบการ', 'Name of the business', { max: 200 });
const areaSqm = (labelTh = 'พื้นที่ประกอบการ (ตร.ม.)', labelEn = 'Floor area (m²)') =>
  field('areaSqm', 'number', true, labelTh, labelEn, { min: 1, max: 1_000_000 });
const premises = () =>
  field('premisesSubdistrict', 'string', true, 'ตำบลที่ตั้งสถานประกอบการ', 'Subdistrict of the premises', {
    format: 'subdistrict',
    example: '200101',
  });
const phone = () =>
  field('contactPhone', 'string', true, 'หมายเลขโทรศัพท์ติดต่อ', 'Contact phone', {
    format: 'phone',
    example: '0812345678',
  });
const licenceNo = () =>
  field('licenceNo', 'string', true, 'เลขที่ใบอนุญาตเดิม (เลข/ปี พ.ศ.)', 'Current licence number (no./BE year)', {
    format: 'pattern',
    pattern: '\\d{1,6}/\\d{4}',
    example: '125/2568',
  });

const PUBLIC_HEALTH = 'พระราชบัญญัติการสาธารณสุข พ.ศ. 2535 (Public Health Act B.E. 2535)';
const BUILDING_CONTROL = 'พระราชบัญญัติควบคุมอาคาร พ.ศ. 2522 (Building Control Act B.E. 2522)';
const COMMERCIAL_REGISTRATION = 'พระราชบัญญัติทะเบียนพาณิชย์ พ.ศ. 2499 (Commercial Registration Act B.E. 2499)';

const healthHazardTypes = [
  value('food-production', 'การผลิตอาหารหรือเครื่องดื่ม', 'Food or drink production'),
  value('beauty', 'ร้านเสริมสวย แต่งผม นวด', 'Beauty salon, hairdresser, massage'),
  value('garage', 'อู่ซ่อมรถ ล้างรถ', 'Garage or car wash'),
  value('livestock', 'การเลี้ยงสัตว์', 'Keeping animals'),
  value('lodging', 'หอพัก อาคารให้เช่า', 'Dormitory or rooms for rent'),
  value('other', 'กิจการอื่นตามข้อบัญญัติท้องถิ่น', 'Other business named by the local ordinance'),
];

export const laoServices: readonly Service[] = [
  {
    code: 'commercial-registration-new',
    nameTh: 'การจดทะเบียนพาณิชย์ (ตั้งใหม่)',
    nameEn: 'Commercial registration (new business)',
    descriptionTh: 'จดทะเบียนพาณิชย์สำหรับบุคคลธรรมดาที่ประกอบพาณิชยกิจ ต่อนายทะเบียนพาณิชย์ท้องถิ่น',
    descriptionEn: 'Register a sole trader’s business with the local commercial registrar.',
    agencyType: 'local',
    slaDays: 1,
    feeThb: 50,
    fee: {
      model: 'fixed',
      amountThb: 50,
      source: `${COMMERCIAL_REGISTRATION}; ministerial regulation on registration fees`,
    },
    requiresDistrict: true,
    requiredDocuments: [idCard(), premisesProof(), mapDoc()],
    fields: [
      businessName(),
      field('businessType', 'string', true, 'ชนิดแห่งพาณิชยกิจ', 'Kind of business', { max: 200 }),
      field('capitalThb', 'number', true, 'จำนวนเงินทุน (บาท)', 'Capital (THB)', {
        min: 0,
        max: 1e12,
        format: 'money',
      }),
      field('startedOn', 'string', true, 'วันเริ่มประกอบพาณิชยกิจ', 'Date the business started', {
        format: 'date',
        example: '2026-11-01',
        past: true,
      }),
      premises(),
    ],
    source: `${COMMERCIAL_REGISTRATION}, sections 11–13 (register within 30 days of starting); ${MANUAL}; ${PROVISIONAL_DEADLINE}`,
  },
  {
    code: 'commercial-registration-change',
    nameTh: 'การจดทะเบียนพาณิชย์ (เปลี่ยนแปลงรายการ)',
    nameEn: 'Commercial registration (change of particulars)',
    descriptionTh: 'แจ้งเปลี่ยนแปลงรายการที่ได้จดทะเบียนพาณิชย์ไว้',
    descriptionEn: 'Change the particulars of a registered business.',
    agencyType: 'local',
    slaDays: 1,
    feeThb: 20,
    fee: {
      model: 'fixed',
      amountThb: 20,
      source: `${COMMERCIAL_REGISTRATION}; ministerial regulation on registration fees`,
    },
    requiresDistrict: true,
    requiredDocuments: [
      idCard(),
      doc('registration-certificate', 'ใบทะเบียนพาณิชย์', 'Commercial registration certificate'),
    ],
    fields: [
      field('registrationNo', 'string', true, 'เลขทะเบียนพาณิชย์', 'Registration number', {
        format: 'pattern',
        pattern: '\\d{13}',
        example: '3200100012345',
      }),
      field('changes', 'text', true, 'รายการที่เปลี่ยนแปลง', 'What changes', { max: 1000 }),
    ],
    source: `${COMMERCIAL_REGISTRATION}, section 14 (within 30 days of the change); ${MANUAL}; ${PROVISIONAL_DEADLINE}`,
  },
  {
    code: 'commercial-registration-cancel',
    nameTh: 'การจดทะเบียนพาณิชย์ (เลิกประกอบพาณิชยกิจ)',
    nameEn: 'Commercial registration (closing the business)',
    descriptionTh: 'แจ้งเลิกประกอบพาณิชยกิจที่ได้จดทะเบียนไว้',
    descriptionEn: 'Deregister a business that has closed.',
    agencyType: 'local',
    slaDays: 1,
    feeThb: 20,
    fee: {
      model: 'fixed',
      amountThb: 20,
      source: `${COMMERCIAL_REGISTRATION}; ministerial regulation on registration fees`,
    },
    requiresDistrict: true,
    requiredDocuments: [
      idCard(),
      doc('registration-certificate', 'ใบทะเบียนพาณิชย์', 'Commercial registration certificate'),
    ],
    fields: [
      field('registrationNo', 'string', true, 'เลขทะเบียนพาณิชย์', 'Registration number', {
        format: 'pattern',
        pattern: '\\d{13}',
        example: '3200100012345',
      }),
      field('closedOn', 'string', true, 'วันที่เลิกประกอบกิจการ', 'Date the business closed', {
        format: 'date',
        example: '2026-10-31',
        past: true,
      }),
    ],
    source: `${COMMERCIAL_REGISTRATION}, section 13 (within 30 days of closing); ${MANUAL}; ${PROVISIONAL_DEADLINE}`,
  },
  {
    code: 'health-hazard-licence',
    nameTh: 'ขอรับใบอนุญาตประกอบกิจการที่เป็นอันตรายต่อสุขภาพ',
    nameEn: 'Licence for a business hazardous to health (new)',
    descriptionTh: 'ขออนุญาตประกอบกิจการที่เป็นอันตรายต่อสุขภาพตามข้อบัญญัติท้องถิ่น',
    descriptionEn: 'Licence for a business the local ordinance lists as hazardous to health.',
    agencyType: 'local',
    slaDays: 30,
    feeThb: 0,
    fee: ASSESSED_LOCAL,
    requiresDistrict: true,
    requiredDocuments: [idCard(), houseReg(), premisesProof(), mapDoc()],
    fields: [
      businessName(),
      field('businessKind', 'singlevaluelist', true, 'ประเภทกิจการ', 'Kind of business', {
        values: healthHazardTypes,
      }),
      areaSqm(),
      premises(),
      phone(),
    ],
    source: `${PUBLIC_HEALTH}, sections 31–33 and 56 (decision within 30 days); ${MANUAL}`,
  },
  {
    code: 'health-hazard-licence-renewal',
    nameTh: 'ขอต่ออายุใบอนุญาตประกอบกิจการที่เป็นอันตรายต่อสุขภาพ',
    nameEn: 'Licence for a business hazardous to health (renewal)',
    descriptionTh: 'ต่ออายุใบอนุญาตก่อนใบอนุญาตเดิมสิ้นอายุ',
    descriptionEn: 'Renew the licence before the current one expires.',
    agencyType: 'local',
    slaDays: 30,
    feeThb: 0,
    fee: ASSESSED_LOCAL,
    requiresDistrict: true,
    requiredDocuments: [idCard(), doc('current-licence', 'ใบอนุญาตฉบับเดิม', 'Current licence')],
    fields: [
      licenceNo(),
      field('expiresOn', 'string', true, 'วันที่ใบอนุญาตเดิมสิ้นอายุ', 'Expiry of the current licence', {
        format: 'date',
        example: '2026-12-31',
      }),
      phone(),
    ],
    source: `${PUBLIC_HEALTH}, sections 56–57 (apply before expiry; decision within 30 days); ${MANUAL}`,
  },
  {
    code: 'food-premises-licence',
    nameTh: 'ขอรับใบอนุญาตจัดตั้งสถานที่จำหน่ายอาหารหรือสถานที่สะสมอาหาร (พื้นที่เกิน 200 ตารางเมตร)',
    nameEn: 'Licence for food sale or storage premises (over 200 m²)',
    descriptionTh: 'ขออนุญาตจัดตั้งร้านอาหารหรือสถานที่สะสมอาหารที่มีพื้นที่เกิน 200 ตารางเมตร',
    descriptionEn: 'Licence for a restaurant or food store larger than 200 m².',
    agencyType: 'local',
    slaDays: 30,
    feeThb: 0,
    fee: ASSESSED_LOCAL,
    requiresDistrict: true,
    requiredDocuments: [
      idCard(),
      premisesProof(),
      mapDoc(),
      doc('health-certificate', 'ใบรับรองแพทย์ผู้สัมผัสอาหาร', 'Medical certificate of food handlers'),
    ],
    fields: [businessName(), areaSqm(), premises(), phone()],
    source: `${PUBLIC_HEALTH}, sections 38 and 48, 56 (decision within 30 days); ${MANUAL}`,
  },
  {
    code: 'food-premises-notice',
    nameTh: 'ขอหนังสือรับรองการแจ้งจัดตั้งสถานที่จำหน่ายอาหารหรือสถานที่สะสมอาหาร (พื้นที่ไม่เกิน 200 ตารางเมตร)',
    nameEn: 'Notification of food sale or storage premises (up to 200 m²)',
    descriptionTh: 'แจ้งจัดตั้งร้านอาหารหรือสถานที่สะสมอาหารขนาดเล็ก และรับหนังสือรับรองการแจ้ง',
    descriptionEn: 'Notify a small restaurant or food store and receive the certificate of notification.',
    agencyType: 'local',
    slaDays: 7,
    feeThb: 0,
    fee: ASSESSED_LOCAL,
    requiresDistrict: true,
    requiredDocuments: [idCard(), premisesProof()],
    fields: [
      businessName(),
      field('areaSqm', 'number', true, 'พื้นที่ประกอบการ (ตร.ม.)', 'Floor area (m²)', { min: 1, max: 200 }),
      premises(),
      phone(),
    ],
    source: `${PUBLIC_HEALTH}, sections 38, 47–48; ${MANUAL}; ${PROVISIONAL_DEADLINE}`,
  },
  {
    code: 'market-licence',
    nameTh: 'ขอรับใบอนุญาตจัดตั้งตลาด',
    nameEn: 'Market licence',
    descriptionTh: 'ขออนุญาตจัดตั้งตลาดตามข้อบัญญัติท้องถิ่นว่าด้วยตลาด',
    descriptionEn: 'Licence to run a market under the local ordinance on markets.',
    agencyType: 'local',
    slaDays: 30,
    feeThb: 0,
    fee: ASSESSED_LOCAL,
    requiresDistrict: true,
    requiredDocuments: [idCard(), premisesProof(), mapDoc(), plans()],
    fields: [
      field('marketName', 'string', true, 'ชื่อตลาด', 'Name of the market', { max: 200 }),
      field('stalls', 'number', true, 'จำนวนแผง', 'Number of stalls', { min: 1, max: 10_000 }),
      field('marketType', 'singlevaluelist', true, 'ประเภทตลาด', 'Kind of market', {
        values: [
          value('permanent', 'ตลาดที่มีโครงสร้างอาคาร', 'Market with a building'),
          value('temporary', 'ตลาดนัด', 'Open-air or periodic market'),
        ],
      }),
      premises(),
      phone(),
    ],
    source: `${PUBLIC_HEALTH}, sections 34–37 and 56 (decision within 30 days); ${MANUAL}`,
  },
  {
    code: 'street-vending-permit',
    nameTh: 'ขอรับใบอนุญาตจำหน่ายสินค้าในที่หรือทางสาธารณะ',
    nameEn: 'Street vending permit',
    descriptionTh: 'ขออนุญาตจำหน่ายสินค้าในที่หรือทางสาธารณะ ในจุดที่ท้องถิ่นกำหนด',
    descriptionEn: 'Permit to sell goods in a public place or street where the local body allows it.',
    agencyType: 'local',
    slaDays: 15,
    feeThb: 0,
    fee: ASSESSED_LOCAL,
    requiresDistrict: true,
    requiredDocuments: [
      idCard(),
      doc('photo', 'รูปถ่ายผู้จำหน่าย', 'Photo of the vendor', 2 * MB, ['image/jpeg', 'image/png']),
    ],
    fields: [
      field('goods', 'string', true, 'สินค้าที่จำหน่าย', 'Goods sold', { max: 200 }),
      field('sellingMethod', 'singlevaluelist', true, 'ลักษณะการจำหน่าย', 'How', {
        values: [value('fixed', 'จำหน่ายประจำที่', 'At a fixed spot'), value('mobile', 'เร่ขาย', 'Moving')],
      }),
      field('spot', 'string', false, 'พิกัดจุดจำหน่าย (ละติจูด,ลองจิจูด)', 'Selling spot (lat,lon)', {
        format: 'location',
        example: '13.361,100.984',
      }),
      phone(),
    ],
    source: `${PUBLIC_HEALTH}, sections 41 and 56; ${MANUAL}; ${PROVISIONAL_DEADLINE}`,
  },
  {
    code: 'building-alteration-permit',
    nameTh: 'ขออนุญาตดัดแปลงอาคาร (ข.1)',
    nameEn: 'Building alteration permit',
    descriptionTh: 'ขออนุญาตดัดแปลงอาคารต่อเจ้าพนักงานท้องถิ่น',
    descriptionEn: 'Permission from the local official to alter a building.',
    agencyType: 'local',
    slaDays: 45,
    feeThb: 0,
    fee: BUILDING_FEE,
    requiresDistrict: true,
    requiredDocuments: [
      plans(),
      titleDeed(),
      doc('current-permit', 'ใบอนุญาตก่อสร้างเดิม', 'Original building permit'),
    ],
    fields: [
      field('alteration', 'text', true, 'รายการดัดแปลง', 'What is altered', { max: 2000 }),
      field('floors', 'number', true, 'จำนวนชั้นหลังดัดแปลง', 'Floors after alteration', { min: 1, max: 200 }),
      field('floorAreaSqm', 'number', true, 'พื้นที่อาคาร (ตร.ม.)', 'Floor area (m²)', {
        min: 1,
        max: 1_000_000,
      }),
    ],
    source: `${BUILDING_CONTROL}, sections 21 and 25 (decision within 45 days); ${MANUAL}`,
  },
  {
    code: 'building-demolition-permit',
    nameTh: 'ขออนุญาตรื้อถอนอาคาร (ข.1)',
    nameEn: 'Building demolition permit',
    descriptionTh: 'ขออนุญาตรื้อถอนอาคารต่อเจ้าพนักงานท้องถิ่น',
    descriptionEn: 'Permission from the local official to demolish a building.',
    agencyType: 'local',
    slaDays: 45,
    feeThb: 0,
    fee: BUILDING_FEE,
    requiresDistrict: true,
    requiredDocuments: [
      doc('demolition-plan', 'แผนผังและวิธีการรื้อถอน', 'Demolition plan and method', 20 * MB, [
        'application/pdf',
      ]),
      titleDeed(),
    ],
    fields: [
      field('floors', 'number', true, 'จำนวนชั้นของอาคาร', 'Floors of the building', { min: 1, max: 200 }),
      field(
        'distanceToPublicM',
        'number',
        true,
        'ระยะห่างจากที่สาธารณะ (เมตร)',
        'Distance to public space (m)',
        {
          min: 0,
          max: 10_000,
        },
      ),
    ],
    source: `${BUILDING_CONTROL}, sections 22 and 25 (decision within 45 days); ${MANUAL}`,
  },
  {
    code: 'building-relocation-permit',
    nameTh: 'ขออนุญาตเคลื่อนย้ายอาคาร (ข.1)',
    nameEn: 'Building relocation permit',
    descriptionTh: 'ขออนุญาตเคลื่อนย้ายอาคารต่อเจ้าพนักงานท้องถิ่น',
    descriptionEn: 'Permission from the local official to move a building.',
    agencyType: 'local',
    slaDays: 45,
    feeThb: 0,
    fee: BUILDING_FEE,
    requiresDistrict: true,
    requiredDocuments: [plans(), titleDeed()],
    fields: [
      field('newLocation', 'string', true, 'ที่ตั้งใหม่ (ละติจูด,ลองจิจูด)', 'New location (lat,lon)', {
        format: 'location',
        example: '13.361,100.984',
      }),
      field('floorAreaSqm', 'number', true, 'พื้นที่อาคาร (ตร.ม.)', 'Floor area (m²)', {
        min: 1,
        max: 1_000_000,
      }),
    ],
    source: `${BUILDING_CONTROL}, sections 23 and 25 (decision within 45 days); ${MANUAL}`,
  },
  {
    code: 'building-permit-renewal',
    nameTh: 'ขอต่ออายุใบอนุญาตก่อสร้าง ดัดแปลง รื้อถอน หรือเคลื่อนย้ายอาคาร',
    nameEn: 'Renewal of a building permit',
    descriptionTh: 'ขอต่ออายุใบอนุญาตก่อนใบอนุญาตสิ้นอายุ เมื่อยังดำเนินการไม่แล้วเสร็จ',
    descriptionEn: 'Renew a building permit before it expires when the work is not finished.',
    agencyType: 'local',
    slaDays: 15,
    feeThb: 0,
    fee: BUILDING_FEE,
    requiresDistrict: true,
    requiredDocuments: [doc('current-permit', 'ใบอนุญาตฉบับเดิม', 'Current permit')],
    fields: [
      licenceNo(),
      field('progressPercent', 'number', true, 'ความคืบหน้าของงาน (ร้อยละ)', 'Work done (%)', {
        min: 0,
        max: 100,
      }),
    ],
    source: `${BUILDING_CONTROL}, section 52 (apply before expiry); ${MANUAL}; ${PROVISIONAL_DEADLINE}`,
  },
  {
    code: 'building-use-certificate',
    nameTh: 'ขอใบรับรองการก่อสร้าง ดัดแปลง หรือเคลื่อนย้ายอาคาร (อ.6)',
    nameEn: 'Certificate of completed construction (Or.6)',
    descriptionTh: 'แจ้งก่อสร้างแล้วเสร็จและขอใบรับรองเพื่อใช้อาคารประเภทควบคุมการใช้',
    descriptionEn: 'Report completed construction and obtain the certificate to use a controlled building.',
    agencyType: 'local',
    slaDays: 30,
    feeThb: 0,
    fee: BUILDING_FEE,
    requiresDistrict: true,
    requiredDocuments: [
      doc('current-permit', 'ใบอนุญาตก่อสร้าง', 'Building permit'),
      doc('inspection-report', 'รายงานการตรวจสอบของผู้ควบคุมงาน', 'Site supervisor’s inspection report'),
    ],
    fields: [
      licenceNo(),
      field('completedOn', 'string', true, 'วันที่ก่อสร้างแล้วเสร็จ', 'Date completed', {
        format: 'date',
        example: '2026-10-31',
        past: true,
      }),
    ],
    source: `${BUILDING_CONTROL}, section 32 (inspection and certificate within 30 days); ${MANUAL}`,
  },
  {
    code: 'excavation-filling-notice',
    nameTh: 'การแจ้งการขุดดินหรือถมดิน',
    nameEn: 'Notice of excavation or land filling',
    descriptionTh: 'แจ้งการขุดดินหรือถมดินที่มีขนาดตามที่กฎหมายกำหนด ต่อเจ้าพนักงานท้องถิ่น',
    descriptionEn: 'Notify the local official of excavation or filling of the size the Act covers.',
    agencyType: 'local',
    slaDays: 7,
    feeThb: 0,
    fee: ASSESSED_LOCAL,
    requiresDistrict: true,
    requiredDocuments: [titleDeed(), plans()],
    fields: [
      field('work', 'singlevaluelist', true, 'ประเภทงาน', 'Work', {
        values: [value('excavation', 'ขุดดิน', 'Excavation'), value('filling', 'ถมดิน', 'Land filling')],
      }),
      field('areaSqm', 'number', true, 'พื้นที่ (ตร.ม.)', 'Area (m²)', { min: 1, max: 10_000_000 }),
      field('depthOrHeightM', 'number', true, 'ความลึกหรือความสูง (เมตร)', 'Depth or height (m)', {
        min: 0,
        max: 100,
      }),
      field('startOn', 'string', true, 'วันเริ่มงาน', 'Start date', { format: 'date', example: '2026-12-01' }),
    ],
    source: `พระราชบัญญัติการขุดดินและถมดิน พ.ศ. 2543 (Excavation and Land Filling Act B.E. 2543), sections 17 and 26; ${MANUAL}; ${PROVISIONAL_DEADLINE}`,
  },
  {
    code: 'waste-collection-licence',
    nameTh: 'ขอรับใบอนุญาตประกอบกิจการรับทำการเก็บ ขน หรือกำจัดสิ่งปฏิกูลหรือมูลฝอย',
    nameEn: 'Licence to collect, transport or dispose of waste',
    descriptionTh: 'ขออนุญาตประกอบกิจการเก็บ ขน หรือกำจัดสิ่งปฏิกูลหรือมูลฝอย โดยทำเป็นธุรกิจ',
    descriptionEn: 'Licence to run a business collecting, transporting or disposing of waste or sewage.',
    agencyType: 'local',
    slaDays: 30,
    feeThb: 0,
    fee: ASSESSED_LOCAL,
    requiresDistrict: true,
    requiredDocuments: [
      idCard(),
      doc('vehicle-registration', 'สำเนาทะเบียนรถเก็บขน', 'Registration of the collection vehicles'),
      doc('disposal-site', 'หลักฐานสถานที่กำจัด', 'Proof of the disposal site'),
    ],
    fields: [
      businessName(),
      field('wasteKind', 'multivaluelist', true, 'ประเภทสิ่งปฏิกูลหรือมูลฝอย', 'Kind of waste', {
        values: [
          value('general', 'มูลฝอยทั่วไป', 'General waste'),
          value('sewage', 'สิ่งปฏิกูล (สิ่งขับถ่าย)', 'Sewage'),
          value('infectious', 'มูลฝอยติดเชื้อ', 'Infectious waste'),
        ],
      }),
      field('vehicles', 'number', true, 'จำนวนรถ', 'Number of vehicles', { min: 0, max: 10_000 }),
      phone(),
    ],
    source: `${PUBLIC_HEALTH}, sections 19–20 and 56 (decision within 30 days); ${MANUAL}`,
  },
  {
    code: 'disability-allowance',
    nameTh: 'ลงทะเบียนรับเงินเบี้ยความพิการ',
    nameEn: 'Disability allowance registration',
    descriptionTh: 'ลงทะเบียนขอรับเงินเบี้ยความพิการ ณ องค์กรปกครองส่วนท้องถิ่นที่มีภูมิลำเนา',
    descriptionEn: 'Register for the disability allowance with the local government where you live.',
    agencyType: 'local',
    slaDays: 15,
    feeThb: 0,
    fee: NO_FEE,
    requiresDistrict: true,
    requiredDocuments: [
      doc('disability-card-copy', 'สำเนาบัตรประจำตัวคนพิการ', 'Copy of the disability card', 2 * MB),
      houseReg(),
    ],
    fields: [
      field(
        'disabilityCardNo',
        'string',
        true,
        'เลขบัตรประจำตัวคนพิการ (13 หลัก)',
        'Disability card number (13 digits)',
        {
          format: 'pattern',
          pattern: '\\d{13}',
          example: '1101700230708',
        },
      ),
      ...allowancePaymentFields(),
    ],
    rules: [...ALLOWANCE_PAYMENT_RULES],
    source: `ระเบียบกระทรวงมหาดไทยว่าด้วยหลักเกณฑ์การจ่ายเงินเบี้ยความพิการให้คนพิการขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2553 (MOI regulation on the disability allowance, 2010); ${MANUAL}; ${PROVISIONAL_DEADLINE}`,
  },
  {
    code: 'signboard-tax',
    nameTh: 'การชำระภาษีป้าย',
    nameEn: 'Signboard tax',
    descriptionTh: 'ยื่นแบบแสดงรายการภาษีป้าย (ภ.ป.1) และชำระภาษีป้ายประจำปี',
    descriptionEn: 'Declare signboards (Por.Por.1) and pay the yearly signboard tax.',
    agencyType: 'local',
    slaDays: 15,
    feeThb: 0,
    fee: {
      model: 'formula',
      formula:
        'for each sign: its area in cm² divided by 500 (rounded up), times the rate for its kind (Thai only; Thai with other languages; no Thai or Thai below other languages), at least the minimum per sign: provisional',
      source:
        'พระราชบัญญัติภาษีป้าย พ.ศ. 2510 (Signboard Tax Act B.E. 2510), section 18; กฎกระทรวงกำหนดอัตราภาษีป้าย พ.ศ. 2563',
    },
    requiresDistrict: true,
    requiredDocuments: [
      doc('sign-photo', 'ภาพถ่ายป้าย', 'Photo of each sign', 5 * MB, [
        'image/jpeg',
        'image/png',
        'application/pdf',
      ]),
    ],
    fields: [
      field('signKind', 'singlevaluelist', true, 'ประเภทป้าย', 'Kind of sign', {
        values: [
          value('thai-only', 'อักษรไทยล้วน', 'Thai script only'),
          value('thai-and-other', 'อักษรไทยปนอักษรต่างประเทศ/ภาพ', 'Thai with foreign script or images'),
          value(
            'no-thai-or-below',
            'ไม่มีอักษรไทย หรืออักษรไทยอยู่ใต้อักษรต่างประเทศ',
            'No Thai, or Thai below foreign script',
          ),
        ],
      }),
      field('widthCm', 'number', true, 'ความกว้าง (ซม.)', 'Width (cm)', { min: 1, max: 100_000 }),
      field('heightCm', 'number', true, 'ความยาว/สูง (ซม.)', 'Height (cm)', { min: 1, max: 100_000 }),
      field('taxYear', 'number', true, 'ปีภาษี (พ.ศ.)', 'Tax year (BE)', { min: 2560, max: 2643 }),
    ],
    source:
      'พระราชบัญญัติภาษีป้าย พ.ศ. 2510 (Signboard Tax Act B.E. 2510), sections 7, 8 and 12 (declare by the end of March); local manuals; deadline: provisional',
  },
  {
    code: 'loudspeaker-advertising-permit',
    nameTh: 'ขออนุญาตโฆษณาโดยใช้เครื่องขยายเสียง',
    nameEn: 'Permit to advertise with a loudspeaker',
    descriptionTh: 'ขออนุญาตใช้เครื่องขยายเสียงเพื่อการโฆษณา ทั้งแบบประจำที่และเคลื่อนที่',
    descriptionEn: 'Permission to advertise with a loudspeaker, fixed or moving.',
    agencyType: 'local',
    slaDays: 1,
    feeThb: 0,
    fee: ASSESSED_LOCAL,
    requiresDistrict: true,
    requiredDocuments: [idCard()],
    fields: [
      field('mode', 'singlevaluelist', true, 'ลักษณะการโฆษณา', 'How', {
        values: [value('fixed', 'ประจำที่', 'Fixed'), value('moving', 'เคลื่อนที่', 'Moving')],
      }),
      field('startOn', 'string', true, 'วันเริ่ม', 'First day', { format: 'date', example: '2026-12-01' }),
      field('days', 'number', true, 'จำนวนวัน', 'Number of days', { min: 1, max: 30 }),
      field('message', 'text', true, 'ข้อความโฆษณา', 'What is announced', { max: 1000 }),
    ],
    source: `พระราชบัญญัติควบคุมการโฆษณาโดยใช้เครื่องขยายเสียง พ.ศ. 2493 (Loudspeaker Advertising Control Act B.E. 2493), section 4; ${MANUAL}; ${PROVISIONAL_DEADLINE}`,
  },
  {
    code: 'water-supply-connection',
    nameTh: 'ขอติดตั้งมาตรวัดน้ำประปา (กิจการประปาของท้องถิ่น)',
    nameEn: 'Water supply connection (local waterworks)',
    descriptionTh: 'ขอติดตั้งมาตรวัดน้ำประปาจากกิจการประปาที่องค์กรปกครองส่วนท้องถิ่นดำเนินการ',
    descriptionEn: 'Connection to a waterworks the local government runs, with a meter.',
    agencyType: 'local',
    slaDays: 15,
    feeThb: 0,
    fee: ASSESSED_LOCAL,
    requiresDistrict: true,
    requiredDocuments: [idCard(), houseReg()],
    fields: [
      field('meterSize', 'singlevaluelist', true, 'ขนาดมาตรวัด', 'Meter size', {
        values: [
          value('half-inch', '1/2 นิ้ว', '½ inch'),
          value('three-quarter-inch', '3/4 นิ้ว', '¾ inch'),
          value('one-inch', '1 นิ้ว', '1 inch'),
        ],
      }),
      field('use', 'singlevaluelist', true, 'ประเภทการใช้น้ำ', 'Use', {
        values: [value('household', 'ที่อยู่อาศัย', 'Household'), value('business', 'ธุรกิจ', 'Business')],
      }),
      phone(),
    ],
    source: `Local waterworks ordinance (ข้อบัญญัติท้องถิ่นว่าด้วยกิจการประปา) under the Determining Plans and Process of Decentralization Act B.E. 2542; ${MANUAL}; ${PROVISIONAL_DEADLINE}`,
  },
  {
    code: 'official-information-request',
    nameTh: 'ขอข้อมูลข่าวสารของราชการ',
    nameEn: 'Request for official information',
    descriptionTh: 'ขอดูหรือขอสำเนาข้อมูลข่าวสารของราชการที่อยู่ในความครอบครองของหน่วยงาน',
    descriptionEn: 'Ask to see or copy official information an agency holds.',
    agencyType: 'local',
    slaDays: 15,
    feeThb: 0,
    fee: {
      model: 'assessed',
      formula: 'copying fees at the rates the agency announces',
      source: 'พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540, section 9 (fees for copies)',
    },
    requiresDistrict: true,
    requiredDocuments: [],
    fields: [
      field('information', 'text', true, 'ข้อมูลข่าวสารที่ขอ', 'Information asked for', { min: 5, max: 2000 }),
      field('form', 'singlevaluelist', true, 'รูปแบบที่ต้องการ', 'Form wanted', {
        values: [
          value('inspect', 'ขอตรวจดู', 'To inspect'),
          value('copy', 'ขอสำเนา', 'A copy'),
          value('certified-copy', 'ขอสำเนาที่มีคำรับรองถูกต้อง', 'A certified copy'),
        ],
      }),
      field('email', 'string', false, 'อีเมลสำหรับรับข้อมูล', 'Email to receive it', {
        format: 'email',
        example: 'somchai@example.go.th',
      }),
    ],
    source:
      'พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540 (Official Information Act B.E. 2540), section 11 (within a reasonable time; 15 days is the common practice): provisional',
  },
  {
    code: 'pao-hotel-fee-registration',
    nameTh: 'แจ้งรายชื่อโรงแรมเพื่อการเก็บค่าธรรมเนียมบำรุงองค์การบริหารส่วนจังหวัด',
    nameEn: 'Register a hotel for the PAO hotel fee',
    descriptionTh: 'ผู้ประกอบการโรงแรมแจ้งรายละเอียดโรงแรมต่อ อบจ. ก่อนยื่นแบบรายเดือน',
    descriptionEn: 'Hotel operators register their hotel with the PAO before the monthly declarations.',
    agencyType: 'pao',
    slaDays: 5,
    feeThb: 0,
    fee: NO_FEE,
    requiresDistrict: true,
    requiredDocuments: [doc('hotel-licence', 'ใบอนุญาตประกอบธุรกิจโรงแรม', 'Hotel business licence')],
    fields: [
      field('hotelName', 'string', true, 'ชื่อโรงแรม', 'Hotel name', { max: 200 }),
      field(
        'hotelLicenceNo',
        'string',
        true,
        'เลขที่ใบอนุญาตประกอบธุรกิจโรงแรม',
        'Hotel business licence number',
        {
          format: 'pattern',
          pattern: '\\d{1,6}/\\d{4}',
          example: '20/2566',
        },
      ),
      field('rooms', 'number', true, 'จำนวนห้องพัก', 'Rooms', { min: 1, max: 10_000 }),
      premises(),
      phone(),
    ],
    source: `กฎกระทรวงว่าด้วยการเก็บค่าธรรมเนียมบำรุงองค์การบริหารส่วนจังหวัดจากผู้พักในโรงแรม; the PAO ordinance; ${MANUAL}; ${PROVISIONAL_DEADLINE}`,
  },
];
