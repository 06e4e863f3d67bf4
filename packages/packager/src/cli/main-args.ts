/** The subcommand named on the command line (its first word that is neither an option nor --lang's value). */
export function commandName(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return undefined;
    if (a === '--lang') {
      i++;
      continue;
    }
    if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/**
 * yargs renders a command's whole help text right after calling its handler, so that a handler failing later could
 * still show it; ours never is shown (`.fail` throws), and measuring the help's CJK text took ~25 ms of this thread
 * in the middle of a check's load. Reached through yargs' internal methods: without them, the help is cached as before.
 */
export function skipHelpCache(cli: object): void {
  type Internal = { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } };
  const usage = (cli as Internal).getInternalMethods?.().getUsageInstance?.();
  if (typeof usage?.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}
