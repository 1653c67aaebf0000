/**
 * Identities across implementations: keys, stored key bundles and contacts made by `@xmtp/xmtp-js` 13.0.4
 * work in @xmtp-kit/client and the other way round, through a real node with publish auth on.
 */
import { createRequire } from 'node:module'
import { startNode, type StartNodeReturnType } from '@xmtp-kit/node'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { publicKey } from '@xmtp/proto'
import { canMessage, createClient, httpTransport, type Transport } from '@xmtp-kit/client'
import { createCountingWallet } from '../support/wallets.js'

const { Client } = createRequire(import.meta.url)('@xmtp/xmtp-js') as typeof import('@xmtp/xmtp-js')

let node: StartNodeReturnType
let transport: Transport
const sdkOptions = () => ({ apiUrl: node.url })

beforeAll(async () => {
  node = await startNode({ port: 0, db: ':memory:' })
  transport = httpTransport({ url: node.url })
})
afterAll(() => node.close())

describe('createClient', () => {
  test('behavior: signatures asked: new wallet 2, returning wallet 1, exported keys 0', async () => {
    const wallet = createCountingWallet()
    const first = await createClient({ signer: wallet, transport })
    expect(wallet.signatures).toBe(2)
    expect(first.address).toBe(wallet.address)

    wallet.signatures = 0
    const returning = await createClient({ signer: wallet, transport })
    expect(wallet.signatures).toBe(1)
    const encoded = (c: typeof first) => publicKey.SignedPublicKeyBundle.encode(c.signedPublicKeyBundle).finish()
    expect(encoded(returning)).toEqual(encoded(first))

    wallet.signatures = 0
    const fromKeys = await createClient({ signer: wallet, keys: first.exportKeys(), transport })
    expect(wallet.signatures).toBe(0)
    const withoutWallet = await createClient({ keys: first.exportKeys(), transport })
    expect(withoutWallet.address).toBe(wallet.address)
    expect(encoded(fromKeys)).toEqual(encoded(first))
  })

  test('behavior: keys exported by the SDK load in the kit with zero signatures, same address and bundle', async () => {
    const wallet = createCountingWallet()
    const keys = await Client.getKeys(wallet, sdkOptions())
    const sdk = await Client.create(null, { ...sdkOptions(), privateKeyOverride: keys })
    wallet.signatures = 0
    const kit = await createClient({ keys, transport })
    expect(wallet.signatures).toBe(0)
    expect(kit.address).toBe(sdk.address)
    expect(publicKey.PublicKeyBundle.encode(kit.publicKeyBundle).finish()).toEqual(sdk.publicKeyBundle.toBytes())
    expect(publicKey.SignedPublicKeyBundle.encode(kit.signedPublicKeyBundle).finish()).toEqual(sdk.signedPublicKeyBundle.toBytes())
    await sdk.close()
  })

  test('behavior: keys exported by the kit load in the SDK (privateKeyOverride), same address and bundle', async () => {
    const wallet = createCountingWallet()
    const kit = await createClient({ signer: wallet, transport })
    wallet.signatures = 0
    const sdk = await Client.create(null, { ...sdkOptions(), privateKeyOverride: kit.exportKeys() })
    expect(wallet.signatures).toBe(0)
    expect(sdk.address).toBe(kit.address)
    expect(sdk.publicKeyBundle.toBytes()).toEqual(publicKey.PublicKeyBundle.encode(kit.publicKeyBundle).finish())
    await sdk.close()
  })

  test('behavior: a key bundle stored on the node by the SDK is reloaded by the kit with one signature', async () => {
    const wallet = createCountingWallet()
    const sdk = await Client.create(wallet, sdkOptions())
    wallet.signatures = 0
    const kit = await createClient({ signer: wallet, transport })
    expect(wallet.signatures).toBe(1)
    expect(kit.publicKeyBundle.identityKey!.secp256k1Uncompressed!.bytes).toEqual(
      sdk.publicKeyBundle.identityKey.secp256k1Uncompressed.bytes,
    )
    await sdk.close()
  })

  test('behavior: a key bundle stored on the node by the kit is reloaded by the SDK with one signature', async () => {
    const wallet = createCountingWallet()
    const kit = await createClient({ signer: wallet, transport })
    wallet.signatures = 0
    const sdk = await Client.create(wallet, sdkOptions())
    expect(wallet.signatures).toBe(1)
    expect(sdk.publicKeyBundle.toBytes()).toEqual(publicKey.PublicKeyBundle.encode(kit.publicKeyBundle).finish())
    await sdk.close()
  })
})

describe('canMessage', () => {
  test('behavior: a wallet registered by the SDK can be messaged per the kit, and the reverse', async () => {
    const sdkWallet = createCountingWallet()
    const kitWallet = createCountingWallet()
    const unknown = createCountingWallet()
    const sdk = await Client.create(sdkWallet, sdkOptions())
    const kit = await createClient({ signer: kitWallet, transport })

    expect(await kit.canMessage(sdkWallet.address)).toBe(true)
    expect(await kit.canMessage([sdkWallet.address, unknown.address, 'not-an-address'])).toEqual([true, false, false])
    expect(await canMessage(sdkWallet.address.toLowerCase(), { transport })).toBe(true)
    expect(await canMessage([unknown.address, sdkWallet.address], { transport })).toEqual([false, true])

    expect(await sdk.canMessage(kitWallet.address)).toBe(true)
    expect(await Client.canMessage(kitWallet.address, sdkOptions())).toBe(true)
    expect(await sdk.canMessage(unknown.address)).toBe(false)
    // The kit's contact is the SDK's bundle byte for byte.
    const contact = await sdk.getUserContact(kitWallet.address)
    expect(contact?.toBytes()).toEqual(publicKey.SignedPublicKeyBundle.encode(kit.signedPublicKeyBundle).finish())
    await sdk.close()
  })

  test('behavior: a returning client does not republish an unchanged contact', async () => {
    const wallet = createCountingWallet()
    const kit = await createClient({ signer: wallet, transport })
    await createClient({ keys: kit.exportKeys(), transport })
    const pages = []
    for await (const page of transport.query({ contentTopic: `/xmtp/0/contact-${wallet.address}/proto` })) pages.push(...page.envelopes)
    expect(pages).toHaveLength(2)
  })
})
