import type { Language } from '../../shared/model/ripple';
import { err, ok, type Result } from '../../shared/util/result';

/**
 * The HTTP API (server/http/api.ts). Every call returns a value, never throws: a
 * failure carries the server's error code (or `network`), which `httpErrorKey` turns
 * into words.
 */
export type ApiResult<T> = Result<T>;

export interface CreatedSession {
  id: string;
  title: string;
  facilitatorKey: string;
  viewerKey: string;
  /** Display form, "ACD-EFH". */
  joinCode: string;
  joinUrl: string;
  /** With `#key=` (facilitator key). */
  boardUrl: string;
  /** With `#key=` (viewer key). */
  presenterUrl: string;
}

export interface SessionInfo {
  id: string;
  title: string;
  role: 'facilitator' | 'viewer';
  joinCode: string;
  joinUrl: string;
  boardUrl: string;
  presenterUrl: string;
}

export interface JoinedSession {
  sessionId: string;
  title: string;
  participantId: string;
  secret: string;
  name: string;
}

async function request<T>(path: string, init: RequestInit): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    return err('network');
  }
  const body = (await response.json().catch(() => null)) as unknown;
  if (response.ok && body !== null && typeof body === 'object') return ok(body as T);
  const code =
    body && typeof body === 'object' && 'error' in body && typeof body.error === 'string'
      ? body.error
      : `http-${response.status}`;
  return err(code);
}

const json = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export function createSession(input: {
  title: string;
  programme?: string;
  language?: Language;
}): Promise<ApiResult<CreatedSession>> {
  return request('/api/sessions', json(input));
}

export function fetchSessionInfo(sessionId: string, key: string): Promise<ApiResult<SessionInfo>> {
  return request(`/api/sessions/${encodeURIComponent(sessionId)}`, {
    headers: { 'x-kringen-key': key },
  });
}

export function joinSession(code: string, name: string): Promise<ApiResult<JoinedSession>> {
  return request('/api/join', json({ code, name }));
}

/** A new facilitator key for a leaked board link; the old key stops working. */
export function renewFacilitatorKey(
  sessionId: string,
  key: string,
): Promise<ApiResult<{ facilitatorKey: string; boardUrl: string }>> {
  return request(`/api/sessions/${encodeURIComponent(sessionId)}/facilitator-key`, {
    method: 'POST',
    headers: { 'x-kringen-key': key },
  });
}
