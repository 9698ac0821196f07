// VS Code reads `$(name)` in a label as an icon: a command such as `echo $(hostname)` shown as a quick pick item
// or a terminal name would lose that part.
const ICON = /(\\)?\$\(([^)]*)\)/g;

/** The label that shows the text as typed. */
export function escapeIcons(text: string): string {
  return text.replace(ICON, (match, escaped) => (escaped ? match : `\\${match}`));
}
