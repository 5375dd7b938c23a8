/**
 * A list screen's row action (반품관리's 도착 / 비용 / 완료처리, 교환예정관리's 송장입력 …) as data: its
 * fields, drawn in a FormDialog. The values go to `onSubmit`; a refusal shows beside the field it names.
 */
import type { ReactNode } from 'react';
import { useState } from 'react';
import type { ProblemBody } from './api';
import { fieldErrors, FieldProblem, FormDialog, submitOnEnter } from './FormDialog';

export interface DialogField {
  readonly name: string;
  readonly label: string;
  readonly kind?: 'text' | 'number' | 'memo';
  readonly initial?: string;
  readonly required?: boolean;
  /** Drawn on one line with the fields after it of the same group (e.g. 예정 / 도착 of a fee route). */
  readonly group?: string;
}

export const FieldsDialog = ({ title, fields, intro, onSubmit, onClose }: { title: string; fields: readonly DialogField[]; intro?: ReactNode; onSubmit: (values: Record<string, string>) => Promise<void>; onClose: () => void }) => {
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(fields.map((f) => [f.name, f.initial ?? ''])));
  const set = (name: string) => (e: { target: { value: string } }) => setValues({ ...values, [name]: e.target.value });
  const input = (f: DialogField, problem: ProblemBody | null) => {
    const common = { name: f.name, 'aria-label': f.label, value: values[f.name] ?? '', onChange: set(f.name), required: f.required, 'aria-invalid': fieldErrors(problem, f.name).length > 0 };
    return (
      <label key={f.name}>
        {f.group ? f.label.replace(`${f.group} `, '') : f.label}
        {f.kind === 'memo' ? <textarea {...common} rows={3} onKeyDown={submitOnEnter} /> : <input {...common} type={f.kind === 'number' ? 'number' : 'text'} min={f.kind === 'number' ? 0 : undefined} />}
        <FieldProblem problem={problem} field={f.name} />
      </label>
    );
  };
  // Fields of one group side by side, under the group's name.
  const rows = (problem: ProblemBody | null) => {
    const drawn: ReactNode[] = [];
    for (let i = 0; i < fields.length; ) {
      const f = fields[i] as DialogField;
      const group = f.group;
      const members = group ? fields.slice(i).filter((g, j, all) => all.slice(0, j + 1).every((h) => h.group === group)) : [f];
      drawn.push(group ? <fieldset key={group} className="dialog-group"><legend>{group}</legend>{members.map((m) => input(m, problem))}</fieldset> : input(f, problem));
      i += members.length;
    }
    return drawn;
  };
  return (
    <FormDialog title={title} intro={intro} fields={fields.map((f) => f.name)} onSubmit={() => onSubmit(values)} onClose={onClose}>
      {rows}
    </FormDialog>
  );
};
