/**
 * 교환 (단순교환, 불량교환, 오배송교환, 품질교환, 상품교환) of shipped units, each unit at most once.
 * The exchange takes the units back through a pickup of its own (arrival, fees and 완료처리 as any
 * 회수, returns.ts) and ships replacements as a new order — the same product, or another for
 * 상품교환 — placed in the same append; that order goes through 송장입력 and 배송처리 like any other.
 * Both histories name each other's 관리번호.
 */
import { invalid } from '../../errors.js';
import { lineList } from '../format.js';
import type { ExchangeType, LineProduct, LineQuantity, OrderLine } from '../model.js';
import { AFTER_SHIPMENT, EXCHANGE_TYPE_LABELS, quantityOf } from '../model.js';
import { inStatus, lineProduct, lineQuantities, live } from '../rules.js';
import type { EventsOf } from '../slice.js';
import { crossOrderCommand, orderEvent } from '../slice.js';
import { stateOf } from './merge.js';
import { placeOrder } from './placement.js';
import type { ProductQuantities } from './returns.js';
import { newPickup, perProduct } from './returns.js';

export interface ExchangeRequestedData {
  readonly no: number;
  readonly exchangeId: number;
  readonly exchangeType: ExchangeType;
  readonly lines: readonly LineQuantity[];
  /** The pickup that takes the units back, and the replacement order (both absent on exchanges recorded before they existed). */
  readonly pickupId?: number | undefined;
  readonly replacementNo?: number | undefined;
  readonly registerInbound?: boolean | undefined;
  readonly inbound?: ProductQuantities | undefined;
}

export const exchangeEvents = {
  ExchangeRequested: orderEvent<ExchangeRequestedData>({
    label: '교환',
    describe: (d) =>
      `${EXCHANGE_TYPE_LABELS[d.exchangeType]}: ${lineList(d.lines)}${d.replacementNo ? ` / ${d.pickupId}차 회수, 교환주문 관리번호 : ${d.replacementNo}` : ''}${d.registerInbound ? ' / 입고예정 등록' : ''}`,
    evolve: (order, d) => {
      const exchanged = { ...order, exchanges: order.exchanges + 1, exchangeList: [...order.exchangeList, { exchangeId: d.exchangeId, exchangeType: d.exchangeType, lines: d.lines, pickupId: d.pickupId ?? null, replacementNo: d.replacementNo ?? null }] };
      const lines = order.lines.map((l) => {
        const q = quantityOf(d.lines, l.lineId);
        return q === 0 ? l : { ...l, exchanged: l.exchanged + q, ledger: d.pickupId === undefined ? l.ledger : { ...l.ledger, pickedUp: l.ledger.pickedUp + q } };
      });
      if (d.pickupId === undefined) return { ...exchanged, lines };
      const pickup = newPickup({ pickupId: d.pickupId, lines: d.lines, registerInbound: d.registerInbound ?? false }, { exchangeId: d.exchangeId });
      return { ...exchanged, lines, pickups: order.pickups + 1, returnPickups: [...order.returnPickups, pickup] };
    },
  }),
};
export type ExchangeEvent = EventsOf<typeof exchangeEvents>;

/** Shipped units not picked up (an exchange picks up what it takes) and not exchanged before. */
const exchangeable = (l: OrderLine) => Math.min(l.ledger.shipped - l.ledger.pickedUp, l.ledger.shipped - l.exchanged);

export interface ExchangedLine extends LineQuantity {
  /** 상품교환: the product the replacement ships instead (looked up in the catalogue by the caller). */
  readonly product?: LineProduct | undefined;
}

export interface RequestExchangeData {
  readonly exchangeType: ExchangeType;
  readonly lines: readonly ExchangedLine[];
  /** The replacement order's 관리번호 (allocated by the caller, like a copy's). */
  readonly replacementNo: number;
  /** 입고예정 for the units taken back (default: on for the order's first pickup). */
  readonly registerInbound?: boolean | undefined;
}

export const exchangeCommands = {
  RequestExchange: crossOrderCommand<RequestExchangeData>({
    involved: (_no, { data }) => [data.replacementNo],
    decide: (no, { data, metadata }, states) => {
      const order = inStatus(live(stateOf(states, no)), AFTER_SHIPMENT, '교환');
      const lines = lineQuantities(order, data.lines, exchangeable, { code: 'EXCHANGE_EXCEEDS_SHIPPED', what: 'shipped, not picked up and not exchanged before' });
      data.lines.forEach((l, i) => {
        if (l.product && data.exchangeType !== 'product') throw invalid('PRODUCT_NEEDS_PRODUCT_EXCHANGE', 'Only 상품교환 ships another product.', `lines[${i}].productCode`);
      });
      const registerInbound = data.registerInbound ?? order.pickups === 0;
      const exchangeId = order.exchanges + 1;
      const pickupId = order.pickups + 1;
      const replacement = placeOrder.decide(
        {
          data: {
            no: data.replacementNo,
            channel: order.channel,
            paymentMethod: order.paymentMethod,
            paid: true,
            buyer: order.buyer,
            recipient: order.recipient,
            // A replacement is not charged again: no shipping fee, no price.
            shippingFee: 0,
            lines: data.lines.map((l, i) => {
              const source = order.lines.find((x) => x.lineId === l.lineId) as OrderLine;
              const product = l.product ? lineProduct(l.product, `lines[${i}]`) : source;
              return { productCode: product.productCode, productName: product.productName, option: product.option, unitPrice: 0, quantity: l.quantity };
            }),
            replacementOf: { no, exchangeId, exchangeType: data.exchangeType },
          },
          metadata,
        },
        stateOf(states, data.replacementNo),
      );
      const requested = {
        type: 'ExchangeRequested' as const,
        data: { no, exchangeId, exchangeType: data.exchangeType, lines, pickupId, replacementNo: data.replacementNo, registerInbound, inbound: registerInbound ? perProduct(order, lines) : [] },
      };
      return new Map([
        [no, [requested]],
        [data.replacementNo, replacement],
      ]);
    },
  }),
};
