/** 상품변경 and 상품추가: before the invoice, with a catalogue product (the caller looks it up; decide does no I/O). */
import { conflict } from '../../errors.js';
import { productLabel, won } from '../format.js';
import type { LineProduct, PlacedLine } from '../model.js';
import { activeQuantity, BEFORE_INVOICE, newLine } from '../model.js';
import { inStatus, lineOf, lineProduct, live, notCancelled, positiveQuantity } from '../rules.js';
import type { EventsOf } from '../slice.js';
import { orderCommand, orderEvent } from '../slice.js';

type No = { readonly no: number };

const sameProduct = (a: LineProduct, b: LineProduct): boolean =>
  a.productCode === b.productCode && a.productName === b.productName && a.option === b.option && a.unitPrice === b.unitPrice;

export const lineEditEvents = {
  LineProductChanged: orderEvent<No & { readonly lineId: number; readonly from: LineProduct; readonly to: LineProduct }>({
    label: '상품변경',
    describe: ({ lineId, from, to }) => {
      const price = from.unitPrice === to.unitPrice ? '' : ` / 단가: ${won(from.unitPrice)} → ${won(to.unitPrice)}`;
      return `${lineId}번 상품 ${productLabel(from)} → ${productLabel(to)}${price}`;
    },
    // The line keeps the code it was placed with (placedProductCode); the change is on record.
    evolve: (order, { lineId, to }) => ({ ...order, lines: order.lines.map((l) => (l.lineId === lineId ? { ...l, ...to } : l)) }),
  }),
  LineAdded: orderEvent<No & { readonly line: PlacedLine }>({
    label: '상품추가',
    describe: ({ line }) => `${line.lineId}번 상품 ${productLabel(line)} ${line.quantity}개 (단가 ${won(line.unitPrice)})`,
    evolve: (order, d) => ({ ...order, lines: [...order.lines, newLine(d.line)] }),
  }),
};
export type LineEditEvent = EventsOf<typeof lineEditEvents>;

export const lineEditCommands = {
  ChangeLineProduct: orderCommand<{ readonly lineId: number; readonly product: LineProduct }>(({ data }, state) => {
    const order = inStatus(notCancelled(live(state)), BEFORE_INVOICE, '상품변경');
    const line = lineOf(order, data.lineId);
    if (activeQuantity(line.ledger) === 0) throw conflict('LINE_CANCELLED', `Line ${line.lineId} is cancelled; restore it before changing its product.`, { no: order.no, lineId: line.lineId });
    const to = lineProduct(data.product, 'product');
    const from: LineProduct = { productCode: line.productCode, productName: line.productName, option: line.option, unitPrice: line.unitPrice };
    if (sameProduct(from, to)) return [];
    return [{ type: 'LineProductChanged', data: { no: order.no, lineId: line.lineId, from, to } }];
  }),
  AddLine: orderCommand<{ readonly product: LineProduct; readonly quantity: number }>(({ data }, state) => {
    const order = inStatus(notCancelled(live(state)), BEFORE_INVOICE, '상품추가');
    // A replacement ships what its exchange took back, no more.
    if (order.replacementOf) throw conflict('REPLACEMENT_LINES_FIXED', `Order ${order.no} ships the replacements of exchange ${order.replacementOf.exchangeId} of order ${order.replacementOf.no}; 상품추가 would ship more than was exchanged.`, { no: order.no });
    const product = lineProduct(data.product, 'product');
    const quantity = positiveQuantity(data.quantity, 'quantity');
    const lineId = order.lines.reduce((max, l) => Math.max(max, l.lineId), 0) + 1;
    return [{ type: 'LineAdded', data: { no: order.no, line: { ...product, lineId, quantity } } }];
  }),
};
