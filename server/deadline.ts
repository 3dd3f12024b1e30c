/**
 * What `work` came to by `deadline` (a Date.now() time): done, failed (why), or still
 * running, which a stop reports instead of waiting for.
 */
export async function beforeDeadline(
  work: Promise<unknown>,
  deadline: number,
): Promise<{ ok: true } | { ok: false; reason: string }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ ok: false; reason: string }>((resolve) => {
    timer = setTimeout(
      () => resolve({ ok: false, reason: 'SHUTDOWN_TIMEOUT_MS reached before storage answered' }),
      Math.max(0, Math.min(deadline - Date.now(), 2 ** 31 - 1)),
    );
  });
  const done = work.then(
    () => ({ ok: true as const }),
    (error: unknown) => ({
      ok: false as const,
      reason: error instanceof Error ? error.message : String(error),
    }),
  );
  try {
    return await Promise.race([done, late]);
  } finally {
    clearTimeout(timer);
  }
}
