// @local natively: commands through child_process, files copied with `cp` through the same shell
// (as pyinfra's LocalConnector does, so sudo works for them too). Needs no Python.
import { spawn } from 'child_process';
import * as fs from 'fs';
import type { HostEntry, HostRunResult } from '../bridge/protocol';
import type { ExecOptions, HostConnection, TransferOptions } from './hostConnection';
import { commandRecorder, failedResult } from './outputLines';
import { download } from './partialFile';
import { makeUnixCommand, shellQuote } from './unixCommand';

export const LOCAL_HOST: HostEntry = { name: '@local', data: {}, groups: ['@local'], connector: '@local' };

export class LocalHost implements HostConnection {
  readonly name = LOCAL_HOST.name;

  run(command: string, options: ExecOptions = {}): Promise<HostRunResult> {
    const { output, result } = commandRecorder(this.name, options.onOutput);
    return new Promise((resolve) => {
      if (options.signal?.aborted) return resolve(result(false, 'Cancelled'));
      const child = spawn('/bin/sh', ['-c', makeUnixCommand(command, options)], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      let stopped: string | undefined;
      const stop = (why: string) => {
        stopped = why;
        try {
          process.kill(-child.pid!, 'SIGKILL'); // the shell and what it started
        } catch {
          child.kill('SIGKILL');
        }
      };
      const timer = options.timeoutSec ? setTimeout(() => stop(`Timed out after ${options.timeoutSec} s`), options.timeoutSec * 1000) : undefined;
      const onAbort = () => stop('Cancelled');
      options.signal?.addEventListener('abort', onAbort, { once: true });
      child.stdout.on('data', (chunk: Buffer) => output.push('stdout', chunk));
      child.stderr.on('data', (chunk: Buffer) => output.push('stderr', chunk));
      child.on('error', (error) => {
        clearTimeout(timer);
        resolve(result(false, error.message));
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        resolve(stopped ? result(false, stopped) : result(code === 0));
      });
    });
  }

  async put(localPath: string, remotePath: string, options: TransferOptions = {}): Promise<HostRunResult> {
    if (!fs.existsSync(localPath)) return failedResult(this.name, `No such local file: ${localPath}`);
    return this.run(`cp -- ${shellQuote(localPath)} ${shellQuote(remotePath)}`, { signal: options.signal });
  }

  get(remotePath: string, localPath: string, options: TransferOptions = {}): Promise<HostRunResult> {
    return download(this.name, remotePath, localPath, async (partial) => {
      // `--`: a remote path starting with "-" is a file, not an option
      const copied = await this.run(`cp -- ${shellQuote(remotePath)} ${shellQuote(partial)}`, { signal: options.signal });
      return copied.success ? copied : { ...copied, error: copied.error ?? (copied.stderr || `cp exited with an error`) };
    });
  }

  close(): void {}
}
