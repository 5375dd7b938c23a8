/**
 * A stand-in for a KurrentDB server, in process, for CI (no KurrentDB server can be installed on
 * these machines). It speaks real gRPC (@grpc/grpc-js, HTTP/2) with the service definitions and
 * message classes that @kurrent/kurrentdb-client itself ships in `generated/` — protoc's output for
 * the server's .proto files, which the 1.3 package does not ship as .proto text — so every byte on
 * the wire is encoded by the client's own protocol code, never by message shapes written here. The
 * client's JS side (appends) and its Rust bridge (reads) both talk to it over a real socket.
 *
 * What it implements, and only as far as KurrentEventStore uses it:
 *  - ServerFeatures.GetSupportedMethods: lists Streams.Append and Streams.Read, and
 *    v2 StreamsService.AppendSession only when started with `multiStreamAppend` (then it reports
 *    version 25.1.0, else 24.10.0), so the client's own feature check decides.
 *  - Streams.Append (v1, client streaming: options, then proposed messages): the four expected-state
 *    modes; a wrong one answered with AppendResp.WrongExpectedVersion as the server does; a retry of
 *    the same ids at the revision they were written after answered with success and no write.
 *  - Streams.Read (v1): a stream (start / end / revision, forwards / backwards, count, stream not
 *    found) and `$all` (start / end / position, inclusive, forwards / backwards, count) with a filter
 *    on stream-name or event-type prefixes or regex.
 *  - v2 StreamsService.AppendSession: all requests checked, then all written in one go, or a
 *    FAILED_PRECONDITION with StreamRevisionConflictErrorDetails; record properties are stored as
 *    the event's JSON metadata (an assumption about 25.1, not verified against a server).
 * Positions: every event gets commit = prepare = a log counter (a real server's are byte offsets
 * and events of one transaction may share a commit position).
 *
 * NOT implemented: authentication and TLS, subscriptions (catch-up and persistent), BatchAppend,
 * deletes and tombstones, stream metadata ($$ streams) and $maxCount/$maxAge, links and projections,
 * system events and `$` streams, filtered-read checkpoints, deadlines, leader election and gossip,
 * AppendRecords (26.1), idempotency on AppendSession, events larger than a real server allows.
 */
import { createRequire } from 'node:module';
import type * as grpcTypes from '@grpc/grpc-js';
import type * as StreamsModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb';
import type * as SharedModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/shared_pb';
import type * as FeaturesModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/serverfeatures_pb';
import type * as StreamsV2Module from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v2/streams/streams_pb';
import type * as ErrorsV2Module from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v2/streams/errors_pb';
import type * as StatusModule from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/status_pb';
import type * as AnyModule from 'google-protobuf/google/protobuf/any_pb';

const require = createRequire(import.meta.url);
type Streams = typeof StreamsModule;
type Shared = typeof SharedModule;
type Features = typeof FeaturesModule;
type StreamsV2 = typeof StreamsV2Module;
type ErrorsV2 = typeof ErrorsV2Module;
type Status = typeof StatusModule;

const grpc = require('@grpc/grpc-js') as typeof grpcTypes;
const generated = (path: string): unknown => require(`@kurrent/kurrentdb-client/generated/kurrentdb/protocols/${path}`);

const pb = generated('v1/streams_pb.js') as Streams;
const shared = generated('v1/shared_pb.js') as Shared;
const features = generated('v1/serverfeatures_pb.js') as Features;
const pb2 = generated('v2/streams/streams_pb.js') as StreamsV2;
const errors2 = generated('v2/streams/errors_pb.js') as ErrorsV2;
const status = generated('v1/status_pb.js') as Status;
const streamsService = (generated('v1/streams_grpc_pb.js') as { StreamsService: grpcTypes.ServiceDefinition }).StreamsService;
const featuresService = (generated('v1/serverfeatures_grpc_pb.js') as { ServerFeaturesService: grpcTypes.ServiceDefinition }).ServerFeaturesService;
const streamsV2Service = (generated('v2/streams/streams_grpc_pb.js') as { StreamsServiceService: grpcTypes.ServiceDefinition }).StreamsServiceService;
const { Any } = require('google-protobuf/google/protobuf/any_pb.js') as typeof AnyModule;

interface StoredEvent {
  readonly id: string;
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
  readonly position: bigint;
  /** Ticks (100 ns) since the Unix epoch, as the server writes `created` (DateTime.ToTicksSinceEpoch). */
  readonly created: bigint;
}
type Expected = 'any' | 'no_stream' | 'stream_exists' | bigint;
type Proposed = Omit<StoredEvent, 'stream' | 'revision' | 'position' | 'created'>;

const TICKS_PER_MS = 10_000n;
const utf8 = (bytes: Uint8Array | string): string => (typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8'));

export interface KurrentStandIn {
  /** kurrentdb://127.0.0.1:<port>?tls=false */
  readonly url: string;
  /** Every event appended, in log order (for tests that look behind the client). */
  readonly log: readonly StoredEvent[];
  close(): Promise<void>;
}

export const startKurrentStandIn = async (options: { multiStreamAppend: boolean }): Promise<KurrentStandIn> => {
  const log: StoredEvent[] = [];
  const streams = new Map<string, StoredEvent[]>();
  const revisionOf = (stream: string): number => (streams.get(stream)?.length ?? 0) - 1;
  const holds = (expected: Expected, current: number): boolean =>
    expected === 'any' || (expected === 'no_stream' && current === -1) || (expected === 'stream_exists' && current >= 0) || (typeof expected === 'bigint' && BigInt(current) === expected);
  const write = (stream: string, events: readonly Proposed[]): StoredEvent[] => {
    const list = streams.get(stream) ?? [];
    const created = BigInt(Date.now()) * TICKS_PER_MS;
    const written: StoredEvent[] = [];
    for (const e of events) {
      const stored: StoredEvent = { ...e, stream, revision: list.length, position: BigInt(log.length + 1), created };
      list.push(stored);
      log.push(stored);
      written.push(stored);
    }
    streams.set(stream, list);
    return written;
  };
  /** The same ids already written right after `expected` (or anywhere consecutively, for any): a retry. */
  const alreadyWritten = (stream: string, expected: Expected, events: readonly Proposed[]): StoredEvent | null => {
    const list = streams.get(stream) ?? [];
    const first = events[0];
    if (!first) return null;
    const start = expected === 'no_stream' ? 0 : typeof expected === 'bigint' ? Number(expected) + 1 : list.findIndex((e) => e.id === first.id);
    if (start < 0 || events.some((e, i) => list[start + i]?.id !== e.id)) return null;
    return list[start + events.length - 1] ?? null;
  };

  const recordedEvent = (e: StoredEvent) => {
    const r = new pb.ReadResp.ReadEvent.RecordedEvent();
    r.setId(new shared.UUID().setString(e.id));
    r.setStreamIdentifier(new shared.StreamIdentifier().setStreamName(Buffer.from(e.stream, 'utf8')));
    r.setStreamRevision(String(e.revision));
    r.setPreparePosition(String(e.position));
    r.setCommitPosition(String(e.position));
    r.getMetadataMap().set('type', e.type).set('content-type', e.contentType).set('created', String(e.created));
    r.setCustomMetadata(e.metadata);
    r.setData(e.data);
    const read = new pb.ReadResp.ReadEvent().setEvent(r).setCommitPosition(String(e.position));
    return new pb.ReadResp().setEvent(read);
  };

  const append: grpcTypes.handleClientStreamingCall<InstanceType<Streams['AppendReq']>, InstanceType<Streams['AppendResp']>> = (call, callback) => {
    let stream = '';
    let expected: Expected = 'any';
    const proposed: Proposed[] = [];
    call.on('data', (req: InstanceType<Streams['AppendReq']>) => {
      const o = req.getOptions();
      if (o) {
        stream = utf8(o.getStreamIdentifier()?.getStreamName_asU8() ?? new Uint8Array());
        expected = o.hasNoStream() ? 'no_stream' : o.hasStreamExists() ? 'stream_exists' : o.hasAny() ? 'any' : BigInt(o.getRevision());
      }
      const m = req.getProposedMessage();
      if (m) {
        const meta = m.getMetadataMap();
        proposed.push({ id: m.getId()?.getString() ?? '', type: meta.get('type') ?? '', contentType: meta.get('content-type') ?? '', data: m.getData_asU8(), metadata: m.getCustomMetadata_asU8() });
      }
    });
    call.on('end', () => {
      const resp = new pb.AppendResp();
      const current = revisionOf(stream);
      const retried = alreadyWritten(stream, expected, proposed);
      if (!retried && !holds(expected, current)) {
        const wrong = new pb.AppendResp.WrongExpectedVersion();
        if (current < 0) wrong.setCurrentNoStream(new shared.Empty());
        else wrong.setCurrentRevision(String(current));
        if (expected === 'any') wrong.setExpectedAny(new shared.Empty());
        else if (expected === 'no_stream') wrong.setExpectedNoStream(new shared.Empty());
        else if (expected === 'stream_exists') wrong.setExpectedStreamExists(new shared.Empty());
        else wrong.setExpectedRevision(String(expected));
        callback(null, resp.setWrongExpectedVersion(wrong));
        return;
      }
      const last = retried ?? write(stream, proposed).at(-1);
      const success = new pb.AppendResp.Success();
      if (last) {
        success.setCurrentRevision(String(last.revision));
        success.setPosition(new pb.AppendResp.Position().setCommitPosition(String(last.position)).setPreparePosition(String(last.position)));
      } else {
        if (current < 0) success.setCurrentRevision('0');
        else success.setCurrentRevision(String(current));
        success.setNoPosition(new shared.Empty());
      }
      callback(null, resp.setSuccess(success));
    });
  };

  const read: grpcTypes.handleServerStreamingCall<InstanceType<Streams['ReadReq']>, InstanceType<Streams['ReadResp']>> = (call) => {
    const o = call.request.getOptions();
    const backwards = o?.getReadDirection() === pb.ReadReq.Options.ReadDirection.BACKWARDS;
    const count = Number(o?.getCount() ?? '0') || Number.MAX_SAFE_INTEGER;
    let events: StoredEvent[];
    if (o?.hasStream()) {
      const s = o.getStream();
      const name = utf8(s?.getStreamIdentifier()?.getStreamName_asU8() ?? new Uint8Array());
      const list = streams.get(name);
      if (!list) {
        call.write(new pb.ReadResp().setStreamNotFound(new pb.ReadResp.StreamNotFound().setStreamIdentifier(new shared.StreamIdentifier().setStreamName(Buffer.from(name, 'utf8')))));
        call.end();
        return;
      }
      const from = s?.hasStart() ? (backwards ? -1 : 0) : s?.hasEnd() ? (backwards ? list.length - 1 : list.length) : Number(s?.getRevision() ?? '0');
      events = backwards ? list.slice(0, Math.min(from, list.length - 1) + 1).reverse() : list.slice(from);
    } else {
      const a = o?.getAll();
      const at = a?.hasPosition() ? BigInt(a.getPosition()?.getCommitPosition() ?? '0') : a?.hasEnd() ? BigInt(log.length + 1) : 0n;
      events = backwards ? log.filter((e) => e.position <= at).reverse() : log.filter((e) => e.position >= at);
      const f = o?.hasFilter() ? o.getFilter() : undefined;
      if (f) {
        const expression = f.hasStreamIdentifier() ? f.getStreamIdentifier() : f.getEventType();
        const prefixes = expression?.getPrefixList() ?? [];
        const regex = expression?.getRegex() ? new RegExp(expression.getRegex()) : null;
        const matches = (value: string) => (prefixes.length === 0 || prefixes.some((p) => value.startsWith(p))) && (!regex || regex.test(value));
        events = events.filter((e) => matches(f.hasStreamIdentifier() ? e.stream : e.type));
      }
    }
    for (const e of events.slice(0, count)) call.write(recordedEvent(e));
    call.end();
  };

  const appendSession: grpcTypes.handleClientStreamingCall<InstanceType<StreamsV2['AppendRequest']>, InstanceType<StreamsV2['AppendSessionResponse']>> = (call, callback) => {
    const requests: { stream: string; expected: Expected; records: Proposed[] }[] = [];
    call.on('data', (req: InstanceType<StreamsV2['AppendRequest']>) => {
      const wire = BigInt(req.getExpectedRevision() ?? '-2');
      const expected: Expected = wire === -2n ? 'any' : wire === -1n ? 'no_stream' : wire === -4n ? 'stream_exists' : wire;
      const records = req.getRecordsList().map((r) => {
        const properties: Record<string, string> = {};
        r.getPropertiesMap().forEach((value, key) => (properties[key] = value.getStringValue()));
        return { id: r.getRecordId() ?? '', type: r.getSchema()?.getName() ?? '', contentType: 'application/json', data: r.getData_asU8(), metadata: Buffer.from(JSON.stringify(properties), 'utf8') };
      });
      requests.push({ stream: req.getStream(), expected, records });
    });
    call.on('end', () => {
      for (const r of requests) {
        const current = revisionOf(r.stream);
        if (holds(r.expected, current)) continue;
        const wire = r.expected === 'any' ? '-2' : r.expected === 'no_stream' ? '-1' : r.expected === 'stream_exists' ? '-4' : String(r.expected);
        const details = new errors2.StreamRevisionConflictErrorDetails().setStream(r.stream).setExpectedRevision(wire).setActualRevision(String(current));
        const any = new Any();
        any.pack(details.serializeBinary(), 'kurrentdb.protocol.v2.streams.errors.StreamRevisionConflictErrorDetails');
        const metadata = new grpc.Metadata();
        const message = `Stream ${r.stream}: expected ${wire}, actual ${current}`;
        metadata.set('grpc-status-details-bin', Buffer.from(new status.Status().setCode(grpc.status.FAILED_PRECONDITION as number).setMessage(message).setDetails(any).serializeBinary()));
        callback({ code: grpc.status.FAILED_PRECONDITION, details: message, metadata });
        return;
      }
      const response = new pb2.AppendSessionResponse();
      let position = 0n;
      for (const r of requests) {
        const last = write(r.stream, r.records).at(-1);
        if (last) position = last.position;
        response.addOutput(new pb2.AppendResponse().setStream(r.stream).setStreamRevision(String(revisionOf(r.stream))));
      }
      callback(null, response.setPosition(String(position)));
    });
  };

  const supportedMethods: grpcTypes.handleUnaryCall<unknown, InstanceType<Features['SupportedMethods']>> = (_call, callback) => {
    const methods = [
      ['event_store.client.streams.streams', 'append'],
      ['event_store.client.streams.streams', 'read'],
      ...(options.multiStreamAppend ? [['kurrentdb.protocol.v2.streams.streamsservice', 'appendsession']] : []),
    ].map(([service, method]) => new features.SupportedMethod().setServiceName(service as string).setMethodName(method as string));
    callback(null, new features.SupportedMethods().setMethodsList(methods).setEventStoreServerVersion(options.multiStreamAppend ? '25.1.0' : '24.10.0'));
  };

  const server = new grpc.Server();
  server.addService(featuresService, { getSupportedMethods: supportedMethods });
  server.addService(streamsService, { append, read });
  if (options.multiStreamAppend) server.addService(streamsV2Service, { appendSession });
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  return {
    url: `kurrentdb://127.0.0.1:${port}?tls=false`,
    log,
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
};
