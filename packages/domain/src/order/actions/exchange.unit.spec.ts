/** 교환 (exchange.ts) as given / when / then. */
import { describe, expect, it } from 'vitest';
import type { OrderEvent } from '../order.js';
import { csStateOf, EXCHANGE_TYPES } from '../order.js';
import { BEFORE_SHIPMENT, ev, historyIn } from '../testing/events.js';
import { cmd, ledger, ledgerOf, placedOrder, spec } from '../testing/fixtures.js';

describe('교환 RequestExchange', () => {
  it.each(EXCHANGE_TYPES)('takes an exchange of type %s on shipped quantities; the order is 교환', (exchangeType) => {
    const state = placedOrder(spec.given(historyIn.delivered).when(cmd.exchange(exchangeType, [{ lineId: 1, quantity: 2 }])).then([ev.exchange(1, exchangeType, [{ lineId: 1, quantity: 2 }])]));
    expect(state.exchanges).toBe(1);
    expect(state.lines[0]?.exchanged).toBe(2);
    expect(csStateOf(state)).toBe('exchange');
    expect(ledgerOf(state, 1)).toEqual(ledger({ ordered: 2, shipped: 2 }));
  });

  it('numbers the exchanges of an order', () => {
    spec
      .given([...historyIn.shipped, ev.exchange(1, 'simple', [{ lineId: 1, quantity: 1 }])])
      .when(cmd.exchange('wrong_delivery', [{ lineId: 2, quantity: 3 }]))
      .then([ev.exchange(2, 'wrong_delivery', [{ lineId: 2, quantity: 3 }])]);
  });

  it.each<[string, readonly OrderEvent[], number]>([
    ['more than shipped', historyIn.shipped, 3],
    ['more than shipped and not returned', [...historyIn.shipped, ev.pickup(1, [{ lineId: 1, quantity: 1 }]), ev.returnReceived(1, [{ lineId: 1, quantity: 1 }])], 2],
    ['a unit exchanged before (each shipped unit once)', [...historyIn.shipped, ev.exchange(1, 'simple', [{ lineId: 1, quantity: 2 }])], 1],
  ])('refuses %s with EXCHANGE_EXCEEDS_SHIPPED', (_, given, quantity) => {
    spec.given(given).when(cmd.exchange('quality', [{ lineId: 1, quantity }])).thenThrows('EXCHANGE_EXCEEDS_SHIPPED', 'invalid', 'lines[0].quantity');
  });

  it('refuses bad lines', () => {
    spec.given(historyIn.shipped).when(cmd.exchange('product', [])).thenThrows('LINES_REQUIRED', 'invalid', 'lines');
    spec.given(historyIn.shipped).when(cmd.exchange('product', [{ lineId: 2, quantity: 1 }, { lineId: 2, quantity: 1 }])).thenThrows('DUPLICATE_LINE', 'invalid', 'lines[1].lineId');
  });

  it.each(BEFORE_SHIPMENT)('is refused before shipping (%s)', (status) => {
    spec.given(historyIn[status]).when(cmd.exchange('defect', [{ lineId: 1, quantity: 1 }])).thenThrows('ORDER_STATUS_CONFLICT', 'conflict');
  });
});
