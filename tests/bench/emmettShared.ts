/** What emmett.ts and its worker (emmettWorker.ts) share: the workloads, the payload, the messages. */

export const WRITERS = 8;

/** Every side stores this data and this metadata per event (Emmett adds its messageId). */
export const benchMetadata = {
  actor: 'agent-7',
  role: 'agent',
  occurredAt: '2026-01-02T03:04:05.000Z',
  correlationId: 'c0ffee00-0000-4000-8000-000000000001',
  schemaVersion: 1,
} as const;

export const benchData = (i: number) => ({
  orderId: 'ord-100001',
  note: `note ${i}`,
  amountCents: 1299 + i,
  lines: [{ sku: 'SKU-1', qty: 2 }],
});

export interface EventPayload {
  readonly type: string;
  readonly data: ReturnType<typeof benchData>;
}

export type EmmettWorkload =
  | { readonly kind: 'append'; readonly writers: 1 | typeof WRITERS; readonly perAppend: number }
  | { readonly kind: 'read'; readonly streams: number; readonly perStream: number; readonly readers: number };

export type EmmettRequest =
  | { readonly op: 'open'; readonly connectionString: string }
  | { readonly op: 'side'; readonly name: string; readonly workload: EmmettWorkload }
  | { readonly op: 'run'; readonly name: string; readonly units: number }
  | { readonly op: 'close' };
