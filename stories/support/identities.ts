import { type Client, createClient, toSigner, type Transport } from '@xmtp-kit/client'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'

/**
 * Each role's XMTP keys, made once per page load with a fresh viem wallet and then reused: a client made
 * from keys needs no wallet signature, so a story's network is seeded in milliseconds instead of paying for
 * key generation on every story. Every story still gets a fresh network, so identities publish their
 * contact bundles anew.
 */
const keysByRole = new Map<string, Promise<Uint8Array>>()

async function keysFor(role: string, transport: Transport): Promise<{ keys: Uint8Array } | { client: Client }> {
  const cached = keysByRole.get(role)
  if (cached) return { keys: await cached }
  const made = createClient({ signer: toSigner(privateKeyToAccount(generatePrivateKey())), transport })
  keysByRole.set(
    role,
    made.then((client) => client.exportKeys()),
  )
  return { client: await made }
}

/** A client for `role` (`'me'`, `'alice'`, …) on `transport`: the same wallet every time within a page load. */
export async function clientFor(role: string, transport: Transport): Promise<Client> {
  const found = await keysFor(role, transport)
  return 'client' in found ? found.client : createClient({ keys: found.keys, transport })
}
