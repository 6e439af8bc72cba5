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
import { laoServices } from './lao-services.ts';

/**
 * The service catalogue. Services, their Thai names and the agency responsible follow the
 * press releases of the Ministry of Interior on OSS (the 22 OSS services of local administrative
 * organisations and the e-services they name: land and building tax, advertising-leaflet
 * permits, the PAO hotel fee, elderly allowance, change of address, new house number).
 *
 * Deadlines (working days), fees and document lists are PROVISIONAL values set by the OSS
 * project: each agency publishes the binding figures in its public service manual
 * (คู่มือสำหรับประชาชน) under the Licensing Facilitation Act B.E. 2558 (2015), which could not be
 * consulted from here. Each service's `source` says so; replace the values from the manual
 * when an agency onboards.
 */
const PROVISIONAL =
  'Service and responsible agency: Ministry of Interior OSS press releases (2021–2025). Deadline, fee and documents: provisional values set by the OSS project, to be confirmed against the agency’s public service manual (Licensing Facilitation Act B.E. 2558).';

const coreServices: readonly Service[] = [
  {
    code: 'complaint',
    nameTh: 'ร้องเรียน/ร้องทุกข์',
    nameEn: 'Complaint or grievance',
    descriptionTh: 'ร้องเรียน ร้องทุกข์ หรือแจ้งเบาะแส ถึงศูนย์ดำรงธรรมจังหวัด',
    descriptionEn: 'File a complaint, grievance or tip-off with the provincial Damrongdhama centre.',
    agencyType: 'damrongdhama',
    slaDays: 15,
    feeThb: 0,
    fee: NO_FEE,
    requiresDistrict: false,
    requiredDocuments: [
      {
        ...doc('photo', 'ภาพถ่ายประกอบ (ถ้ามี)', 'Photo (optional)', 5 * MB, ['image/jpeg', 'image/png']),
        optional: true,
      },
    ],
    fields: [
      field('category', 'singlevaluelist', true, 'ประเภทเรื่อง', 'Category', {
        values: [
          value('road', 'ถนน ทางเท้า', 'Roads and pavements'),
          value('water', 'น้ำประปา ระบายน้ำ', 'Water supply and drainage'),
          value('electricity', 'ไฟฟ้า ไฟส่องสว่าง', 'Electricity and street lights'),
          value('environment', 'สิ่งแวดล้อม ขยะ เสียง', 'Environment, waste and noise'),
          value('misconduct', 'การทุจริตหรือประพฤติมิชอบ', 'Corruption or misconduct'),
          value('public-service', 'การให้บริการของหน่วยงานรัฐ', 'Public service quality'),
          value('other', 'อื่น ๆ', 'Other'),
        ],
      }),
      field('subject', 'string', true, 'เรื่อง', 'Subject', { min: 3, max: 200 }),
      field('incidentAt', 'datetime', false, 'วันเวลาที่เกิดเหตุ', 'When it happened', { past: true }),
    ],
    source: PROVISIONAL,
  },
  {
    code: 'hotel-fee-pao',
    nameTh: 'ชำระค่าธรรมเนียมบำรุงองค์การบริหารส่วนจังหวัดจากผู้เข้าพักโรงแรม',
    nameEn: 'PAO hotel fee (levy on hotel guests)',
    descriptionTh: 'ผู้ประกอบการโรงแรมยื่นแบบและชำระค่าธรรมเนียมบำรุง อบจ. จากผู้เข้าพักโรงแรมรายเดือน',
    descriptionEn: 'Hotel operators declare and pay the monthly PAO levy on hotel guests.',
    agencyType: 'pao',
    slaDays: 5,
    feeThb: 0,
    fee: {
      model: 'formula',
      formula:
        '1 % of the room revenue declared for the month (the rate most PAO ordinances set; the ministerial regulation allows at most 3 %): provisional, per province ordinance',
      calc: { kind: 'rateOfField', field: 'roomRevenueThb', basisPoints: 100 },
      source:
        'พระราชบัญญัติองค์การบริหารส่วนจังหวัด พ.ศ. 2540 มาตรา 65; กฎกระทรวงว่าด้วยการเก็บค่าธรรมเนียมบำรุงองค์การบริหารส่วนจังหวัดจากผู้พักในโรงแรม (ceiling 3 % of room rent); the PAO ordinance (ข้อบัญญัติ อบจ.) sets the rate: 1 % assumed, provisional',
    },
    requiresDistrict: false,
    requiredDocuments: [],
    fields: [
      field('hotelName', 'string', true, 'ชื่อโรงแรม', 'Hotel name', { max: 200 }),
      field(
        'hotelLicenceNo',
        'string',
        true,
        'เลขที่ใบอนุญาตประกอบธุรกิจโรงแรม',
        'Hotel business licence number',
        { max: 50 },
      ),
      field(
        'period',
        'string',
        true,
        'เดือนที่ยื่น (ปปปป-ดด, ค.ศ. หรือ พ.ศ.)',
        'Month declared (YYYY-MM, CE or BE year)',
        {
          format: 'month',
          example: '2026-10',
          past: true,
        },
      ),
      field('guestNights', 'number', true, 'จำนวนคืนที่มีผู้เข้าพัก', 'Guest nights', { min: 0, max: 1_000_000 }),
      field('roomRevenueThb', 'number', true, 'ค่าเช่าห้องพัก (บาท)', 'Room revenue (THB)', {
        min: 0,
        max: 10_000_000_000,
        format: 'money',
      }),
    ],
    source: PROVISIONAL,
  },
  {
    code: 'house-number',
    nameTh: 'ขอเลขที่บ้าน',
    nameEn: 'New house number',
    descriptionTh: 'ขอกำหนดเลขที่บ้านสำหรับบ้านที่ปลูกสร้างใหม่ ต่อนายทะเบียนอำเภอ/เขต',
    descriptionEn: 'Ask the district registrar to assign a house number to a newly built house.',
    agencyType: 'district',
    slaDays: 7,
    feeThb: 0,
    fee: NO_FEE,
    requiresDistrict: true,
    requiredDocuments: [
      doc('building-permit-copy', 'สำเนาใบอนุญาตก่อสร้างอาคาร', 'Copy of the building permit'),
      doc('land-title-copy', 'สำเนาเอกสารสิทธิ์ที่ดิน', 'Copy of the land title deed'),
    ],
    fields: [
      field('buildingType', 'singlevaluelist', true, 'ประเภทอาคาร', 'Building type', {
        values: [
          value('house', 'บ้านเดี่ยว', 'Detached house'),
          value('townhouse', 'ทาวน์เฮาส์', 'Townhouse'),
          value('shophouse', 'อาคารพาณิชย์', 'Shophouse'),
          value('other', 'อื่น ๆ', 'Other'),
        ],
      }),
      field(
        'completedAt',
        'string',
        false,
        'วันที่ก่อสร้างแล้วเสร็จ (ค.ศ. หรือ พ.ศ.)',
        'Date construction finished (CE or BE year)',
        {
          format: 'date',
          example: '2026-10-31',
          past: true,
        },
      ),
    ],
    source: PROVISIONAL,
  },
  {
    code: 'change-of-address',
    nameTh: 'แจ้งย้ายที่อยู่',
    nameEn: 'Change of address',
    descriptionTh: 'แจ้งย้ายเข้า/ย้ายออกจากทะเบียนบ้าน ต่อนายทะเบียนอำเภอ/เขต',
    descriptionEn: 'Register moving into or out of a house registration with the district registrar.',
    agencyType: 'district',
    slaDays: 3,
    feeThb: 0,
    fee: NO_FEE,
    requiresDistrict: true,
    requiredDocuments: [],
    fields: [
      field('moveType', 'singlevaluelist', true, 'ประเภทการย้าย', 'Move', {
        values: [value('in', 'ย้ายเข้า', 'Moving in'), value('out', 'ย้ายออก', 'Moving out')],
      }),
      field('fromAddress', 'text', true, 'ที่อยู่เดิม', 'Previous address', { max: 500 }),
      field('toAddress', 'text', true, 'ที่อยู่ใหม่', 'New address', { max: 500 }),
      field('persons', 'number', true, 'จำนวนผู้ย้าย', 'Number of people moving', { min: 1, max: 20 }),
    ],
    source: PROVISIONAL,
  },
  {
    code: 'elderly-allowance',
    nameTh: 'ลงทะเบียนรับเบี้ยยังชีพผู้สูงอายุ',
    nameEn: 'Elderly allowance registration',
    descriptionTh: 'ลงทะเบียนขอรับเงินเบี้ยยังชีพผู้สูงอายุ ณ องค์กรปกครองส่วนท้องถิ่นที่มีภูมิลำเนา',
    descriptionEn: 'Register for the old-age allowance with the local government where you live.',
    agencyType: 'local',
    slaDays: 15,
    feeThb: 0,
    fee: NO_FEE,
    requiresDistrict: true,
    requiredDocuments: [
      doc('id-card-copy', 'สำเนาบัตรประจำตัวประชาชน', 'Copy of the national ID card', 2 * MB),
      doc('bankbook-copy', 'สำเนาสมุดบัญชีเงินฝากธนาคาร', 'Copy of the bank book', 2 * MB),
    ],
    fields: [
      field(
        'birthDate',
        'string',
        true,
        'วันเกิด (ปปปป-ดด-วว, ค.ศ. หรือ พ.ศ.)',
        'Date of birth (YYYY-MM-DD, CE or BE year)',
        {
          format: 'date',
          example: '2503-05-01',
          past: true,
        },
      ),
      ...allowancePaymentFields(),
    ],
    // Old Age Allowance regulation (ระเบียบกระทรวงมหาดไทย ว่าด้วยหลักเกณฑ์การจ่ายเงินเบี้ยยังชีพผู้สูงอายุ
    // ขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2552): 60 years or older; paid into the applicant's account.
    rules: [{ kind: 'minAge', field: 'birthDate', years: 60 }, ...ALLOWANCE_PAYMENT_RULES],
    source: PROVISIONAL,
  },
  {
    code: 'land-building-tax',
    nameTh: 'ชำระภาษีที่ดินและสิ่งปลูกสร้าง',
    nameEn: 'Land and building tax',
    descriptionTh: 'ตรวจสอบและชำระภาษีที่ดินและสิ่งปลูกสร้างต่อองค์กรปกครองส่วนท้องถิ่น',
    descriptionEn: 'Check and pay land and building tax to the local government.',
    agencyType: 'local',
    slaDays: 5,
    feeThb: 0,
    fee: {
      model: 'formula',
      formula:
        'the local body’s appraisal of the land and buildings, taxed in progressive bands by use (agricultural 0.01–0.1 %, residential 0.02–0.1 % after the main-residence exemption, other 0.3–0.7 %, vacant as other plus 0.3 % per three years vacant, at most 3 %); billed by the local body with its assessment: provisional',
      calc: { kind: 'landBuildingTax' },
      source:
        'พระราชบัญญัติภาษีที่ดินและสิ่งปลูกสร้าง พ.ศ. 2562 (Land and Building Tax Act B.E. 2562), sections 35–41; พระราชกฤษฎีกากำหนดอัตราภาษีที่ดินและสิ่งปลูกสร้าง พ.ศ. 2562 (rates by band): provisional, a local body may set other rates within the Act’s ceilings',
    },
    requiresDistrict: true,
    requiredDocuments: [],
    fields: [
      field('parcelNo', 'string', true, 'เลขที่โฉนด/เอกสารสิทธิ์', 'Title deed number', { max: 50 }),
      field('taxYear', 'number', true, 'ปีภาษี (ค.ศ.)', 'Tax year (CE)', { min: 2020, max: 2100 }),
      field('useType', 'multivaluelist', true, 'การใช้ประโยชน์', 'Use of the land', {
        values: [
          value('residential', 'ที่อยู่อาศัย', 'Residential'),
          value('agricultural', 'เกษตรกรรม', 'Agricultural'),
          value('commercial', 'พาณิชย์/อื่น ๆ', 'Commercial or other'),
          value('vacant', 'ทิ้งไว้ว่างเปล่า', 'Vacant'),
        ],
      }),
    ],
    source: PROVISIONAL,
  },
  {
    code: 'advertising-leaflet-permit',
    nameTh: 'ขออนุญาตโฆษณาด้วยการปิด ทิ้ง หรือโปรยแผ่นประกาศหรือใบปลิว',
    nameEn: 'Permit to post or distribute advertising leaflets',
    descriptionTh: 'ขออนุญาตโฆษณาโดยการปิด ทิ้ง หรือโปรยแผ่นประกาศ ใบปลิว ในที่สาธารณะ',
    descriptionEn: 'Permission to post, leave or distribute advertising leaflets in public places.',
    agencyType: 'local',
    slaDays: 3,
    feeThb: 0,
    fee: ASSESSED_LOCAL,
    requiresDistrict: true,
    requiredDocuments: [doc('leaflet-sample', 'ตัวอย่างแผ่นประกาศหรือใบปลิว', 'Sample of the leaflet', 10 * MB)],
    fields: [
      field('content', 'text', true, 'ข้อความที่โฆษณา', 'Advertising text', { max: 2000 }),
      field('area', 'string', true, 'พื้นที่ที่โฆษณา', 'Where', { max: 300 }),
      field('startAt', 'datetime', true, 'วันเริ่มโฆษณา', 'Start'),
      field('days', 'number', true, 'จำนวนวัน', 'Number of days', { min: 1, max: 60 }),
    ],
    source: PROVISIONAL,
  },
  {
    code: 'building-permit',
    nameTh: 'ขออนุญาตก่อสร้างอาคาร (ข.1)',
    nameEn: 'Building permit',
    descriptionTh: 'ขออนุญาตก่อสร้าง ดัดแปลง หรือรื้อถอนอาคาร ต่อเจ้าพนักงานท้องถิ่น',
    descriptionEn: 'Permission from the local official to build, alter or demolish a building.',
    agencyType: 'local',
    slaDays: 45,
    feeThb: 0,
    fee: BUILDING_FEE,
    requiresDistrict: true,
    requiredDocuments: [
      doc('building-plans', 'แบบแปลนอาคาร', 'Building plans', 20 * MB, ['application/pdf']),
      doc('land-title-copy', 'สำเนาเอกสารสิทธิ์ที่ดิน', 'Copy of the land title deed'),
    ],
    fields: [
      field('buildingUse', 'singlevaluelist', true, 'ประเภทการใช้อาคาร', 'Building use', {
        values: [
          value('residential', 'อยู่อาศัย', 'Residential'),
          value('commercial', 'พาณิชย์', 'Commercial'),
          value('industrial', 'อุตสาหกรรม', 'Industrial'),
          value('other', 'อื่น ๆ', 'Other'),
        ],
      }),
      field('floors', 'number', true, 'จำนวนชั้น', 'Floors', { min: 1, max: 200 }),
      field('floorAreaSqm', 'number', true, 'พื้นที่อาคาร (ตร.ม.)', 'Floor area (m²)', {
        min: 1,
        max: 1_000_000,
      }),
    ],
    source: PROVISIONAL,
  },
];

/** The whole catalogue: the services above, then the local governments' OSS services. */
export const services: readonly Service[] = [...coreServices, ...laoServices];
