/** 주문복사 / 주문전체복사: a new order naming its source; both orders are appended to in one append. */
import { invalid } from '../../errors.js';
import type { LineProduct } from '../model.js';
import { live, nonBlank, positiveQuantity } from '../rules.js';
import type { EventsOf } from '../slice.js';
import { crossOrderCommand, orderEvent } from '../slice.js';
import { stateOf } from './merge.js';
import type { NewOrderLine } from './placement.js';
import { COPY_LABEL, placeOrder, WHOLE_COPY_LABEL } from './placement.js';

export const copyEvents = {
  /** On the source of a 주문복사 / 주문전체복사: names the new order. */
  OrderCopied: orderEvent<{ readonly no: number; readonly copyNo: number; readonly whole: boolean; readonly channel: string }>({
    label: COPY_LABEL,
    labelOf: (d) => (d.whole ? WHOLE_COPY_LABEL : COPY_LABEL),
    describe: (d) => `<복사 주문 관리번호 : ${d.copyNo}>${d.whole ? ` 판매처: ${d.channel}` : ''}`,
    evolve: (order, d) => ({ ...order, copies: [...order.copies, d.copyNo] }),
  }),
};
export type CopyEvent = EventsOf<typeof copyEvents>;

export interface CopiedLine {
  readonly lineId: number;
  readonly quantity?: number | undefined;
  /** 주문복사 may put another product on the line (looked up in the catalogue by the caller). */
  readonly product?: LineProduct | undefined;
}

export interface CopyOrderData {
  readonly copyNo: number;
  readonly whole: boolean;
  readonly channel?: string | undefined;
  readonly lines?: readonly CopiedLine[] | undefined;
}

export const copyCommands = {
  /** 주문복사 (`whole: false`, lines may change product) / 주문전체복사 (`whole: true`, same lines, channel may change). */
  CopyOrder: crossOrderCommand<CopyOrderData>({
    involved: (_no, { data }) => [data.copyNo],
    decide: (no, { data, metadata }, states) => {
      const source = live(stateOf(states, no));
      if (!data.whole && data.channel !== undefined && data.channel.trim() !== source.channel) {
        throw invalid('CHANNEL_NEEDS_WHOLE_COPY', 'Only 주문전체복사 may move the copy to another channel.', 'channel');
      }
      if (data.whole && data.lines !== undefined) throw invalid('WHOLE_COPY_KEEPS_LINES', '주문전체복사 copies the lines as they are; use 주문복사 to change them.', 'lines');
      const channel = data.channel === undefined ? source.channel : nonBlank(data.channel, 'channel');
      const picked: readonly CopiedLine[] = data.lines ?? source.lines.map((l) => ({ lineId: l.lineId }));
      const lines: NewOrderLine[] = picked.map((p, i) => {
        const line = source.lines.find((l) => l.lineId === p.lineId);
        if (!line) throw invalid('LINE_NOT_FOUND', `Order ${no} has no line ${p.lineId}.`, `lines[${i}].lineId`);
        const product = p.product ?? line;
        return {
          productCode: product.productCode,
          productName: product.productName,
          option: product.option,
          unitPrice: product.unitPrice,
          quantity: p.quantity === undefined ? line.ledger.ordered : positiveQuantity(p.quantity, `lines[${i}].quantity`),
        };
      });
      const copy = placeOrder.decide(
        {
          data: {
            no: data.copyNo,
            channel,
            paymentMethod: source.paymentMethod,
            paid: source.status !== 'awaiting_payment',
            buyer: source.buyer,
            recipient: source.recipient,
            shippingFee: source.shippingFee,
            lines,
            copiedFrom: { no, whole: data.whole },
          },
          metadata,
        },
        stateOf(states, data.copyNo),
      );
      return new Map([
        [no, [{ type: 'OrderCopied', data: { no, copyNo: data.copyNo, whole: data.whole, channel } }]],
        [data.copyNo, copy],
      ]);
    },
  }),
};
