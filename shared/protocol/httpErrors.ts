/**
 * Every error code the HTTP API answers with, named once: the server sends
 * `{ error: <code>, message }`, and the client words each code in the reader's language
 * (client/i18n/errorText.ts). The message is for developers and logs; people see the words.
 */
export const HTTP_ERRORS = [
  'invalid-request',
  'invalid-json',
  'invalid-code',
  'invalid-import',
  'unknown-code',
  'unauthorized',
  'forbidden',
  'not-found',
  'session-not-found',
  'method-not-allowed',
  'body-too-large',
  'unsupported-media-type',
  'too-many-attempts',
  'session-busy',
  'server-full',
  'storage-unavailable',
  'internal',
] as const;

export type HttpErrorCode = (typeof HTTP_ERRORS)[number];
