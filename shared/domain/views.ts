import type { AgencyRequestView, CitizenRequestView, RequestItem } from '../schemas/request.ts';
import { billView } from './bills.ts';
import { noteTh, reasonTh, STATUS_LABELS } from './notes-th.ts';

/** What the citizen may see of their own request: never the full citizen ID or any hash. */
export async function toCitizenView(item: RequestItem): Promise<CitizenRequestView> {
  const bills =
    item.bills && item.bills.length > 0 ? await Promise.all(item.bills.map((b) => billView(b))) : [];
  return {
    requestId: item.requestId,
    serviceCode: item.serviceCode,
    ...(item.serviceVersion !== undefined && { serviceVersion: item.serviceVersion }),
    provinceCode: item.provinceCode,
    ...(item.districtCode !== undefined && { districtCode: item.districtCode }),
    ...(item.subdistrictCode !== undefined && { subdistrictCode: item.subdistrictCode }),
    status: item.status,
    statusLabel: STATUS_LABELS[item.status],
    ...(item.agencyId !== undefined && { agencyId: item.agencyId }),
    applicant: {
      citizenId: item.applicant.citizenIdMasked,
      firstName: item.applicant.firstName,
      lastName: item.applicant.lastName,
      ...(item.applicant.phone && { phone: item.applicant.phone }),
      ...(item.applicant.email && { email: item.applicant.email }),
    },
    details: item.details,
    ...(item.description !== undefined && { description: item.description }),
    ...(item.location && { location: item.location }),
    ...(item.mediaUrl && { mediaUrl: item.mediaUrl }),
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    dueAt: item.dueAt,
    documents: item.documents.map((d) => ({
      documentId: d.documentId,
      type: d.type,
      contentType: d.contentType,
      sizeBytes: d.sizeBytes,
      status: d.status,
      ...(d.reason !== undefined && { reason: d.reason }),
      ...(d.reason !== undefined && reasonTh(d.reason) && { reasonTh: reasonTh(d.reason) }),
    })),
    ...(bills.length > 0 && { bills }),
    history: item.history.map((h) => {
      const th = h.note === undefined ? undefined : noteTh(h.note);
      return th === undefined ? h : { ...h, noteTh: th };
    }),
    ...(item.rating && { rating: item.rating }),
    ...(item.overdue && { overdue: true }),
    ...(item.routingFailedAt && { routingFailed: true }),
    ...(item.channel && { channel: item.channel }),
  };
}

/** What the assigned agency sees: the citizen's view of the filing (the ID still masked). */
export function toAgencyView(item: RequestItem): Promise<AgencyRequestView> {
  return toCitizenView(item);
}
