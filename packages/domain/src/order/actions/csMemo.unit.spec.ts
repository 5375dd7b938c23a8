/** CS 메모 (csEntries.ts) as given / when / then. CS 완료 is in csEntries.unit.spec.ts. */
import { describe, expect, it } from 'vitest';
import type { OrderStatus } from '../order.js';
import { OrderDecider } from '../orderDecider.js';
import { cmd, NO, spec } from '../testing/fixtures.js';
import { cancelledHistory, ev, historyIn } from '../testing/mainPathEvents.js';

describe('CS 메모 AddCsMemo', () => {
  it.each(Object.keys(historyIn) as OrderStatus[])('adds a trimmed memo in %s without changing the order', (status) => {
    const before = OrderDecider.initialState();
    const given = historyIn[status];
    const folded = given.reduce(OrderDecider.evolve, before);
    const state = spec.given(given).when(cmd.memo('  고객 통화: 부재중  ')).then([{ type: 'CsMemoAdded', data: { no: NO, text: '고객 통화: 부재중' } }]);
    expect(state).toEqual(folded);
  });

  it('adds a memo to a cancelled or held order', () => {
    spec.given(cancelledHistory).when(cmd.memo('환불 안내')).then([{ type: 'CsMemoAdded', data: { no: NO, text: '환불 안내' } }]);
    spec.given([...historyIn.received, ev.held()]).when(cmd.memo('보류 사유')).then([{ type: 'CsMemoAdded', data: { no: NO, text: '보류 사유' } }]);
  });

  it.each(['', '   ', '\n\t'])('refuses a blank memo %j', (text) => {
    spec.given(historyIn.received).when(cmd.memo(text)).thenThrows('FIELD_REQUIRED', 'invalid', 'text');
  });
});
