/** CS 메모 and CS 이력 완료: a memo is an entry of its own; 완료 marks entries done and is not itself an entry. */
import { invalid } from '../../errors.js';
import { nonBlank, placed } from '../rules.js';
import type { EventsOf } from '../slice.js';
import { orderCommand, orderEvent } from '../slice.js';

export const csEntryEvents = {
  CsMemoAdded: orderEvent<{ readonly no: number; readonly text: string }>({ label: 'CS메모', describe: (d) => d.text, evolve: (order) => order }),
  /** CS 이력 entries (event ids of this stream) marked 완료. */
  CsEntriesCompleted: orderEvent<{ readonly no: number; readonly entryIds: readonly string[] }>({
    label: 'CS완료',
    csEntry: false,
    describe: (d) => `${d.entryIds.length}건`,
    evolve: (order, d) => ({ ...order, completedEntries: [...order.completedEntries, ...d.entryIds] }),
  }),
};
export type CsEntryEvent = EventsOf<typeof csEntryEvents>;

export const csEntryCommands = {
  AddCsMemo: orderCommand<{ readonly text: string }>(({ data }, state) => {
    const order = placed(state);
    return [{ type: 'CsMemoAdded', data: { no: order.no, text: nonBlank(data.text, 'text') } }];
  }),
  /** `entryIds` must be CS 이력 entries of this order; the caller checks that against the stream. Entries already 완료 stay as they are. */
  CompleteCsEntries: orderCommand<{ readonly entryIds: readonly string[] }>(({ data }, state) => {
    const order = placed(state);
    if (data.entryIds.length === 0) throw invalid('ENTRIES_REQUIRED', 'Name at least one CS 이력 entry.', 'entryIds');
    const open = [...new Set(data.entryIds)].filter((id) => !order.completedEntries.includes(id));
    return open.length === 0 ? [] : [{ type: 'CsEntriesCompleted', data: { no: order.no, entryIds: open } }];
  }),
};
