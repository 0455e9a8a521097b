/** Trafficback is where a flow's visitors go whom its offer does not take, and who decided it. */
export interface Trafficback {
  /** by is whose trafficback URL applies: the flow's, the offer's, the network's; none: a 404. */
  by: 'flow' | 'offer' | 'network' | 'none'
  url: string
}

/**
 * trafficbackOf follows the tracker's order (SPEC §2, §11): the flow's trafficback URL, else the
 * offer's, else the network's default; with none of them the visitor gets a 404.
 */
export function trafficbackOf(flow: string | null | undefined, offer: string | null | undefined, network: string | null | undefined): Trafficback {
  if (flow) return { by: 'flow', url: flow }
  if (offer) return { by: 'offer', url: offer }
  if (network) return { by: 'network', url: network }
  return { by: 'none', url: '' }
}
