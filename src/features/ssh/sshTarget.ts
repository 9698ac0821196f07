// Which host the terminal opens on: the host node it was invoked on, or one picked from the hosts
// pyinfra reaches over SSH. Its data with secrets comes from the model (InventoryModel.unmaskedHost).
import { reachedOverSsh } from '../../core/connectors/sshHostData';
import type { InventoryModel } from '../../core/inventory/model';
import type { InventoryNode } from '../inventory/nodes';
import { pickHosts } from '../inventory/pickers';

export interface ChosenHost {
  /** The target spec, with the connector's argument. */
  target: string;
  name: string;
}

export async function chooseHost(model: InventoryModel, node?: InventoryNode): Promise<ChosenHost | undefined> {
  if (node?.kind === 'host') return { target: model.targetOf(node.source), name: node.host.name };
  const picked = await pickHosts(model, 'Open SSH Terminal', false, (source, host) => reachedOverSsh(source.handlesExecution, host));
  const selector = picked?.selectors[0];
  const name = selector?.hosts?.[0];
  return selector && name ? { target: selector.target, name } : undefined;
}
