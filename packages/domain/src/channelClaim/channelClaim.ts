/**
 * The channel claim stream (`channel-claim-<channel>/<claim number>`): one per channel cancellation,
 * the guard that records it once. It is read and appended in the same atomic append as the order's
 * events (plans.ts), so the same claim sent twice — even by two connectors at once — applies once;
 * sent again with other content it is refused. It also carries what the claim's row in 취소결과조회
 * keeps beyond the order: 확인 / 확인취소.
 */
import type { ChannelCancellation, CancelType } from '../order/actions/channelCancellation.js';

interface ClaimKey {
  readonly channel: string;
  readonly cancellationId: string;
  /** The 관리번호 the claim was matched to. */
  readonly no: number;
}

export type ChannelClaimEvent =
  | { readonly type: 'ChannelClaimRecorded'; readonly data: ClaimKey & { readonly content: ChannelCancellation; readonly cancelType: CancelType; readonly cancelled: number } }
  | { readonly type: 'ChannelClaimWithdrawn'; readonly data: ClaimKey & { readonly withdrawnAt: string } }
  | { readonly type: 'ChannelClaimConfirmed'; readonly data: ClaimKey }
  | { readonly type: 'ChannelClaimUnconfirmed'; readonly data: ClaimKey };

export const CHANNEL_CLAIM_EVENT_TYPES = ['ChannelClaimRecorded', 'ChannelClaimWithdrawn', 'ChannelClaimConfirmed', 'ChannelClaimUnconfirmed'] as const satisfies readonly ChannelClaimEvent['type'][];

export type ChannelClaimState =
  | { readonly kind: 'none' }
  | { readonly kind: 'recorded'; readonly no: number; readonly content: ChannelCancellation; readonly withdrawn: boolean; readonly confirmed: boolean };

export const initialChannelClaimState = (): ChannelClaimState => ({ kind: 'none' });

export const evolveChannelClaim = (state: ChannelClaimState, event: ChannelClaimEvent): ChannelClaimState => {
  if (event.type === 'ChannelClaimRecorded') return { kind: 'recorded', no: event.data.no, content: event.data.content, withdrawn: false, confirmed: false };
  if (state.kind !== 'recorded') return state;
  switch (event.type) {
    case 'ChannelClaimWithdrawn':
      return { ...state, withdrawn: true };
    case 'ChannelClaimConfirmed':
      return { ...state, confirmed: true };
    case 'ChannelClaimUnconfirmed':
      return { ...state, confirmed: false };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
};

export const CHANNEL_CLAIM_STREAM_PREFIX = 'channel-claim-';
/** encodeURIComponent encodes '/', so the separator cannot occur inside either part. */
export const channelClaimStreamId = (channel: string, cancellationId: string): string =>
  `${CHANNEL_CLAIM_STREAM_PREFIX}${encodeURIComponent(channel)}/${encodeURIComponent(cancellationId)}`;

/** The claim's content as compared for a resend: key order does not matter, every value does. */
const canonical = (value: unknown): string =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? `{${Object.keys(value)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
        .join(',')}}`
    : JSON.stringify(value);

export const sameClaimContent = (a: ChannelCancellation, b: ChannelCancellation): boolean => canonical(a) === canonical(b);
