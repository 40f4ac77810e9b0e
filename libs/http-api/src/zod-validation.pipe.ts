import { Injectable, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ValidationFailedError } from './api-error';
import { toFieldProblems } from './zod-problems';

/** Validates a request body against a zod schema and returns the parsed value. */
@Injectable()
export class ZodValidationPipe<Schema extends z.ZodType> implements PipeTransform<unknown, z.output<Schema>> {
  constructor(private readonly schema: Schema) {}

  transform(value: unknown): z.output<Schema> {
    const result = this.schema.safeParse(value);
    if (!result.success) throw new ValidationFailedError(toFieldProblems(result.error));
    return result.data;
  }
}
