import { err, ok, type Result } from '../shared/util/result';

/**
 * What `work` came to by `deadline` (a Date.now() time): done, failed (why), or still
 * running, which a stop reports instead of waiting for.
 */
export async function beforeDeadline(work: Promise<unknown>, deadline: number): Promise<Result<undefined>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Result<undefined>>((resolve) => {
    timer = setTimeout(
      () => resolve(err('SHUTDOWN_TIMEOUT_MS reached before storage answered')),
      Math.max(0, Math.min(deadline - Date.now(), 2 ** 31 - 1)),
    );
  });
  const done = work.then(
    (): Result<undefined> => ok(undefined),
    (error: unknown): Result<undefined> => err(error instanceof Error ? error.message : String(error)),
  );
  try {
    return await Promise.race([done, late]);
  } finally {
    clearTimeout(timer);
  }
}
