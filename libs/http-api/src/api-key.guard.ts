import { CanActivate, ExecutionContext, HttpStatus, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ApiError } from './api-error';
import { ApiKeyRepository } from './api-key.repository';
import type { ApiKeyRole } from './api-key.schema';

const PUBLIC = 'ediary:public';
const ROLES = 'ediary:roles';

/** Marks a route that needs no API key, such as /health. */
export const Public = () => SetMetadata(PUBLIC, true);

/** Restricts a route or controller to API keys of the given roles. */
export const Roles = (...roles: ApiKeyRole[]) => SetMetadata(ROLES, roles);

export interface AuthenticatedRequest extends Request {
  apiClient?: { keyId: string; role: ApiKeyRole };
}

/** Requires `Authorization: Bearer <key>` or `X-Api-Key: <key>` on every route not marked @Public(). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers['x-api-key'] ?? request.headers.authorization?.replace(/^Bearer\s+/i, '');
    const presented = Array.isArray(header) ? header[0] : header;
    if (!presented) {
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'API_KEY_MISSING', 'Не передан API-ключ: укажите заголовок Authorization: Bearer <ключ>');
    }
    const client = await this.keys.verify(presented);
    if (!client) {
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'API_KEY_INVALID', 'API-ключ недействителен или отозван');
    }
    const allowed = this.reflector.getAllAndOverride<ApiKeyRole[] | undefined>(ROLES, targets);
    if (allowed && !allowed.includes(client.role)) {
      throw new ApiError(HttpStatus.FORBIDDEN, 'ROLE_FORBIDDEN', `Ключу с ролью «${client.role}» это действие недоступно`);
    }
    request.apiClient = client;
    return true;
  }
}
