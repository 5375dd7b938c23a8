/**
 * As-of reads, for auditors: an order, its CS 이력 and its raw events as they stood at an instant or
 * at a revision, folded from the order's own events only (no read model knows the past). The instant
 * is compared with when each event was STORED (recordedAt), not the occurredAt its sender claimed: the
 * question is "what did this system show then".
 */
import { z } from 'zod';
import type { PositionCodec, RecordedEvent } from '@oms/adapters';
import type { Carrier } from '@oms/domain';
import type { CsHistoryRow } from '@oms/projections';
import { csHistoryProjectionFor, foldRows } from '@oms/projections';
import type { Principal } from '../auth.js';
import { ACCESS } from '../auth.js';
import { ApiProblem } from '../problem.js';

export const asOfQuery = {
  asOf: z.iso.datetime({ offset: true }).optional().describe('As of this instant (ISO 8601 with offset): only events stored at or before it. Auditors and admins.'),
  revision: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe('As of this revision of the stream (0-based, inclusive). Auditors and admins.'),
};

export type StopPoint = { readonly asOf: string } | { readonly revision: number };

/** The point a read stops at, or null for the order as it is now; refused for roles that may not read the past. */
export const stopPointOf = (query: { readonly asOf?: string | undefined; readonly revision?: number | undefined }, principal: Principal | null): StopPoint | null => {
  if (query.asOf === undefined && query.revision === undefined) return null;
  if (query.asOf !== undefined && query.revision !== undefined) {
    throw new ApiProblem(422, 'AS_OF_CONFLICT', 'asOf or revision, not both', 'Send either asOf or revision.', [{ field: 'revision', message: 'not with asOf' }]);
  }
  if (principal && !(ACCESS.readEvents as readonly string[]).includes(principal.role)) {
    throw new ApiProblem(403, 'FORBIDDEN', 'Not allowed for this role', `Role ${principal.role} may not read an order as of the past; allowed: ${ACCESS.readEvents.join(', ')}.`, [{ field: query.asOf === undefined ? 'revision' : 'asOf', message: 'auditors and admins only' }]);
  }
  return query.asOf !== undefined ? { asOf: new Date(query.asOf).toISOString() } : { revision: query.revision as number };
};

/** The events up to the point (all of them without one). */
export const eventsUpTo = <E extends RecordedEvent<string, unknown, unknown>>(events: readonly E[], point: StopPoint | null): readonly E[] => {
  if (point === null) return events;
  if ('revision' in point) return events.filter((e) => e.streamRevision <= point.revision);
  const at = Date.parse(point.asOf);
  return events.filter((e) => Date.parse(e.recordedAt) <= at);
};

/** The order did not exist yet at that point (or the revision is past its end). */
export const notAtThatPoint = (point: StopPoint, lastRevision: number): ApiProblem =>
  'revision' in point
    ? new ApiProblem(404, 'REVISION_NOT_FOUND', 'No such revision', `The order's stream ends at revision ${lastRevision}.`, [{ field: 'revision', message: `at most ${lastRevision}` }])
    : new ApiProblem(404, 'ORDER_NOT_FOUND', 'Not found', `The order did not exist at ${point.asOf}.`, [{ field: 'asOf', message: 'before the order was placed' }]);

/**
 * CS 이력 as it stood at the point: the cs_history projection's own evolve run over the order's events
 * up to it (entries not yet opened are absent, 완료 not yet given is 미처리), in memory; paged like historyOf.
 */
export const historyAsOf = <P>(events: readonly RecordedEvent<string, unknown, P>[], page: { readonly limit: number; readonly offset: number }, carriers: readonly Carrier[], positions: PositionCodec<P>) => {
  const recorded = events.map((e) => ({ ...e, position: positions.encode(e.position) }));
  const rows = [...foldRows<CsHistoryRow>(csHistoryProjectionFor(carriers), recorded).values()].sort((a, b) => a.stream_revision - b.stream_revision);
  return { rows: rows.slice(page.offset, page.offset + page.limit), total: rows.length };
};
