/** channel_cancellations evolve: opened by the order's event, marked by the withdrawal and by the claim stream's 확인. */
import { describe, expect, it } from 'vitest';
import type { Recorded } from '../projection.js';
import type { ChannelCancellationsEvent } from './projection.js';
import { channelCancellationsProjection, evolveChannelCancellation } from './projection.js';

let position = 0;
const recorded = <E extends ChannelCancellationsEvent>(type: E['type'], data: E['data'], actor = 'cs.kim'): Recorded<ChannelCancellationsEvent> =>
  ({
    id: `e${position}`,
    streamId: 'x',
    streamRevision: 0,
    type,
    data,
    metadata: { actor, role: 'cs', occurredAt: '2026-12-01T03:00:00.000Z', schemaVersion: 1 },
    position: String(++position).padStart(10, '0'),
    recordedAt: '2026-12-01T03:00:01.000Z',
  }) as Recorded<ChannelCancellationsEvent>;

const key = { channel: '스마트스토어', cancellationId: 'CL-1', no: 100001 };
const received = () =>
  recorded('ChannelCancellationReceived', {
    ...key,
    channelOrderNo: 'SS-1',
    lineId: 1,
    item: { productCode: 'P-1', productName: '머그컵', option: '화이트' },
    quantity: 1,
    kind: 'cancel',
    cancelledAt: '2026-12-01T11:00:00+09:00',
    reason: 'return_refund',
    channelReason: '단순변심',
    orderedQuantity: 2,
    cancelType: 'received_cancel',
    cancelled: 1,
    held: true,
  });

describe('channel_cancellations evolve', () => {
  it('the order\'s event opens the row: 1 of 2 is partial, before shipping, applied here', () => {
    const row = evolveChannelCancellation(null, received());
    expect(row).toMatchObject({ id: '스마트스토어/CL-1', no: 100001, ordered_quantity: 2, cancelled_quantity: 1, applied_quantity: 1, partial: true, before_shipping: true, cancelled_at: '2026-12-01T02:00:00.000Z', received_by: 'cs.kim', confirmed: false, withdrawn_at: null });
    expect(channelCancellationsProjection.keysOf(received())).toEqual(['스마트스토어/CL-1']);
  });

  it('withdrawal and 확인 / 확인취소 mark it; an event at or before the row\'s position changes nothing', () => {
    const opened = evolveChannelCancellation(null, received());
    const withdrawal = recorded('ChannelCancellationWithdrawn', { ...key, lineId: 1, item: { productCode: 'P-1', productName: '머그컵', option: '화이트' }, quantity: 1, withdrawnAt: '2026-12-01T15:00:00+09:00' });
    const withdrawn = evolveChannelCancellation(opened, withdrawal);
    expect(withdrawn?.withdrawn_at).toBe('2026-12-01T06:00:00.000Z');
    expect(evolveChannelCancellation(withdrawn, withdrawal)).toBe(withdrawn);
    const confirmed = evolveChannelCancellation(withdrawn, recorded('ChannelClaimConfirmed', key, 'cs.lee'));
    expect(confirmed).toMatchObject({ confirmed: true, confirmed_by: 'cs.lee', confirmed_at: '2026-12-01T03:00:00.000Z' });
    expect(evolveChannelCancellation(confirmed, recorded('ChannelClaimUnconfirmed', key))).toMatchObject({ confirmed: false, confirmed_by: null, confirmed_at: null });
  });

  it('a pickup answering the claim marks it 처리 with the pickup; a pickup without a claim touches no row', () => {
    const opened = evolveChannelCancellation(null, received());
    expect(opened).toMatchObject({ processed: false, pickup_no: null, pickup_id: null });
    const pickup = recorded('ReturnPickupRequested', { no: 100001, pickupId: 2, lines: [{ lineId: 1, quantity: 1 }], reason: 'return_refund', registerInbound: false, inbound: [], repeated: true, claim: { channel: '스마트스토어', cancellationId: 'CL-1' } });
    expect(channelCancellationsProjection.keysOf(pickup)).toEqual(['스마트스토어/CL-1']);
    const processed = evolveChannelCancellation(opened, pickup);
    expect(processed).toMatchObject({ processed: true, pickup_no: 100001, pickup_id: 2 });
    expect(evolveChannelCancellation(processed, pickup)).toBe(processed);
    expect(channelCancellationsProjection.keysOf(recorded('ReturnPickupRequested', { no: 100001, pickupId: 3, lines: [], reason: 'return_refund', registerInbound: false, inbound: [], repeated: true }))).toEqual([]);
  });

  it('a mark without its row opens none', () => {
    expect(evolveChannelCancellation(null, recorded('ChannelClaimConfirmed', key))).toBeNull();
  });
});
