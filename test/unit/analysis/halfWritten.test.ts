// While a file is half-written, a syntax error anywhere in a complete, correct connector must not
// produce diagnostics: an unclosed bracket or a dangling keyword is inserted at every line in turn.
import assert from 'node:assert/strict';
import * as path from 'path';
import { describe, it } from 'node:test';
import { WorkspaceIndex } from '../../../src/core/analysis';

const complete = `from pyinfra.connectors.base import BaseConnector


class Complete(BaseConnector):
    handles_execution = True

    @staticmethod
    def make_names_data(name=None):
        yield "h", {}, []

    def run_shell_command(self, command, print_output=False, print_input=False, **arguments):
        return True, None

    def put_file(self, filename_or_io, remote_filename, remote_temp_filename=None, print_output=False, print_input=False, **arguments):
        return True

    def get_file(self, remote_filename, filename_or_io, remote_temp_filename=None, print_output=False, print_input=False, **arguments):
        return True
`;

describe('half-written files', () => {
  it('reports nothing when a syntax error is typed at any line of a correct connector', async () => {
    const index = await WorkspaceIndex.create(() => undefined);
    const file = path.resolve('/half/conn.py');
    const lines = complete.split('\n');
    const failures: string[] = [];
    for (const garbage of ['x = (', '    result = call(', '    def', '    if', '    @', 'class']) {
      for (let line = 4; line < lines.length; line++) {
        const text = [...lines.slice(0, line), garbage, ...lines.slice(line)].join('\n');
        index.openDocument(file, text);
        const reported = index.diagnostics().get(file) ?? [];
        if (reported.length > 0) failures.push(`'${garbage}' at line ${line + 1}: ${reported.map((d) => d.message.slice(0, 60)).join('; ')}`);
      }
    }
    assert.deepEqual(failures, []);
  });
});
