/** 주문복사 / 주문전체복사 (copy.ts) across orders as given / when / then. */
import { describe, expect, it } from 'vitest';
import { fold } from '../../decider.js';
import { decideAcrossOrders } from '../crossOrderDecider.js';
import type { LineProduct, OrderEvent } from '../order.js';
import { OrderDecider } from '../orderDecider.js';
import { A, BUYER, cmd, ev, given, placed, RECIPIENT } from '../testing/acrossOrders.js';
import { MUG, placedOrder, PLATE, SPOON } from '../testing/fixtures.js';

describe('주문복사 / 주문전체복사 CopyOrder', () => {
  const COPY = 301;
  const source = (): OrderEvent[] => [placed(A, { lines: [{ product: MUG, quantity: 1 }, { product: SPOON, quantity: 2 }] })];
  const copied = (o: { whole: boolean; channel?: string; paid?: boolean; lines: { product: LineProduct; quantity: number }[] }): OrderEvent => ({
    type: 'OrderPlaced',
    data: {
      replacementOf: null,
      no: COPY,
      channel: o.channel ?? '스마트스토어',
      channelOrderNo: `OMS${COPY}`,
      // Checked on its own below; the other fields are checked exactly here.
      channelOrderNoGenerated: expect.any(Boolean) as unknown as boolean,
      paymentMethod: 'card',
      paid: o.paid ?? true,
      buyer: BUYER,
      recipient: RECIPIENT,
      shippingFee: 3000,
      lines: o.lines.map((l, i) => ({ ...l.product, lineId: i + 1, quantity: l.quantity })),
      copiedFrom: { no: A, whole: o.whole },
    },
  });
  const copyRecorded = (whole: boolean, channel = '스마트스토어'): OrderEvent => ({ type: 'OrderCopied', data: { no: A, copyNo: COPY, whole, channel } });

  it('주문복사: a new order from chosen lines, one with another product; the copy names its source, the source names the copy', () => {
    const after = given({ [A]: source() })
      .when(A, cmd.copy({ copyNo: COPY, whole: false, lines: [{ lineId: 2, quantity: 1 }, { lineId: 1, product: PLATE, quantity: 3 }] }))
      .then({
        [A]: [copyRecorded(false)],
        [COPY]: [copied({ whole: false, lines: [{ product: SPOON, quantity: 1 }, { product: PLATE, quantity: 3 }] })],
      });
    const copy = placedOrder(after.get(COPY));
    expect(copy.copiedFrom).toEqual({ no: A, whole: false });
    expect(copy.status).toBe('received');
    expect(copy.lines.map((l) => [l.productCode, l.placedProductCode, l.ledger.ordered])).toEqual([
      ['P-200', 'P-200', 1],
      ['P-300', 'P-300', 3],
    ]);
    expect(placedOrder(after.get(A)).copies).toEqual([COPY]);
  });

  it('주문복사 without lines copies every line with its ordered quantity', () => {
    given({ [A]: source() })
      .when(A, cmd.copy({ copyNo: COPY, whole: false }))
      .then({ [A]: [copyRecorded(false)], [COPY]: [copied({ whole: false, lines: [{ product: MUG, quantity: 1 }, { product: SPOON, quantity: 2 }] })] });
  });

  it('주문전체복사: the same lines under another channel', () => {
    const after = given({ [A]: source() })
      .when(A, cmd.copy({ copyNo: COPY, whole: true, channel: ' G마켓 ' }))
      .then({
        [A]: [copyRecorded(true, 'G마켓')],
        [COPY]: [copied({ whole: true, channel: 'G마켓', lines: [{ product: MUG, quantity: 1 }, { product: SPOON, quantity: 2 }] })],
      });
    expect(placedOrder(after.get(COPY)).channel).toBe('G마켓');
    expect(placedOrder(after.get(COPY)).copiedFrom).toEqual({ no: A, whole: true });
  });

  it('a copy of an order awaiting payment awaits payment too', () => {
    given({ [A]: [placed(A, { paid: false })] })
      .when(A, cmd.copy({ copyNo: COPY, whole: true }))
      .then({ [A]: [copyRecorded(true)], [COPY]: [copied({ whole: true, paid: false, lines: [{ product: MUG, quantity: 1 }, { product: SPOON, quantity: 2 }] })] });
  });

  it('a copy is an order made by hand: its channel order number is generated (channelOrderNoGenerated)', () => {
    const result = decideAcrossOrders(A, cmd.copy({ copyNo: COPY, whole: true }), new Map([[A, fold(OrderDecider, source())]]));
    const [placedEvent] = result.get(COPY) ?? [];
    expect(placedEvent?.type).toBe('OrderPlaced');
    expect(placedEvent?.type === 'OrderPlaced' && placedEvent.data).toMatchObject({ channelOrderNo: `OMS${COPY}`, channelOrderNoGenerated: true });
  });

  it('주문복사 keeps the channel: another channel is refused (CHANNEL_NEEDS_WHOLE_COPY), the same one is fine', () => {
    given({ [A]: source() }).when(A, cmd.copy({ copyNo: COPY, whole: false, channel: 'G마켓' })).thenThrows('CHANNEL_NEEDS_WHOLE_COPY', 'invalid', 'channel');
    given({ [A]: source() })
      .when(A, cmd.copy({ copyNo: COPY, whole: false, channel: ' 스마트스토어 ', lines: [{ lineId: 1 }] }))
      .then({ [A]: [copyRecorded(false)], [COPY]: [copied({ whole: false, lines: [{ product: MUG, quantity: 1 }] })] });
  });

  it('주문전체복사 copies the lines as they are (WHOLE_COPY_KEEPS_LINES)', () => {
    given({ [A]: source() }).when(A, cmd.copy({ copyNo: COPY, whole: true, lines: [{ lineId: 1 }] })).thenThrows('WHOLE_COPY_KEEPS_LINES', 'invalid', 'lines');
  });

  it('the new order must not exist yet', () => {
    given({ [A]: source(), [COPY]: [placed(COPY)] }).when(A, cmd.copy({ copyNo: COPY, whole: true })).thenThrows('ORDER_ALREADY_EXISTS', 'conflict');
    given({ [A]: source() }).when(A, cmd.copy({ copyNo: A, whole: true })).thenThrows('ORDER_ALREADY_EXISTS', 'conflict');
  });

  it('refuses unknown lines and bad quantities, naming the entry', () => {
    given({ [A]: source() }).when(A, cmd.copy({ copyNo: COPY, whole: false, lines: [{ lineId: 1 }, { lineId: 3 }] })).thenThrows('LINE_NOT_FOUND', 'invalid', 'lines[1].lineId');
    given({ [A]: source() }).when(A, cmd.copy({ copyNo: COPY, whole: false, lines: [{ lineId: 1, quantity: 0 }] })).thenThrows('INVALID_QUANTITY', 'invalid', 'lines[0].quantity');
  });

  it('refuses a blank channel for 주문전체복사', () => {
    given({ [A]: source() }).when(A, cmd.copy({ copyNo: COPY, whole: true, channel: '  ' })).thenThrows('FIELD_REQUIRED', 'invalid', 'channel');
  });

  it('refuses a deleted or unknown source', () => {
    given({ [A]: [...source(), ev.deleted(A)] }).when(A, cmd.copy({ copyNo: COPY, whole: true })).thenThrows('ORDER_DELETED', 'conflict');
    given({}).when(A, cmd.copy({ copyNo: COPY, whole: true })).thenThrows('ORDER_NOT_FOUND', 'not_found');
  });
});
