/** What the command handler refuses with; the API maps each to its problem (no HTTP here). */

/** The caller pinned the primary stream's revision (If-Match) and the stream has moved on. */
export class RevisionConflict extends Error {
  override readonly name = 'RevisionConflict';
  constructor(
    readonly streamId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`Stream ${streamId}: expected revision ${expected}, it is at revision ${actual}.`);
  }
}

/** An idempotency key already answered a different request (another request hash). */
export class IdempotencyKeyReused extends Error {
  override readonly name = 'IdempotencyKeyReused';
  constructor(readonly idempotencyKey: string) {
    super(`Idempotency key ${idempotencyKey} was already used for a different request.`);
  }
}
