import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { canMessage, createMemoryNetwork, memoryTransport, type Transport } from '@xmtp-kit/client'
import { encodeContactBundles } from '../../../packages/client/src/contacts/contactBundle.js'
import { getPublicKeyBundle, toSignedPublicKeyBundle } from '../../../packages/client/src/identity/keyBundle.js'
import { vectorBundle } from '../../support/vectorBundles.js'
import { vectors } from '../../support/vectors.js'

let transport: Transport
let validV2: Uint8Array
let topicCount = 0

beforeAll(async () => {
  transport = memoryTransport({ network: createMemoryNetwork() })
  const { keys } = await vectorBundle('A')
  validV2 = encodeContactBundles(getPublicKeyBundle(keys), toSignedPublicKeyBundle(getPublicKeyBundle(keys)))[1]
})

/** A fresh wallet address per case, so each case has its own contact topic. */
const freshAddress = () => `0x${(++topicCount).toString(16).padStart(40, '0')}`

describe('canMessage', () => {
  test('behavior: contact topics full of arbitrary envelopes never throw and never count as reachable (1,000 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.uint8Array({ minLength: 1, maxLength: 300 }), { minLength: 1, maxLength: 6 }), async (messages) => {
        const address = freshAddress()
        const topic = `/xmtp/0/contact-${address}/proto`
        await transport.publish(messages.map((message, i) => ({ contentTopic: topic, timestampNs: BigInt(i + 1), message })))
        expect(await canMessage(address, { transport })).toBe(false)
        expect(await canMessage([address], { transport })).toEqual([false])
      }),
      { numRuns: 1000 },
    )
  })

  test('behavior: a well-formed bundle published on another wallet\'s topic does not make that wallet reachable', async () => {
    const victim = vectors.B.wallet
    await transport.publish([{ contentTopic: `/xmtp/0/contact-${victim}/proto`, timestampNs: 1n, message: validV2 }])
    expect(await canMessage(victim, { transport })).toBe(false)
    // The same bytes on the owner's topic do.
    await transport.publish([{ contentTopic: `/xmtp/0/contact-${vectors.A.wallet}/proto`, timestampNs: 1n, message: validV2 }])
    expect(await canMessage(vectors.A.wallet, { transport })).toBe(true)
  })

  test('behavior: invalid addresses are false, not errors', async () => {
    expect(await canMessage(['nope', '0x123', vectors.A.wallet], { transport })).toEqual([false, false, true])
  })
})
