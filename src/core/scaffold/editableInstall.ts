// `pip install -e` of the workspace's project into the interpreter that runs connectors, so that pyinfra's own
// entry-point lookup finds `@name` at once. Without build isolation when the project builds with setuptools and the
// interpreter has it (offline, in seconds); otherwise pip fetches the build backend into an isolated environment.

/** Exits 0 when the interpreter can build an editable setuptools project itself (PEP 660: setuptools 64 and later). */
export const HAS_SETUPTOOLS_BACKEND = [
  'import sys',
  'try:',
  '    import setuptools',
  '    major = int(setuptools.__version__.split(".")[0])',
  '    if major < 71:',
  '        import wheel  # setuptools before 70.1 builds wheels with the wheel package',
  'except Exception:',
  '    sys.exit(1)',
  'sys.exit(0 if major >= 64 else 1)',
].join('\n');

export const SETUPTOOLS_BACKEND = 'setuptools.build_meta';

/** pip's arguments (after the interpreter) for an editable install of `folder`. */
export function editableInstallArgs(folder: string, buildInPlace: boolean): string[] {
  return ['-m', 'pip', 'install', '--disable-pip-version-check', ...(buildInPlace ? ['--no-build-isolation'] : []), '--editable', folder];
}
