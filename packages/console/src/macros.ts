/**
 * 매크로, shared by the picker in the action dialog and the management screen: the team's macros
 * (GET /memo-macros, one query key for both, so a change on one shows on the other) and the filling
 * of {상품명} / {옵션} from an order line.
 */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from './api';
import type { paths } from './openapi';
import type { Order } from './types';

export type MemoMacro = paths['/memo-macros']['get']['responses'][200]['content']['application/json']['items'][number];
export type MacroInput = NonNullable<paths['/memo-macros']['post']['requestBody']>['content']['application/json'];

export const MACROS_KEY = ['memo-macros'] as const;

/** The placeholders the server accepts (anything else in braces is refused there). */
export const PLACEHOLDERS = ['{상품명}', '{옵션}'] as const;

export const useMemoMacros = (enabled: boolean) =>
  useQuery({ queryKey: MACROS_KEY, queryFn: async () => ok(await api.GET('/memo-macros')).items, enabled, staleTime: 60_000 });

/** The chosen line, or else the order's first. */
export const lineFor = (order: Order, lineId: number | undefined) => order.lines.find((l) => l.lineId === lineId) ?? order.lines[0];

export const fillMacro = (body: string, line: { productName: string; option: string } | undefined): string =>
  body.replaceAll('{상품명}', line?.productName ?? '').replaceAll('{옵션}', line?.option ?? '');
