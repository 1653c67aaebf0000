import { useEffect, useState } from 'react'
import { shortAddress } from '../internal/format.js'

/** A name and an avatar for an address; any field may be missing. */
export interface ResolvedIdentity {
  name?: string | null | undefined
  avatarUrl?: string | null | undefined
}

/** Looks up a name and avatar for an address. Results are cached per resolver and address. */
export type IdentityResolver = (address: string) => Promise<ResolvedIdentity | null | undefined>

/** What components show for an address. */
export interface Identity {
  address: string
  /** The resolved name, else the short address (`0x1234…abcd`). */
  displayName: string
  name: string | undefined
  /** A safe avatar URL (`https:` or `data:image/…`), if the resolver gave one. */
  avatarUrl: string | undefined
}

/** The subset of a viem `PublicClient` that ENS lookups need. */
export interface EnsReader {
  getEnsName(parameters: { address: `0x${string}` }): Promise<string | null>
  getEnsAvatar(parameters: { name: string }): Promise<string | null>
}

/**
 * An `IdentityResolver` over ENS, through a viem public client (e.g. wagmi's `usePublicClient()` on mainnet).
 * Lookup failures resolve to no name.
 */
export function ensIdentityResolver(client: EnsReader): IdentityResolver {
  return async (address) => {
    const name = await client.getEnsName({ address: address as `0x${string}` }).catch(() => null)
    if (!name) return null
    const avatarUrl = await client.getEnsAvatar({ name }).catch(() => null)
    return { name, avatarUrl }
  }
}

const cache = new WeakMap<IdentityResolver, Map<string, Promise<ResolvedIdentity | null>>>()

/** The resolver's answer for `address`, looked up once per resolver and address (lower-cased) and shared with `useIdentity`. */
export function lookup(resolver: IdentityResolver, address: string): Promise<ResolvedIdentity | null> {
  let byAddress = cache.get(resolver)
  if (!byAddress) cache.set(resolver, (byAddress = new Map()))
  const key = address.toLowerCase()
  let pending = byAddress.get(key)
  if (!pending) {
    pending = resolver(address).then(
      (r) => r ?? null,
      () => null,
    )
    byAddress.set(key, pending)
  }
  return pending
}

/** Only URLs that cannot run script or leak through odd schemes. */
function safeImageUrl(url: string | null | undefined): string | undefined {
  if (!url) return undefined
  return /^https:\/\//i.test(url) || /^data:image\/(png|jpeg|gif|webp);/i.test(url) ? url : undefined
}

function toIdentity(address: string, resolved: ResolvedIdentity | null | undefined): Identity {
  const name = typeof resolved?.name === 'string' && resolved.name.trim() ? resolved.name.trim() : undefined
  return { address, displayName: name ?? shortAddress(address), name, avatarUrl: safeImageUrl(resolved?.avatarUrl) }
}

/** The name and avatar of `address` through the given resolver (short address until it answers). */
export function useResolvedIdentity(resolver: IdentityResolver | undefined, address: string): Identity {
  const [resolved, setResolved] = useState<{ address: string; value: ResolvedIdentity | null } | undefined>(undefined)
  useEffect(() => {
    if (!resolver) return
    let active = true
    void lookup(resolver, address).then((value) => {
      if (active) setResolved({ address, value })
    })
    return () => {
      active = false
    }
  }, [resolver, address])
  return toIdentity(address, resolved?.address === address ? resolved.value : undefined)
}

