// VS Code reads `$(name)` in a label as an icon: a command such as `echo $(hostname)` shown as a quick pick item
// or a terminal name would lose that part. Neither place reads a backslash escape (the backslash shows), so a
// zero-width space after the `$` keeps the text as typed to the eye.
const ICON_START = /\$\(/g;
const ZERO_WIDTH_SPACE = '\u200b';

/** The label that shows the text as typed. */
export function escapeIcons(text: string): string {
  return text.replace(ICON_START, `$${ZERO_WIDTH_SPACE}(`);
}
