/**
 * The CS창 toolbar: every CS action as data (actions/*.ts, one file per toolbar group), in the seed's
 * order. The dialog (ActionDialog.tsx) draws the fields and the CS 메모 box; the server decides: a
 * refused command comes back as a problem naming its field, shown beside it, and nothing changed.
 */
import { api, ok } from './api';
import { CANCEL_ACTIONS } from './actions/cancel';
import { COPY_ACTIONS } from './actions/copy';
import { DELIVERY_ACTIONS } from './actions/delivery';
import type { CsAction } from './actions/kinds';
import { memo, path } from './actions/kinds';
import { MERGE_ACTIONS } from './actions/merge';
import { PRODUCT_ACTIONS } from './actions/products';
import { RETURN_ACTIONS } from './actions/returns';
import type { Order } from './types';

export type { CommandResult, CsAction, Field, Values } from './actions/kinds';
export { GROUPS } from './actions/kinds';

const MEMO: CsAction = {
  id: 'memo',
  label: 'CS 메모',
  group: '메모',
  fields: [{ name: 'text', label: '메모', kind: 'text', required: true }],
  send: async (o, v) => ok(await api.POST('/orders/{no}/memos', { params: path(o), body: { text: v.text ?? '', ...memo(v) } })),
};

export const CS_ACTIONS: readonly CsAction[] = [...DELIVERY_ACTIONS, ...MERGE_ACTIONS, ...CANCEL_ACTIONS, ...PRODUCT_ACTIONS, ...COPY_ACTIONS, ...RETURN_ACTIONS, MEMO];

/** The actions this order offers (a deleted order offers none: it is a tombstone). */
export const actionsFor = (o: Order): readonly CsAction[] => (o.deleted ? [] : CS_ACTIONS.filter((a) => !a.when || a.when(o)));
