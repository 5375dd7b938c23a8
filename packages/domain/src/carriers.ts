/** 택배사: the configurable list starts with the major Korean couriers. `{trackingNumber}` is replaced. */
export interface Carrier {
  readonly code: string;
  readonly name: string;
  readonly trackingUrl: string;
}

export const DEFAULT_CARRIERS: readonly Carrier[] = [
  { code: 'cj', name: 'CJ대한통운', trackingUrl: 'https://trace.cjlogistics.com/next/tracking.html?wblNo={trackingNumber}' },
  { code: 'lotte', name: '롯데택배', trackingUrl: 'https://www.lotteglogis.com/home/reservation/tracking/linkView?InvNo={trackingNumber}' },
  { code: 'hanjin', name: '한진택배', trackingUrl: 'https://www.hanjin.com/kor/CMS/DeliveryMgr/WaybillResult.do?mCode=MN038&schLang=KR&wblnumText2={trackingNumber}' },
  { code: 'epost', name: '우체국택배', trackingUrl: 'https://service.epost.go.kr/trace.RetrieveDomRigiTraceList.comm?sid1={trackingNumber}' },
  { code: 'logen', name: '로젠택배', trackingUrl: 'https://www.ilogen.com/web/personal/trace/{trackingNumber}' },
];

export const trackingUrlOf = (carrier: Carrier, trackingNumber: string): string =>
  carrier.trackingUrl.replace('{trackingNumber}', encodeURIComponent(trackingNumber));
