import type { JsonObject } from '../model/types';

export type StatusReason =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'Gone'
  | 'Expired'
  | 'MethodNotAllowed'
  | 'NotAcceptable'
  | 'UnsupportedMediaType'
  | 'RequestEntityTooLarge'
  | 'InternalError'
  | 'Timeout';

export interface Cause {
  reason?: string;
  message: string;
  field?: string;
}

/** An error the apiserver reports as a metav1.Status with this code and reason. */
export class StatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: StatusReason,
    message: string,
    readonly details?: { name?: string; group?: string; kind?: string; causes?: Cause[]; retryAfterSeconds?: number },
    /** The Status's ListMeta: an expired list's fresh continue token. */
    readonly listMeta?: { continue: string },
  ) {
    super(message);
  }

  toStatus(): JsonObject {
    const status = statusObject(this.code, this.reason, this.message, this.details as JsonObject | undefined);
    return this.listMeta ? { ...status, metadata: { ...this.listMeta } } : status;
  }
}

export function statusObject(code: number, reason: string, message: string, details?: JsonObject): JsonObject {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: code < 300 ? 'Success' : 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  };
}

export function notFound(qualified: string, name: string, group: string, kind: string): StatusError {
  return new StatusError(404, 'NotFound', `${qualified} "${name}" not found`, { name, group, kind });
}

export function alreadyExists(qualified: string, name: string, group: string, kind: string): StatusError {
  return new StatusError(409, 'AlreadyExists', `${qualified} "${name}" already exists`, { name, group, kind });
}

export function conflict(qualified: string, name: string, group: string, kind: string): StatusError {
  return new StatusError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualified} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, group, kind },
  );
}

export function invalid(kind: string, name: string, group: string, causes: Cause[]): StatusError {
  const summary = causes.map((c) => `${c.field ? `${c.field}: ` : ''}${c.message}`).join(', ');
  return new StatusError(422, 'Invalid', `${kind} "${name}" is invalid: ${summary}`, {
    name,
    group,
    kind,
    causes: causes.map((c) => ({ reason: c.reason ?? 'FieldValueInvalid', message: c.message, field: c.field })),
  });
}

export function badRequest(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message);
}
