/** CS 완료 (csEntries.ts) as given / when / then. CS 메모 is in csMemo.unit.spec.ts. */
import { describe, expect, it } from 'vitest';
import { ev, historyIn } from '../testing/events.js';
import { cmd, placedOrder, spec } from '../testing/fixtures.js';

describe('CS 완료 CompleteCsEntries', () => {
  it('marks entries 완료', () => {
    const state = placedOrder(spec.given(historyIn.received).when(cmd.complete(['e-1', 'e-2'])).then([ev.completed(['e-1', 'e-2'])]));
    expect(state.completedEntries).toEqual(['e-1', 'e-2']);
  });

  it('is idempotent: entries already 완료 are left out, all of them ⇒ nothing', () => {
    const given = [...historyIn.received, ev.completed(['e-1', 'e-2'])];
    spec.given(given).when(cmd.complete(['e-2', 'e-1'])).thenNothing();
    spec.given(given).when(cmd.complete(['e-2', 'e-3'])).then([ev.completed(['e-3'])]);
  });

  it('names an entry once, however often it is given', () => {
    spec.given(historyIn.received).when(cmd.complete(['e-4', 'e-4', 'e-5'])).then([ev.completed(['e-4', 'e-5'])]);
  });

  it('needs at least one entry', () => {
    spec.given(historyIn.received).when(cmd.complete([])).thenThrows('ENTRIES_REQUIRED', 'invalid', 'entryIds');
  });

  it('is allowed on a cancelled order', () => {
    spec.given([...historyIn.received, ev.cancelled()]).when(cmd.complete(['e-1'])).then([ev.completed(['e-1'])]);
  });
});
