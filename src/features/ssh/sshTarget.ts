// Which host the terminal opens on, and its data as pyinfra sees it: read again through the bridge
// with secrets unmasked, because the tree holds them masked.
import type { HostEntry } from '../../core/bridge/protocol';
import { reachedOverSsh } from '../../core/connectors/sshHostData';
import { targetWithArgument } from '../../core/sidebar/sources';
import { unsavedSources } from '../bridgeFactory';
import type { Ctx } from '../ctx';
import { pickHosts } from '../execution/targets';
import type { InventoryFeature } from '../inventory';
import type { InventoryNode } from '../inventory/nodes';

export interface ChosenHost {
  /** The target spec, with the connector's argument. */
  target: string;
  name: string;
}

/** The host node the command was invoked on, or the one picked from every connector's hosts. */
export async function chooseHost(inventory: InventoryFeature, node?: InventoryNode): Promise<ChosenHost | undefined> {
  if (node?.kind === 'host') return { target: targetWithArgument(node.source, inventory.settings.argument(node.source.id)), name: node.host.name };
  const picked = await pickHosts(inventory, 'Open SSH Terminal', false, (source, host) => reachedOverSsh(source.handlesExecution, host));
  const selector = picked?.selectors[0];
  const name = selector?.hosts?.[0];
  return selector && name ? { target: selector.target, name } : undefined;
}

export async function unmaskedHost(ctx: Ctx, chosen: ChosenHost): Promise<HostEntry> {
  const bridge = await ctx.bridge();
  const hosts = await bridge.inventory(chosen.target, { showSecrets: true, sources: unsavedSources() });
  const host = hosts.find((h) => h.name === chosen.name);
  if (!host) throw new Error(`${chosen.name} is no longer in the inventory of ${chosen.target}`);
  return host;
}
