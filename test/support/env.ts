/**
 * Runs `fn` with `env` set in process.env, then restores each variable (removed again when it was unset): the
 * checker reads its thread settings (NYT2539_THREADS, …) from the environment when it runs.
 */
export async function withEnv<T>(env: Record<string, string>, fn: () => T | Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
