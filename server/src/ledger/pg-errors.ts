/** PostgreSQL errors that are answers, not faults: a constraint that held, a transaction to try again. */
import { ApiError, T, type ProblemCode } from '../http/problem.ts';

interface PgError {
  code?: string;
  constraint?: string;
}

const BY_CONSTRAINT: Record<string, ProblemCode> = {
  accounts_balance_check: 'insufficient-points',
  rewards_in_stock: 'out-of-stock',
  per_person_limit: 'per-person-limit',
  daily_cap: 'daily-cap',
  attendance_pkey: 'already-counted',
  transfers_reverses_key: 'already-reversed',
};

/** The ApiError a constraint violation means, or undefined for anything else. */
export function constraintProblem(e: unknown): ApiError | undefined {
  const err = e as PgError;
  // Text PostgreSQL cannot store (a NUL character): the request's fault, refused before anything is kept.
  if (err.code === '22021' || err.code === '22P05')
    return new ApiError('invalid-request', {
      detail: T('文字中不能有 NUL 字符', '文字中不能有 NUL 字元', 'text must not contain NUL characters'),
    });
  if ((err.code === '23514' || err.code === '23505') && err.constraint && BY_CONSTRAINT[err.constraint])
    return new ApiError(BY_CONSTRAINT[err.constraint]!);
  return undefined;
}

/** Serialization failures and deadlocks: the transaction can simply run again. */
export function retryable(e: unknown): boolean {
  const code = (e as PgError).code;
  return code === '40001' || code === '40P01';
}
