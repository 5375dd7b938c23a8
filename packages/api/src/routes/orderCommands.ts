/** The order commands over HTTP: one declaration per CS action, each a thin call into the one command path. */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CsCommand, LineProduct, Role } from '@oms/domain';
import { NON_CS_EVENT_TYPES, orderStreamId } from '@oms/domain';
import { nextOrderNo } from '@oms/adapters';
import { holdersOf } from '@oms/projections';
import { findChannel, findProduct } from '../catalogue/catalogue.js';
import { ACCESS, requireRole } from '../auth.js';
import type { CommandContext, CommandResult, OrderCommandContext } from '../orders/commandHandler.js';
import { orderNotFound } from '../orders/commandHandler.js';
import { ApiProblem } from '../problem.js';
import * as s from '../schemas.js';
import type { AppContext } from '../context.js';

export const errors = { 401: s.problemSchema, 403: s.problemSchema, 404: s.problemSchema, 409: s.problemSchema, 422: s.problemSchema };
export const security = [{ bearerAuth: [] }];

const parseIfMatch = (header: string | undefined): number | undefined => {
  if (header === undefined) return undefined;
  const m = header.trim().match(/^(?:W\/)?"?(\d+)"?$/);
  if (!m?.[1]) throw new ApiProblem(422, 'INVALID_IF_MATCH', 'Invalid If-Match', 'If-Match must be an ETag such as W/"3".', [{ field: 'If-Match', message: 'expected W/"<revision>"' }]);
  return Number(m[1]);
};

export const etag = (revision: number) => `W/"${revision}"`;

export const commandContext = (request: FastifyRequest, memo: string | undefined): OrderCommandContext => {
  const principal = request.principal;
  if (!principal) throw new ApiProblem(401, 'UNAUTHENTICATED', 'Authentication required');
  const key = request.headers['idempotency-key'];
  const idempotencyKey = typeof key === 'string' && key.trim() !== '' ? key.trim() : undefined;
  if (idempotencyKey && idempotencyKey.length > 200) throw new ApiProblem(422, 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key too long', undefined, [{ field: 'Idempotency-Key', message: 'at most 200 characters' }]);
  const ifMatchHeader = request.headers['if-match'];
  return {
    metadata: { actor: principal.worker, role: principal.role, at: new Date().toISOString(), memo },
    keyId: principal.keyId,
    channels: principal.channels,
    requestId: request.id,
    ifMatch: parseIfMatch(typeof ifMatchHeader === 'string' ? ifMatchHeader : undefined),
    idempotencyKey,
    requestHash: createHash('sha256').update(`${request.method} ${request.routeOptions.url ?? request.url} ${JSON.stringify(request.params)} ${JSON.stringify(request.body ?? null)}`).digest('hex'),
  };
};

export const orderCommandRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const auth = (roles: readonly Role[]) => requireRole(ctx.apiKeys, roles);

  const answer = async (reply: FastifyReply, result: CommandResult) => {
    if (result.position) await ctx.runner.waitFor(result.position);
    reply.header('ETag', etag(result.revision));
    if (result.replayed) reply.header('Idempotent-Replayed', 'true');
    const copied = result.decided.find((e) => e.type === 'OrderCopied');
    const copyNo = copied?.type === 'OrderCopied' ? copied.data.copyNo : undefined;
    if (copyNo !== undefined) reply.header('Location', `/orders/${copyNo}`);
    const exchanged = result.decided.find((e) => e.type === 'ExchangeRequested');
    const replacementNo = exchanged?.type === 'ExchangeRequested' ? exchanged.data.replacementNo : undefined;
    if (replacementNo !== undefined) reply.header('Location', `/orders/${replacementNo}`);
    return {
      no: result.no,
      revision: result.revision,
      events: [...result.events],
      others: result.others.map((o) => ({ ...o })),
      warnings: result.warnings.map((w) => ({ ...w })),
      ...(copyNo === undefined ? {} : { copyNo }),
      ...(replacementNo === undefined ? {} : { replacementNo }),
    };
  };

  /** One way to declare an order command route. */
  const command = <B extends z.ZodType<{ memo?: string | undefined } | null | undefined>, P extends typeof s.orderNoParams = typeof s.orderNoParams>(def: {
    method: 'POST' | 'PUT' | 'DELETE';
    url: string;
    summary: string;
    body?: B;
    params?: P;
    roles: readonly Role[];
    toCommand: (body: NonNullable<z.output<B>>, meta: CommandContext['metadata'], params: z.output<P>) => CsCommand | Promise<CsCommand>;
  }) =>
    r.route({
      method: def.method,
      url: def.url,
      onRequest: auth(def.roles),
      schema: {
        summary: def.summary,
        tags: ['order commands'],
        security,
        params: def.params ?? s.orderNoParams,
        ...(def.body ? { body: def.body } : {}),
        headers: z.object({ 'if-match': z.string().optional(), 'idempotency-key': z.string().optional() }).loose(),
        response: { 200: s.commandResult, ...errors },
      },
      handler: async (request, reply) => {
        const body = (request.body ?? {}) as NonNullable<z.output<B>>;
        const params = request.params as z.output<P>;
        const cc = commandContext(request, body.memo);
        const result = await ctx.orders.execute(params.no, await def.toCommand(body, cc.metadata, params), cc);
        return answer(reply, result);
      },
    });

  /** A catalogue product as a line sells it; an unknown code is the named field's fault. */
  const catalogueProduct = async (code: string, unitPrice: number | undefined, field: string): Promise<LineProduct> => {
    const product = await findProduct(ctx.db, code);
    if (!product) throw new ApiProblem(422, 'PRODUCT_NOT_FOUND', 'Unknown product', `No product ${code} in the catalogue.`, [{ field, message: 'not in the catalogue (GET /products)' }]);
    return { productCode: product.code, productName: product.name, option: product.option, unitPrice: unitPrice ?? product.salePrice };
  };


  command({ method: 'POST', url: '/orders/:no/payment', summary: '입금확인: 입금대기 → 접수', body: s.memoOnlyBody, roles: ACCESS.fulfilmentCommand, toCommand: (_, metadata) => ({ type: 'ConfirmPayment', data: {}, metadata }) });
  command({ method: 'POST', url: '/orders/:no/shipping-instruction', summary: '출고지시서: 접수 → 배송준비중 (printed once; a reprint is recorded)', body: s.memoOnlyBody, roles: ACCESS.fulfilmentCommand, toCommand: (_, metadata) => ({ type: 'PrintShippingInstruction', data: {}, metadata }) });
  command({ method: 'PUT', url: '/orders/:no/hold', summary: '보류설정, with an optional alarm', body: s.holdBody, roles: ACCESS.csCommand, toCommand: (b, metadata) => ({ type: 'HoldOrder', data: { alarmAt: b.alarmAt }, metadata }) });
  command({ method: 'DELETE', url: '/orders/:no/hold', summary: '보류해제', body: s.memoOnlyBody, roles: ACCESS.csCommand, toCommand: (_, metadata) => ({ type: 'ReleaseHold', data: {}, metadata }) });
  command({
    method: 'PUT',
    url: '/orders/:no/hold/alarm',
    summary: '알람변경: move (or clear, with null) the 알람 of a held order; the hold stays',
    body: s.holdAlarmBody,
    roles: ACCESS.csCommand,
    toCommand: (b, metadata) => ({ type: 'ChangeHoldAlarm', data: { alarmAt: b.alarmAt }, metadata }),
  });
  command({
    method: 'PUT',
    url: '/orders/:no/invoice',
    summary: '송장입력: carrier + tracking number (digits only, used by one order only)',
    body: s.invoiceBody(ctx.carriers),
    roles: ACCESS.fulfilmentCommand,
    toCommand: (b, metadata) => ({ type: 'EnterInvoice', data: { carrier: b.carrier, trackingNumber: b.trackingNumber }, metadata }),
  });
  command({ method: 'POST', url: '/orders/:no/shipment', summary: '배송처리: 송장 → 배송', body: s.memoOnlyBody, roles: ACCESS.fulfilmentCommand, toCommand: (_, metadata) => ({ type: 'ShipOrder', data: {}, metadata }) });
  command({ method: 'POST', url: '/orders/:no/delivery', summary: '배송완료', body: s.memoOnlyBody, roles: ACCESS.fulfilmentCommand, toCommand: (_, metadata) => ({ type: 'MarkDelivered', data: {}, metadata }) });
  command({ method: 'POST', url: '/orders/:no/purchase-confirmation', summary: '구매확정', body: s.memoOnlyBody, roles: ACCESS.fulfilmentCommand, toCommand: (_, metadata) => ({ type: 'ConfirmPurchase', data: {}, metadata }) });
  command({
    method: 'POST',
    url: '/orders/:no/cancel',
    summary: '전체취소 (입금전취소 in 입금대기), with one of the six reasons; from 송장 on it must be a return (회수)',
    body: s.cancelBody,
    roles: ACCESS.fulfilmentCommand,
    toCommand: (b, metadata) => ({ type: 'CancelOrder', data: { reason: b.reason }, metadata }),
  });
  command({ method: 'POST', url: '/orders/:no/memos', summary: 'CS 메모', body: s.csMemoBody, roles: ACCESS.csCommand, toCommand: (b, metadata) => ({ type: 'AddCsMemo', data: { text: b.text }, metadata }) });

  command({ method: 'PUT', url: '/orders/:no/delivery-info', summary: '배송정보변경: recipient, phones, zip, address, delivery memo (not once shipped)', body: s.deliveryInfoBody, roles: ACCESS.csCommand, toCommand: (b, metadata) => ({ type: 'ChangeDeliveryInfo', data: { recipient: b.recipient }, metadata }) });
  command({ method: 'POST', url: '/orders/:no/restore', summary: '전체정상복귀: a cancelled order comes back to 접수', body: s.memoOnlyBody, roles: ACCESS.csCommand, toCommand: (_, metadata) => ({ type: 'RestoreOrder', data: {}, metadata }) });
  command({
    method: 'POST',
    url: '/orders/:no/lines/:lineId/cancel',
    summary: '개별취소: cancel a quantity of one line (≤ its active quantity), with a reason',
    params: s.lineParams,
    body: s.lineCancelBody,
    roles: ACCESS.fulfilmentCommand,
    toCommand: (b, metadata, p) => ({ type: 'CancelLine', data: { lineId: p.lineId, quantity: b.quantity, reason: b.reason }, metadata }),
  });
  command({
    method: 'POST',
    url: '/orders/:no/lines/:lineId/restore',
    summary: '개별정상복귀: restore a cancelled quantity of one line (≤ its cancelled quantity)',
    params: s.lineParams,
    body: s.lineRestoreBody,
    roles: ACCESS.csCommand,
    toCommand: (b, metadata, p) => ({ type: 'RestoreLine', data: { lineId: p.lineId, quantity: b.quantity }, metadata }),
  });
  command({
    method: 'PUT',
    url: '/orders/:no/lines/:lineId/product',
    summary: '상품변경: put another catalogue product on the line (before the invoice); the line keeps the code it was placed with',
    params: s.lineParams,
    body: s.lineProductBody,
    roles: ACCESS.csCommand,
    toCommand: async (b, metadata, p) => ({ type: 'ChangeLineProduct', data: { lineId: p.lineId, product: await catalogueProduct(b.productCode, b.unitPrice, 'productCode') }, metadata }),
  });
  command({
    method: 'POST',
    url: '/orders/:no/lines',
    summary: '상품추가: add a catalogue product to the order (before the invoice)',
    body: s.addLineBody,
    roles: ACCESS.csCommand,
    toCommand: async (b, metadata) => ({ type: 'AddLine', data: { product: await catalogueProduct(b.productCode, b.unitPrice, 'productCode'), quantity: b.quantity }, metadata }),
  });
  command({
    method: 'POST',
    url: '/orders/:no/copy',
    summary: '주문복사 (lines may change product) / 주문전체복사 (whole: same lines, the channel may change): a new order naming this one',
    body: s.copyBody,
    roles: ACCESS.csCommand,
    toCommand: async (b, metadata) => {
      if (b.channel !== undefined) {
        const channel = await findChannel(ctx.db, b.channel);
        if (!channel?.active) {
          throw new ApiProblem(422, 'CHANNEL_NOT_ACTIVE', 'Unknown or inactive channel', `${b.channel} is not an active channel (GET /channels).`, [{ field: 'channel', message: 'not an active channel' }]);
        }
      }
      const lines =
        b.lines &&
        (await Promise.all(
          b.lines.map(async (l, i) => ({
            lineId: l.lineId,
            quantity: l.quantity,
            product: l.productCode === undefined ? undefined : await catalogueProduct(l.productCode, l.unitPrice, `lines[${i}].productCode`),
          })),
        ));
      return { type: 'CopyOrder', data: { copyNo: await nextOrderNo(ctx.db), whole: b.whole ?? false, channel: b.channel, lines }, metadata };
    },
  });
  command({ method: 'DELETE', url: '/orders/:no', summary: '주문삭제: a received order only; a tombstone (it leaves the CS window, its history stays)', body: s.memoOnlyBody, roles: ACCESS.csCommand, toCommand: (_, metadata) => ({ type: 'DeleteOrder', data: {}, metadata }) });
  command({ method: 'POST', url: '/orders/:no/merge', summary: '합포추가: another order joins this order\'s package (one box, one tracking number)', body: s.mergeBody, roles: ACCESS.csCommand, toCommand: (b, metadata) => ({ type: 'MergeOrder', data: { orderNo: b.orderNo }, metadata }) });
  command({ method: 'DELETE', url: '/orders/:no/merge', summary: '합포제외: this order leaves its package', body: s.memoOnlyBody, roles: ACCESS.csCommand, toCommand: (_, metadata) => ({ type: 'UnmergeOrder', data: {}, metadata }) });
  command({ method: 'DELETE', url: '/orders/:no/package', summary: '합포삭제: the package this order is in is dissolved', body: s.memoOnlyBody, roles: ACCESS.csCommand, toCommand: (_, metadata) => ({ type: 'DissolvePackage', data: {}, metadata }) });
  command({ method: 'PUT', url: '/orders/:no/merge-block', summary: '합포금지 / 합포금지해제', body: s.mergeBlockBody, roles: ACCESS.csCommand, toCommand: (b, metadata) => ({ type: 'SetMergeForbidden', data: { forbidden: b.forbidden }, metadata }) });
  command({
    method: 'PUT',
    url: '/orders/:no/priority',
    summary: '우선순위 among the orders holding the same product: top, bottom, or after a given order (higher ships first)',
    body: s.priorityBody,
    roles: ACCESS.csCommand,
    toCommand: async (b, metadata) => ({ type: 'SetPriority', data: { productCode: b.productCode, position: b.position, after: b.after, holders: await holdersOf(ctx.db, b.productCode) }, metadata }),
  });
  command({
    method: 'POST',
    url: '/orders/:no/pickups',
    summary: '회수: return pickup of shipped quantities, with a reason; optionally 입고예정 (a second pickup is answered with a warning)',
    body: s.pickupBody,
    roles: ACCESS.csCommand,
    toCommand: (b, metadata) => ({ type: 'RequestReturnPickup', data: { lines: b.lines, reason: b.reason, registerInbound: b.registerInbound, claim: b.claim, fees: b.fees }, metadata }),
  });
  command({
    method: 'POST',
    url: '/orders/:no/pickups/:pickupId/arrival',
    summary: '반품입고: picked-up quantities arrived back (never more than the pickup awaits), `damaged` of them not resellable; resellable units of a 입고예정 pickup go back into stock',
    params: s.pickupParams,
    body: s.returnArrivalBody,
    roles: ACCESS.fulfilmentCommand,
    toCommand: (b, metadata, p) => ({ type: 'ReceiveReturn', data: { pickupId: p.pickupId, lines: b.lines }, metadata }),
  });
  command({
    method: 'PUT',
    url: '/orders/:no/pickups/:pickupId/fees',
    summary: '반품 배송비: expected and arrived per route (사이트결제 site, 동봉 enclosed, 계좌 transfer); routes left out keep theirs; 미수 below 0 needs a reason',
    params: s.pickupParams,
    body: s.returnFeesBody,
    roles: ACCESS.csCommand,
    toCommand: (b, metadata, p) => ({ type: 'RecordReturnFees', data: { pickupId: p.pickupId, fees: { site: b.site, enclosed: b.enclosed, transfer: b.transfer }, reason: b.reason }, metadata }),
  });
  command({
    method: 'POST',
    url: '/orders/:no/pickups/:pickupId/completion',
    summary: '완료처리: the return is closed; with 미수 left or goods not arrived only with a memo',
    params: s.pickupParams,
    body: s.memoOnlyBody,
    roles: ACCESS.csCommand,
    toCommand: (_, metadata, p) => ({ type: 'CompleteReturn', data: { pickupId: p.pickupId }, metadata }),
  });
  command({ method: 'PUT', url: '/orders/:no/return-expected', summary: '반품예정 / 반품예정해제', body: s.returnExpectedBody, roles: ACCESS.csCommand, toCommand: (b, metadata) => ({ type: 'SetReturnExpected', data: { expected: b.expected }, metadata }) });
  command({
    method: 'POST',
    url: '/orders/:no/exchanges',
    summary: '교환: 단순교환, 불량교환, 오배송교환, 품질교환 or 상품교환 of shipped quantities: a pickup takes them back and a replacement order (replacementNo) ships the same product, or another for 상품교환',
    body: s.exchangeBody,
    roles: ACCESS.csCommand,
    toCommand: async (b, metadata) => {
      const lines = await Promise.all(
        b.lines.map(async (l, i) => ({ lineId: l.lineId, quantity: l.quantity, product: l.productCode === undefined ? undefined : await catalogueProduct(l.productCode, undefined, `lines[${i}].productCode`) })),
      );
      return { type: 'RequestExchange', data: { exchangeType: b.type, lines, replacementNo: await nextOrderNo(ctx.db), registerInbound: b.registerInbound }, metadata };
    },
  });

  /** The order's CS 이력 entries (event ids); bookkeeping events are not entries. */
  const entriesOf = async (no: number): Promise<Set<string>> => {
    const { revision, events } = await ctx.store.readStream(orderStreamId(no));
    if (revision < 0) throw orderNotFound();
    return new Set(events.filter((e) => !(NON_CS_EVENT_TYPES as readonly string[]).includes(e.type)).map((e) => e.id));
  };
  command({
    method: 'POST',
    url: '/orders/:no/history/:entryId/complete',
    summary: 'CS 이력 완료: mark one entry done (미처리 → 완료)',
    params: s.entryParams,
    body: s.memoOnlyBody,
    roles: ACCESS.csCommand,
    toCommand: async (_, metadata, p) => {
      if (!(await entriesOf(p.no)).has(p.entryId)) throw new ApiProblem(404, 'ENTRY_NOT_FOUND', 'Not found', `Order ${p.no} has no CS 이력 entry ${p.entryId}.`);
      return { type: 'CompleteCsEntries', data: { entryIds: [p.entryId] }, metadata };
    },
  });
  command({
    method: 'POST',
    url: '/orders/:no/history/complete',
    summary: 'CS 이력 일괄 완료: mark several entries done at once',
    body: s.completeEntriesBody,
    roles: ACCESS.csCommand,
    toCommand: async (b, metadata, p) => {
      const entries = await entriesOf(p.no);
      const unknown = b.entryIds.map((id, i) => ({ id, i })).filter(({ id }) => !entries.has(id));
      if (unknown.length > 0) {
        throw new ApiProblem(422, 'ENTRY_NOT_FOUND', 'Unknown CS 이력 entries', `Order ${p.no} has no entries ${unknown.map((u) => u.id).join(', ')}.`, unknown.map(({ i }) => ({ field: `entryIds[${i}]`, message: 'not an entry of this order' })));
      }
      return { type: 'CompleteCsEntries', data: { entryIds: b.entryIds }, metadata };
    },
  });

};
