/**
 * Test support (not exported from the package): realistic order histories made by running commands
 * through the domain's deciders (decideAcrossOrders, so 합포, 주문복사 and 우선순위 append to every
 * order they touch), and an in-memory fold that applies events the way the runner does. Their
 * generator is historyArb.ts.
 */
import type { EventMetadata } from '@oms/adapters';
import type { CsCommand, OrderEvent, OrderState } from '@oms/domain';
import { decideAcrossOrders, DomainError, evolveOrder, initialOrderState, NON_CS_EVENT_TYPES, orderStreamId } from '@oms/domain';
import type { RecordedOrderEvent } from '../projection.js';

/** A command without its metadata; `memo` becomes the metadata's CS memo. */
export type CommandSpec = (CsCommand extends infer C ? (C extends CsCommand ? Omit<C, 'metadata'> : never) : never) & {
  readonly memo?: string | undefined;
};
/**
 * CS 완료 of earlier entries of the same order. Entry ids exist only once the events do, so the
 * entries are picked by position among the order's entries so far (modulo how many there are).
 */
export interface CompleteEarlierEntries {
  readonly type: 'CompleteEarlierEntries';
  readonly picks: readonly number[];
  readonly memo?: string | undefined;
}
export type StepSpec = CommandSpec | CompleteEarlierEntries;
type PlaceOrderData = Extract<CsCommand, { type: 'PlaceOrder' }>['data'];

export interface HistoryEvent {
  readonly no: number;
  /** The event id (the CS 이력 entry id). */
  readonly id: string;
  readonly event: OrderEvent;
  readonly metadata: EventMetadata;
}

const MINUTE = 60_000;

export const fakeId = (no: number, revision: number): string =>
  `00000000-0000-4000-8000-${(no * 1000 + revision).toString(16).padStart(12, '0')}`;

/** When a history starts unless told otherwise. */
export const HISTORY_START = '2026-11-26T01:00:00.000Z';

const opensEntry = (event: OrderEvent): boolean => !NON_CS_EVENT_TYPES.includes(event.type);

/**
 * Runs (order no, command) steps through the deciders, each order from its own state; commands the
 * rules refuse are skipped. Command i happens at `start + i minutes`. Event ids come from `idOf`.
 */
export const runCommands = (
  steps: readonly (readonly [number, StepSpec])[],
  start = HISTORY_START,
  idOf: (no: number, revision: number) => string = fakeId,
): HistoryEvent[] => {
  const states = new Map<number, OrderState>();
  const revisions = new Map<number, number>();
  const entries = new Map<number, string[]>();
  const out: HistoryEvent[] = [];
  steps.forEach(([no, spec], i) => {
    const at = new Date(Date.parse(start) + i * MINUTE).toISOString();
    const actor = i % 2 === 0 ? 'cs.kim' : 'cs.lee';
    const command = commandOf(spec, { actor, role: 'cs', at, memo: spec.memo }, entries.get(no) ?? []);
    if (command === null) return;
    let decided: ReadonlyMap<number, readonly OrderEvent[]>;
    try {
      decided = decideAcrossOrders(no, command, states);
    } catch (err) {
      if (err instanceof DomainError) return;
      throw err;
    }
    const metadata: EventMetadata = { actor, role: 'cs', occurredAt: at, schemaVersion: 1, ...(spec.memo ? { memo: spec.memo } : {}) };
    for (const [orderNo, events] of decided) {
      let state = states.get(orderNo) ?? initialOrderState();
      for (const event of events) {
        const revision = (revisions.get(orderNo) ?? -1) + 1;
        revisions.set(orderNo, revision);
        const id = idOf(orderNo, revision);
        state = evolveOrder(state, event);
        if (opensEntry(event)) entries.set(orderNo, [...(entries.get(orderNo) ?? []), id]);
        out.push({ no: orderNo, id, event, metadata });
      }
      states.set(orderNo, state);
    }
  });
  return out;
};

const commandOf = (spec: StepSpec, metadata: CsCommand['metadata'], entryIds: readonly string[]): CsCommand | null => {
  if (spec.type === 'CompleteEarlierEntries') {
    if (entryIds.length === 0) return null;
    const picked = spec.picks.map((p) => entryIds[p % entryIds.length] ?? '');
    return { type: 'CompleteCsEntries', data: { entryIds: picked }, metadata };
  }
  const { memo: _memo, ...rest } = spec;
  return { ...rest, metadata } as CsCommand;
};

/** Wraps history events in the envelope the runner hands projections (revisions per stream; positions encoded, in order). */
export const recorded = (history: readonly HistoryEvent[]): RecordedOrderEvent[] => {
  const revisions = new Map<number, number>();
  return history.map(({ no, id, event, metadata }, i) => {
    const revision = (revisions.get(no) ?? -1) + 1;
    revisions.set(no, revision);
    const position = String(i + 1).padStart(12, '0');
    return {
      id,
      streamId: orderStreamId(no),
      streamRevision: revision,
      type: event.type,
      data: event.data,
      metadata,
      position,
      recordedAt: new Date(Date.parse(metadata.occurredAt) + 1000).toISOString(),
    } as RecordedOrderEvent;
  });
};

/** The runner's fold, in memory (projection.ts). */
export { foldRows } from '../projection.js';

// ---------------------------------------------------------------------------------------------
// Renaming: the integration tests give generated histories real order numbers and their own products.

/** Every order number a step names (the order it is sent to aside). */
export const orderNosOf = (spec: StepSpec): readonly number[] => {
  switch (spec.type) {
    case 'PlaceOrder':
      return [spec.data.no, ...(spec.data.copiedFrom ? [spec.data.copiedFrom.no] : [])];
    case 'MergeOrder':
      return [spec.data.orderNo];
    case 'CopyOrder':
      return [spec.data.copyNo];
    case 'SetPriority':
      return [...spec.data.holders, ...(spec.data.after === undefined ? [] : [spec.data.after])];
    default:
      return [];
  }
};

/** The step with its order numbers and product codes renamed. */
export const renameStep = (spec: StepSpec, rename: { readonly no: (no: number) => number; readonly productCode: (code: string) => string }): StepSpec => {
  const product = <P extends { readonly productCode: string }>(p: P): P => ({ ...p, productCode: rename.productCode(p.productCode) });
  switch (spec.type) {
    case 'PlaceOrder': {
      const { copiedFrom } = spec.data;
      return {
        ...spec,
        data: {
          ...spec.data,
          no: rename.no(spec.data.no),
          lines: spec.data.lines.map(product),
          ...(copiedFrom ? { copiedFrom: { ...copiedFrom, no: rename.no(copiedFrom.no) } } : {}),
        },
      };
    }
    case 'MergeOrder':
      return { ...spec, data: { orderNo: rename.no(spec.data.orderNo) } };
    case 'CopyOrder': {
      const { lines } = spec.data;
      return {
        ...spec,
        data: {
          ...spec.data,
          copyNo: rename.no(spec.data.copyNo),
          ...(lines ? { lines: lines.map((l) => (l.product ? { ...l, product: product(l.product) } : l)) } : {}),
        },
      };
    }
    case 'SetPriority': {
      const { after } = spec.data;
      return {
        ...spec,
        data: {
          ...spec.data,
          productCode: rename.productCode(spec.data.productCode),
          holders: spec.data.holders.map(rename.no),
          ...(after === undefined ? {} : { after: rename.no(after) }),
        },
      };
    }
    case 'ChangeLineProduct':
      return { ...spec, data: { ...spec.data, product: product(spec.data.product) } };
    case 'AddLine':
      return { ...spec, data: { ...spec.data, product: product(spec.data.product) } };
    default:
      return spec;
  }
};

// ---------------------------------------------------------------------------------------------
// Commands.

export const placeOrder = (no: number, overrides: Partial<PlaceOrderData> = {}): CommandSpec => ({
  type: 'PlaceOrder',
  data: {
    no,
    channel: '11번가 법인',
    channelOrderNo: `ord${no}`,
    paymentMethod: 'card',
    paid: true,
    buyer: { name: '김민수', phone: '02-123-4567', mobile: '010-1234-5678' },
    recipient: { name: '이영희', mobile: '010-9876-5432', zip: '06236', address: '서울특별시 강남구 테헤란로 123', memo: '문 앞에 놓아주세요' },
    shippingFee: 3000,
    lines: [
      { productCode: 'P-100', productName: '카트야로 스텔 냄비', option: '20cm', quantity: 2, unitPrice: 25000 },
      { productCode: 'P-200', productName: '실리콘 주걱', option: '', quantity: 1, unitPrice: 5000 },
    ],
    ...overrides,
  },
});
