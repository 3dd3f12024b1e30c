import type { CreatedSession } from '../api/api';
import { rememberScreenKey } from '../device/screenKey';
import { navigate, sessionPath } from '../routes';

export interface ImportIssue {
  path: string;
  message: string;
}

export type OpenResult = { kind: 'refused'; issues: ImportIssue[] } | { kind: 'failed'; reason: string };

/**
 * Makes a new session of a session file (an export, a continued or a merged map) and opens
 * its board on this device. The server checks the whole file first and creates nothing when
 * anything is wrong; then this resolves with the problems, by field. On success it navigates
 * and resolves with nothing.
 */
export async function openAsNewSession(data: unknown): Promise<OpenResult | null> {
  try {
    const response = await fetch('/api/sessions/import', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(data),
    });
    const body = (await response.json()) as CreatedSession & { issues?: ImportIssue[]; message?: string };
    if (!response.ok) {
      return {
        kind: 'refused',
        issues: body.issues ?? [{ path: '(file)', message: body.message ?? String(response.status) }],
      };
    }
    rememberScreenKey('board', body.id, body.facilitatorKey);
    rememberScreenKey('present', body.id, body.viewerKey);
    navigate(sessionPath(body.id, 'board'));
    return null;
  } catch (error) {
    return { kind: 'failed', reason: (error as Error).message };
  }
}
