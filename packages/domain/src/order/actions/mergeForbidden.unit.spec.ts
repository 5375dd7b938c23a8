/** 합포금지 (merge.ts) on one order as given / when / then; 합포 itself is in merge.unit.spec.ts. */
import { describe, expect, it } from 'vitest';
import { ev, historyIn } from '../testing/events.js';
import { cmd, placedOrder, spec } from '../testing/fixtures.js';

describe('합포금지 SetMergeForbidden', () => {
  it('forbids and allows merging', () => {
    const forbidden = placedOrder(spec.given(historyIn.received).when(cmd.mergeForbidden(true)).then([ev.mergeForbidden]));
    expect(forbidden.mergeForbidden).toBe(true);
    const allowed = placedOrder(spec.given([...historyIn.received, ev.mergeForbidden]).when(cmd.mergeForbidden(false)).then([ev.mergeAllowed]));
    expect(allowed.mergeForbidden).toBe(false);
  });

  it('setting what is already set appends nothing', () => {
    spec.given([...historyIn.received, ev.mergeForbidden]).when(cmd.mergeForbidden(true)).thenNothing();
    spec.given(historyIn.received).when(cmd.mergeForbidden(false)).thenNothing();
  });

  it('a merged order cannot be marked 합포금지 (ORDER_MERGED)', () => {
    spec.given([...historyIn.received, ev.merged]).when(cmd.mergeForbidden(true)).thenThrows('ORDER_MERGED', 'conflict');
  });

  it('is allowed in any status, also after shipping', () => {
    spec.given(historyIn.shipped).when(cmd.mergeForbidden(true)).then([ev.mergeForbidden]);
  });
});
