// The address of a code-server workbench on a folder, with a development extension and, optionally, its tests.
//
// --extensionDevelopmentPath and --extensionTestsPath are not code-server flags: the workbench reads them from its
// `payload` query parameter as vscode-remote:// URIs, the way VS Code's own browser integration tests do. These are
// VS Code internals: pin the code-server version (test/e2e/package.json).
function workbenchUrl(base, { folder, extPath, testsPath }) {
  const host = new URL(base).host; // the remote authority is the host the browser uses
  const payload = [['skipWelcome', 'true']];
  if (extPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${host}${extPath}`]);
  if (testsPath) payload.push(['extensionTestsPath', `vscode-remote://${host}${testsPath}`]);
  return `${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

module.exports = { workbenchUrl };
