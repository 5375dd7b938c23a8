/**
 * An event store whose reads hand out every event in its current shape: each one read (a stream, the
 * log, a lookup by id) goes through `upcast`, the domain's upcasters. Appends pass through untouched —
 * the stored rows are never rewritten. Readers that need the stored bytes (raw events for auditors,
 * the hash chain, exports) use the store underneath.
 */
import type { EventStore, ReadStreamResult, RecordedEvent } from './eventStore.js';

export type Upcast = <E extends RecordedEvent<string, unknown, unknown>>(e: E) => E;

export const upcastingStore = <P>(store: EventStore<P>, upcast: Upcast): EventStore<P> => {
  const all = (read: ReadStreamResult<P>): ReadStreamResult<P> => ({ revision: read.revision, lastHash: read.lastHash, events: read.events.map(upcast) });
  const readStreams = store.readStreams?.bind(store);
  return {
    positions: store.positions,
    readAll: async (options) => (await store.readAll(options)).map(upcast),
    readStream: async (streamId, options) => all(await store.readStream(streamId, options)),
    ...(readStreams ? { readStreams: async (ids: readonly string[]) => new Map([...(await readStreams(ids))].map(([id, read]) => [id, all(read)])) } : {}),
    append: (streamId, events, options) => store.append(streamId, events, options),
    appendMany: (appends) => store.appendMany(appends),
    findEvent: async (id) => {
      const found = await store.findEvent(id);
      return found && upcast(found);
    },
  };
};
