/** 주문삭제: a received order only, outside any package; a tombstone — it leaves the CS window, its history stays. */
import { conflict } from '../../errors.js';
import { inStatus, live } from '../rules.js';
import type { EventsOf, NoData } from '../slice.js';
import { orderCommand, orderEvent } from '../slice.js';

export const deletionEvents = {
  OrderDeleted: orderEvent<{ readonly no: number }>({ label: '주문삭제', describe: () => '', evolve: (order) => ({ ...order, deleted: true }) }),
};
export type DeletionEvent = EventsOf<typeof deletionEvents>;

export const deletionCommands = {
  DeleteOrder: orderCommand<NoData>((_, state) => {
    const order = inStatus(live(state), ['received'], '주문삭제');
    if (order.package) throw conflict('ORDER_MERGED', `Order ${order.no} is merged (합포 ${order.package.id}); 합포제외 it first.`, { no: order.no, packageId: order.package.id });
    return [{ type: 'OrderDeleted', data: { no: order.no } }];
  }),
};
