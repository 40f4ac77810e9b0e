import { HttpStatus } from '@nestjs/common';

/** One problem with one field of a request, in the shape every API returns. */
export interface FieldProblem {
  /** Path of the field in the request body, e.g. "marks[2].value"; empty for the whole body. */
  field: string;
  /** Stable machine-readable code, e.g. "INVALID_MARK". */
  code: string;
  /** Russian text for the person who sent the request. */
  message: string;
}

/**
 * A domain error with a stable code. The exception filter turns it into
 * `{ error: { code, message, details } }` with the given HTTP status.
 */
export class ApiError extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: string,
    /** Russian text for the caller. */
    readonly messageRu: string,
    readonly details: FieldProblem[] = [],
  ) {
    super(`${code}: ${messageRu}`);
    this.name = 'ApiError';
  }
}

export class ValidationFailedError extends ApiError {
  constructor(details: FieldProblem[]) {
    super(HttpStatus.UNPROCESSABLE_ENTITY, 'VALIDATION_FAILED', 'Запрос содержит ошибки, исправьте указанные поля', details);
  }
}
