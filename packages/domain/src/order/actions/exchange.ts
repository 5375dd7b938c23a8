/** 교환 (단순교환, 불량교환, 오배송교환, 품질교환, 상품교환) of shipped units not returned, each unit at most once. */
import { lineList } from '../format.js';
import type { ExchangeType, LineQuantity, OrderLine } from '../model.js';
import { AFTER_SHIPMENT, EXCHANGE_TYPE_LABELS, quantityOf } from '../model.js';
import { inStatus, lineQuantities, live } from '../rules.js';
import type { EventsOf } from '../slice.js';
import { orderCommand, orderEvent } from '../slice.js';

export const exchangeEvents = {
  ExchangeRequested: orderEvent<{ readonly no: number; readonly exchangeId: number; readonly exchangeType: ExchangeType; readonly lines: readonly LineQuantity[] }>({
    label: '교환',
    describe: (d) => `${EXCHANGE_TYPE_LABELS[d.exchangeType]}: ${lineList(d.lines)}`,
    evolve: (order, d) => ({
      ...order,
      exchanges: order.exchanges + 1,
      lines: order.lines.map((l) => ({ ...l, exchanged: l.exchanged + quantityOf(d.lines, l.lineId) })),
    }),
  }),
};
export type ExchangeEvent = EventsOf<typeof exchangeEvents>;

const exchangeable = (l: OrderLine) => Math.min(l.ledger.shipped - l.ledger.returned, l.ledger.shipped - l.exchanged);

export const exchangeCommands = {
  RequestExchange: orderCommand<{ readonly exchangeType: ExchangeType; readonly lines: readonly LineQuantity[] }>(({ data }, state) => {
    const order = inStatus(live(state), AFTER_SHIPMENT, '교환');
    const lines = lineQuantities(order, data.lines, exchangeable, { code: 'EXCHANGE_EXCEEDS_SHIPPED', what: 'shipped, not returned and not exchanged before' });
    return [{ type: 'ExchangeRequested', data: { no: order.no, exchangeId: order.exchanges + 1, exchangeType: data.exchangeType, lines } }];
  }),
};
