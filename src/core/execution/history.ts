// The commands a person ran, newest first, without repeats: offered first when they run again.
export const HISTORY_SIZE = 20;

export function rememberCommand(history: readonly string[], command: string, size = HISTORY_SIZE): string[] {
  return [command, ...history.filter((c) => c !== command)].slice(0, size);
}
