// The analysis API shared by the language server, the CLI and the extension.
export { analyzeFiles, SourceFile } from './analyzeFiles';
export { WorkspaceIndex, ReadText, readTextFromDisk, isPyproject } from './workspaceIndex';
export type { AnalysisResult } from './analyzeWorkspace';
export type { TextChange } from './pythonParser';
export * from './types';
