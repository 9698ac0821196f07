// The whole analysis in one call, for the CLI and tests: files in, diagnostics out.
import { Diagnostic } from './types';
import { WorkspaceIndex } from './workspaceIndex';

export interface SourceFile {
  path: string;
  text: string;
}

export async function analyzeFiles(files: SourceFile[]): Promise<Diagnostic[]> {
  const texts = new Map(files.map((file) => [file.path, file.text]));
  const index = await WorkspaceIndex.create((file) => texts.get(file));
  for (const file of files) index.setFile(file.path, file.text);
  return [...index.diagnostics().values()].flat();
}
