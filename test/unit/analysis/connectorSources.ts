// Class-body snippets the rule tests build connectors from: the execution methods and make_names_data as pyinfra
// calls them, so a test adds only what it is about.

/** run_shell_command, put_file and get_file with pyinfra's calling convention. */
export const EXECUTES = '    def run_shell_command(self, command, print_output=False, print_input=False, **arguments):\n        return True, None\n\n'
  + '    def put_file(self, filename_or_io, remote_filename, remote_temp_filename=None, print_output=False, print_input=False, **arguments):\n        return True\n\n'
  + '    def get_file(self, remote_filename, filename_or_io, remote_temp_filename=None, print_output=False, print_input=False, **arguments):\n        return True\n';

/** A static make_names_data that yields nothing. */
export const NAMES = '    @staticmethod\n    def make_names_data(name=None):\n        return []\n\n';
