// A Python traceback as the bridge sends it (`detail`), read the way the Testing view reads a failed test: the
// connector author's frames first, the kit's and pyinfra's folded, the raising line of the author's file found.
import * as path from 'path';

export interface Frame {
  file: string;
  /** 1-based, as Python prints it. */
  line: number;
  function: string;
  /** The source line Python printed under the frame, when it did. */
  code?: string;
}

export interface Traceback {
  /** Outermost first, as Python prints them. */
  frames: Frame[];
  /** The last line: `ValueError: the API answered 500`. */
  exception: string;
}

const FRAME = /^ {2}File "(.+)", line (\d+), in (.+)$/;
// a chained exception starts a new traceback; the last one is the exception that reached the bridge
const CHAIN = /^(During handling of the above exception|The above exception was the direct cause)/;

export function parseTraceback(text: string): Traceback | undefined {
  let frames: Frame[] = [];
  let exception = '';
  for (const line of text.split(/\r?\n/)) {
    if (CHAIN.test(line) || line.startsWith('Traceback (most recent call last)')) {
      if (CHAIN.test(line)) frames = [];
      continue;
    }
    const frame = FRAME.exec(line);
    if (frame) {
      frames.push({ file: frame[1], line: Number(frame[2]), function: frame[3] });
    } else if (/^ {4}\S/.test(line) && frames.length > 0 && frames[frames.length - 1].code === undefined && !/^\s*[\^~]+\s*$/.test(line)) {
      frames[frames.length - 1].code = line.trim();
    } else if (/^\S/.test(line)) {
      exception = line;
    }
  }
  return frames.length > 0 ? { frames, exception } : undefined;
}

/** Frames in files the author wrote: inside the workspace, outside any installed package and the kit's own Python. */
export function authorFileTest(workspaceRoot: string, kitPythonDir?: string): (file: string) => boolean {
  const inside = (dir: string, file: string) => {
    const relative = path.relative(dir, file);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  };
  return (file) => inside(workspaceRoot, file) && !(kitPythonDir && inside(kitPythonDir, file)) && !/[\\/](site|dist)-packages[\\/]/.test(file);
}

/** The innermost frame of the author's code: where the connector raised, or called into what raised. */
export function raisingFrame(traceback: Traceback, isAuthorFile: (file: string) => boolean): Frame | undefined {
  return [...traceback.frames].reverse().find((frame) => isAuthorFile(frame.file));
}

/** The exception, the author's frames innermost first, and one line for the frames folded away. */
export function formatAuthorTraceback(traceback: Traceback, isAuthorFile: (file: string) => boolean, relativeTo: string): string {
  const author = [...traceback.frames].reverse().filter((frame) => isAuthorFile(frame.file));
  const folded = traceback.frames.length - author.length;
  const lines = [traceback.exception];
  for (const frame of author) lines.push(`  at ${frame.function} (${path.relative(relativeTo, frame.file)}:${frame.line})${frame.code ? `  ${frame.code}` : ''}`);
  if (folded > 0) lines.push(`  (${folded} frame${folded === 1 ? '' : 's'} of pyinfra and pyinfra-kit folded)`);
  return lines.join('\n');
}

/** For a bare `NotImplementedError` raised by a stub in the author's code: which method is not written yet. */
export function describeStub(traceback: Traceback, isAuthorFile: (file: string) => boolean): string | undefined {
  const frame = raisingFrame(traceback, isAuthorFile);
  return frame && /^NotImplementedError:?$/.test(traceback.exception.trim()) ? `${frame.function} is not implemented yet` : undefined;
}
