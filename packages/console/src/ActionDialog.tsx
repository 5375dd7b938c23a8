/**
 * A CS창 toolbar action's dialog (FormDialog), its fields drawn from the action's data (actions/*.ts,
 * ActionFields.tsx); the CS 메모 box, with its macros, is always there. A refusal shows the server's
 * problem beside the field it names (or on top).
 */
import { useState } from 'react';
import type { CommandResult, CsAction } from './actions';
import { FieldInput } from './ActionFields';
import { fieldErrors, FieldProblem, FormDialog, submitOnEnter } from './FormDialog';
import { MacroPicker } from './MacroPicker';
import type { Order } from './types';
import './actions.css';

export const ActionDialog = ({ action, order, onDone, onClose }: { action: CsAction; order: Order; onDone: (result: CommandResult) => void; onClose: () => void }) => {
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(action.fields.flatMap((f) => (f.initial ? [[f.name, f.initial(order)]] : []))));
  const fields = action.fields.filter((f) => !f.shown || f.shown(values));
  const send = async () => {
    // A field hidden again (위치지정's 관리번호 after choosing 최상) is not sent.
    const shown = new Set(fields.map((f) => f.name));
    const sent = Object.fromEntries(Object.entries(values).filter(([k]) => k === 'memo' || shown.has(k.split('#')[0] ?? k)));
    onDone(await action.send(order, sent));
  };
  const set = (name: string, value: string) => setValues((v) => ({ ...v, [name]: value }));
  const Aside = action.aside;
  return (
    <FormDialog
      title={`${action.label} — 관리번호 ${order.no}`}
      intro={action.note && <p className="note">{action.note}</p>}
      fields={[...fields.map((f) => f.name), 'memo']}
      wide={Aside !== undefined}
      onSubmit={send}
      onClose={onClose}
    >
      {(problem) => (
        <>
          <div className="action-body">
            <div className="action-fields">
              {fields.map((f) => <FieldInput key={f.name} field={f} order={order} values={values} set={set} error={fieldErrors(problem, f.name).length > 0 ? <FieldProblem problem={problem} field={f.name} /> : undefined} />)}
            </div>
            {Aside && <Aside order={order} values={values} />}
          </div>
          <MacroPicker order={order} lineId={values.lineId ? Number(values.lineId) : undefined} onInsert={(text) => setValues((v) => ({ ...v, memo: v.memo ? `${v.memo}\n${text}` : text }))} />
          <label>
            CS 메모
            <textarea name="memo" aria-label="CS 메모" rows={3} value={values.memo ?? ''} onChange={(e) => set('memo', e.target.value)} onKeyDown={submitOnEnter} />
            <FieldProblem problem={problem} field="memo" />
          </label>
        </>
      )}
    </FormDialog>
  );
};
