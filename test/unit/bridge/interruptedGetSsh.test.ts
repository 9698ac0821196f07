// `pyinfra-kit get` over pyinfra's @ssh against a real sshd, interrupted at random points
// (test/support/interruptedGet.ts).
import { after, before, describe } from 'node:test';
import { bigFile, interruptGets } from '../../support/interruptedGet';
import { startSshd, sshdUnavailable, type TestSshd } from '../../support/sshd';

describe('pyinfra-kit get over pyinfra @ssh, interrupted', { skip: sshdUnavailable() }, () => {
  const big = bigFile();
  let sshd: TestSshd;
  before(async () => {
    sshd = await startSshd();
  });
  after(async () => sshd.stop());
  const data = () =>
    Object.entries({ ssh_port: String(sshd.port), ssh_user: sshd.user, ssh_key: sshd.userKeyPath, ssh_known_hosts_file: sshd.knownHostsPath, ssh_allow_agent: 'false', ssh_look_for_keys: 'false' }).flatMap(
      ([key, value]) => ['--data', `${key}=${value}`],
    );
  interruptGets(() => sshd.host, data, big);
});
