export { ApiError, ValidationFailedError, type FieldProblem } from './api-error';
export { ApiExceptionFilter } from './api-exception.filter';
export { ApiKeyGuard, Public, Roles, type AuthenticatedRequest } from './api-key.guard';
export { ApiKeyRepository, type IssuedApiKey } from './api-key.repository';
export { API_KEY_ROLES, type ApiKeyRole } from './api-key.schema';
export { HttpApiModule } from './http-api.module';
export { runIssueApiKeyCli } from './issue-api-key.cli';
export { formatFieldPath, toFieldProblems } from './zod-problems';
export { ZodValidationPipe } from './zod-validation.pipe';
