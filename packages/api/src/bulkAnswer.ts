/**
 * The answer of a bulk action over rows of a view (확인, 반품선택완료): per id what became of it —
 * refused (with the problem's code and detail), applied, or already so — and a summary; it comes
 * after the read models show every change. An internal error is not a row's refusal: it fails the request.
 */
import type { BatchResult } from '@oms/adapters';
import { latestPosition } from '@oms/adapters';
import type { AppContext } from './context.js';
import { ApiProblem, failsTheRequest, toProblem } from './problem.js';

export const answerEach = async (ctx: AppContext, ids: readonly string[], resultOf: (id: string, i: number) => BatchResult | ApiProblem | undefined) => {
  const positions: unknown[] = [];
  const items = ids.map((id, i) => {
    const result = resultOf(id, i);
    if (result instanceof ApiProblem || !result?.ok) {
      const p = result instanceof ApiProblem ? result : toProblem(result?.error);
      if (failsTheRequest(p)) throw result instanceof ApiProblem ? result : result?.error;
      return { id, outcome: 'refused' as const, code: p.code, detail: p.detail ?? p.title };
    }
    const { position, primary } = result.outcome;
    positions.push(position);
    return { id, outcome: primary.events.length > 0 ? ('applied' as const) : ('duplicate' as const) };
  });
  const last = latestPosition(ctx.store.positions, positions);
  if (last !== null) await ctx.runner.waitFor(last);
  const count = (o: string) => items.filter((i) => i.outcome === o).length;
  return { items, summary: { applied: count('applied'), duplicate: count('duplicate'), refused: count('refused') } };
};
