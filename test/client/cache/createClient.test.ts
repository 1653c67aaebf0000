import { describe, expect, test } from 'vitest'
import { createClient, createMemoryNetwork, KeystoreError, listConversations, memoryTransport, startConversation, type Transport } from '@xmtp-kit/client'
import { flushCache } from '../../../packages/client/src/cache/flushCache.js'
import { memoryPersistence } from '../../../packages/client/src/cache/memoryPersistence.js'
import { decodePrivateKeyBundle, encodePrivateKeyBundle } from '../../../packages/client/src/keystore/privateKeyBundleEncoding.js'
import { createCountingWallet } from '../../support/wallets.js'
import { countCrypto, countingTransport } from './helpers.js'

/** Contact envelopes published so far on `address`'s contact topic. */
async function contactEnvelopes(transport: Transport, address: string) {
  let count = 0
  for await (const page of transport.query({ contentTopic: `/xmtp/0/contact-${address}/proto` })) count += page.envelopes.length
  return count
}

/** A wallet with an identity on the network, and a persistence its client has written. */
async function warmedUp() {
  const network = createMemoryNetwork()
  const transport = memoryTransport({ network })
  const first = await createClient({ signer: createCountingWallet(), transport })
  const keys = first.exportKeys()
  const persistence = memoryPersistence()
  const peer = await createClient({ signer: createCountingWallet(), transport })
  await startConversation(peer, { peerAddress: first.address })
  // The first start from these keys verifies them and records it in the cache.
  const cold = await createClient({ keys, transport, persistence })
  await listConversations(cold)
  await flushCache(cold)
  return { network, transport, keys, persistence, address: first.address }
}

describe('createClient: keys and a persistence', () => {
  test('behavior: a warm start checks only the wallet signature (which names the cache), not the rest of the keys again', async () => {
    const { network, keys, persistence, address } = await warmedUp()
    const crypto = countCrypto()
    const client = await createClient({ keys, transport: memoryTransport({ network }), persistence, publishContact: false })
    expect(client.address).toBe(address)
    // One recovery (the identity key's wallet signature); no pre-key signature verification.
    expect(crypto).toEqual({ ecdh: 0, verify: 0, recover: 1 })
    expect(await listConversations(client)).toHaveLength(1)

    // Without a cache every check is done.
    const bare = countCrypto()
    await createClient({ keys, transport: memoryTransport({ network }), publishContact: false })
    expect(bare.verify).toBe(1)
    expect(bare.recover).toBe(1)
  })

  test('behavior: keys that differ from the verified ones in any byte are verified again (and refused when invalid)', async () => {
    const { network, keys, persistence } = await warmedUp()
    const { bundle } = decodePrivateKeyBundle(new Uint8Array(keys))
    // The same identity key, its pre-key signature broken.
    bundle.preKeys[0]!.publicKey!.signature!.ecdsaCompact!.bytes[5]! ^= 1
    const tampered = encodePrivateKeyBundle(bundle)
    await expect(createClient({ keys: tampered, transport: memoryTransport({ network }), persistence, publishContact: false })).rejects.toThrow(
      KeystoreError,
    )
    // The record of the real keys is intact: they still start without the full check.
    const crypto = countCrypto()
    await createClient({ keys, transport: memoryTransport({ network }), persistence, publishContact: false })
    expect(crypto).toEqual({ ecdh: 0, verify: 0, recover: 1 })
  })

  test('behavior: the record is sealed in the cache: another persistence, or a cleared one, verifies the keys again', async () => {
    const { network, keys } = await warmedUp()
    const crypto = countCrypto()
    await createClient({ keys, transport: memoryTransport({ network }), persistence: memoryPersistence(), publishContact: false })
    expect(crypto.verify).toBe(1)
  })

  test('behavior: an unchanged contact is checked with one query, without verifying it, and not republished', async () => {
    const { network, keys, persistence, address } = await warmedUp()
    const counted = countingTransport(network)
    const before = await contactEnvelopes(counted.transport, address)
    counted.reset()
    const crypto = countCrypto()
    await createClient({ keys, transport: counted.transport, persistence })
    expect(crypto).toEqual({ ecdh: 0, verify: 0, recover: 1 })
    expect(counted.queries.filter((q) => q.query.contentTopic.includes('/contact-'))).toHaveLength(1)
    expect(await contactEnvelopes(counted.transport, address)).toBe(before)
  })

  test('behavior: when the newest contact envelope is not this bundle, contacts are read and published as before', async () => {
    const { network, transport, keys, persistence, address } = await warmedUp()
    // Junk on top: the bundle below it is still this client's, so nothing is republished.
    await transport.publish([{ contentTopic: `/xmtp/0/contact-${address}/proto`, timestampNs: BigInt(Date.now() + 60_000) * 1_000_000n, message: new Uint8Array([1]) }])
    const before = await contactEnvelopes(transport, address)
    await createClient({ keys, transport: memoryTransport({ network }), persistence })
    expect(await contactEnvelopes(transport, address)).toBe(before)

    // No contact at all (another network): both bundles are published, as before.
    const elsewhere = memoryTransport({ network: createMemoryNetwork() })
    await createClient({ keys, transport: elsewhere, persistence })
    expect(await contactEnvelopes(elsewhere, address)).toBe(2)
  })
})
