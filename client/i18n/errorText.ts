import type { CommandError } from '../../shared/doc/commands';
import { closeNameOf } from '../../shared/protocol/closeCodes';
import type { HttpErrorCode } from '../../shared/protocol/httpErrors';
import type { MessageKey } from './nl';

/**
 * Friendly texts for every failure a person can meet: server close codes, HTTP error
 * codes and refused commands. The wire codes are named once in shared/ and server/http;
 * their words live in the dictionaries.
 */
export function closeMessageKey(code: number, reason?: string): MessageKey {
  switch (closeNameOf(code, reason)) {
    case 'unauthorized':
    case 'keyRenewed':
      return 'error.close.unauthorized';
    case 'notFound':
      return 'error.close.notFound';
    case 'sessionDeleted':
      return 'error.close.sessionDeleted';
    case 'forbidden':
      return 'error.close.forbidden';
    case 'invalid':
    case 'malformed':
      return 'error.close.invalid';
    case 'tooLarge':
      return 'error.close.tooLarge';
    case 'tooManyRipples':
      return reason ? 'error.close.tooManyRipples' : 'error.close.limit';
    case 'tooManyLinks':
      return 'error.close.tooManyLinks';
    case 'textTooLong':
      return 'error.close.textTooLong';
    case 'tooManyConnections':
      return 'error.close.tooManyConnections';
    default:
      return 'error.close.other';
  }
}

/** The codes a person can meet, worded; any other code reads as 'error.http.other'. */
const HTTP_ERRORS: Partial<Record<HttpErrorCode, MessageKey>> & Record<'network', MessageKey> = {
  'invalid-code': 'error.http.invalidCode',
  'unknown-code': 'error.http.unknownCode',
  'too-many-attempts': 'error.http.tooManyAttempts',
  'session-busy': 'error.http.sessionBusy',
  'server-full': 'error.http.serverFull',
  'storage-unavailable': 'error.http.storageUnavailable',
  'invalid-request': 'error.http.invalidRequest',
  'session-not-found': 'error.http.sessionNotFound',
  unauthorized: 'error.http.unauthorized',
  network: 'error.http.network',
};

export function httpErrorKey(code: string): MessageKey {
  return HTTP_ERRORS[code as HttpErrorCode | 'network'] ?? 'error.http.other';
}

export function commandErrorKey(error: CommandError): MessageKey {
  switch (error.kind) {
    case 'cycle':
      return 'error.command.cycle';
    case 'forbidden':
      return 'error.command.forbidden';
    case 'not-found':
      return 'error.command.notFound';
    case 'invalid':
      return 'error.command.invalid';
    case 'voting-closed':
    case 'no-dots-left':
      return 'error.command.other';
  }
}
