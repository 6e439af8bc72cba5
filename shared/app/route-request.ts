import { getRequest } from '../adapters/requests-table.ts';
import { applyTransition } from '../domain/lifecycle.ts';
import { routeRequest } from '../domain/routing.ts';
import type { IntakeMessage } from '../schemas/messages.ts';
import { commitChange } from './commit.ts';
import { dispatchToAgency } from './dispatch.ts';
import { agencyRegistry, referenceData } from './reference.ts';

export type RoutingOutcome = 'routed' | 'redispatched' | 'not-routable' | 'missing';

const MAX_ATTEMPTS = 5;

/**
 * Routes one queued request: SUBMITTED → ROUTED at the responsible agency in one conditional
 * write, then into that agency's queue. Redelivery is safe: a request already ROUTED is only
 * re-sent to its agency (the send may be what failed before), anything else is acknowledged.
 * Throws when the agency send fails, so the message is retried.
 */
export async function routeQueuedRequest(message: IntakeMessage, now = new Date()): Promise<RoutingOutcome> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const item = await getRequest(message.requestId);
    if (!item) return 'missing';
    if (item.status === 'ROUTED' && item.agencyId) {
      await dispatchToAgency(item);
      return 'redispatched';
    }
    if (item.status !== 'SUBMITTED') return 'not-routable';

    const service = referenceData.serviceByCode(item.serviceCode);
    if (!service) throw new Error(`request ${item.requestId} has unknown service ${item.serviceCode}`);
    const decision = routeRequest(
      {
        agencyType: service.agencyType,
        provinceCode: item.provinceCode,
        ...(item.districtCode && { districtCode: item.districtCode }),
        ...(item.subdistrictCode && { subdistrictCode: item.subdistrictCode }),
      },
      agencyRegistry,
    );
    const next = applyTransition(
      item,
      { action: 'route', actor: 'system:router', now, note: decision.note },
      { agencyId: decision.agencyId },
    );
    if (!(await commitChange(item, next))) continue; // changed meanwhile (e.g. cancelled): re-read
    await dispatchToAgency(next);
    return 'routed';
  }
  throw new Error(`request ${message.requestId} kept changing while being routed`);
}
