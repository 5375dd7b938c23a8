/**
 * KurrentDB's place in `$all`: the commit and prepare positions of the transaction log, both u64.
 * `$all` is ordered by (commit, prepare), so that is the order here too, and the checkpoint a
 * projection keeps is this position encoded.
 */
import type { PositionCodec } from '../eventStore.js';

export interface KurrentPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export const KURRENT_START: KurrentPosition = { commit: 0n, prepare: 0n };

/** 20 digits hold any u64, so text order is numeric order. */
const DIGITS = 20;

export const compareKurrentPositions = (a: KurrentPosition, b: KurrentPosition): number =>
  a.commit !== b.commit ? (a.commit < b.commit ? -1 : 1) : a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;

/** "<commit, 20 digits>/<prepare, 20 digits>": order-preserving, like postgresPositions but never mistaken for one. */
export const kurrentPositions: PositionCodec<KurrentPosition> = {
  start: KURRENT_START,
  compare: compareKurrentPositions,
  encode: (p) => `${p.commit.toString().padStart(DIGITS, '0')}/${p.prepare.toString().padStart(DIGITS, '0')}`,
  decode: (s) => {
    const m = /^(\d{20})\/(\d{20})$/.exec(s);
    if (!m) throw new Error(`Not a KurrentDB position: ${s}`);
    return { commit: BigInt(m[1] as string), prepare: BigInt(m[2] as string) };
  },
};
