// The SSH terminal's heavy half, ssh2 included: a chunk of its own (see chunks.ts), read on first use.
export { connectSsh } from '../../core/connectors/ssh';
export { SshPseudoterminal } from './sshPseudoterminal';
