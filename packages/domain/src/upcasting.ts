/**
 * Old event shapes, for every stream type: what version each event type is written at, and how a
 * stored event of an older version reads in the current shape. The slices declare the upcasters
 * (OrderEventDef.upcasters); the store's readers apply them (the adapters' upcasting store), so a
 * decider, a projection or a view only ever sees the current shape. Only order events have changed shape
 * so far; reservations, claims and the rest are all at version 1.
 */
import { orderEventVersionOf, upcastOrderEventData } from './order/order.js';

/** The schema version an event of this type is written at now (metadata.schemaVersion). */
export const schemaVersionOf = (type: string): number => orderEventVersionOf(type);

interface Stored {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: { readonly schemaVersion: number };
}

/** A stored event in the current shape (the same object when it is current already); its metadata then says the current version. */
export const upcastEvent = <E extends Stored>(e: E): E => {
  const current = schemaVersionOf(e.type);
  const stored = e.metadata.schemaVersion;
  if (stored >= current) return e;
  return { ...e, data: upcastOrderEventData(e.type, stored, e.data), metadata: { ...e.metadata, schemaVersion: current, upcastFrom: stored } };
};
