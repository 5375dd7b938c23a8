/**
 * Typed domain errors with stable codes. `kind` tells the outer layers how to answer:
 * not_found → 404, invalid (bad input the rules refuse) → 422, conflict (a rule of the
 * order's current state) → 409.
 */
export type DomainErrorKind = 'not_found' | 'invalid' | 'conflict';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
    /** The offending input field, when one field is to blame (e.g. `trackingNumber`). */
    readonly field?: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

export const notFound = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, 'not_found', message, undefined, details);
export const invalid = (code: string, message: string, field?: string, details?: Record<string, unknown>) =>
  new DomainError(code, 'invalid', message, field, details);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, 'conflict', message, undefined, details);
