// Seeding for `npm run bench:client` (not measured): fills a local node with
//   - an inbox owner and N peers, each of which starts a conversation with the owner and sends one message;
//   - a reader and one peer that sends M messages to the reader in one conversation.
// Uses @xmtp-kit/client itself (wasm backend) with many peers in flight at once. The M messages are sealed
// by `sendMessage` against a transport that only collects them, then published in large batches.
import { performance } from 'node:perf_hooks'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'

const hex = (bytes) => Buffer.from(bytes).toString('hex')

/** Runs `fn(i)` for i in [0, n) with at most `concurrency` calls in flight. */
async function pool(n, concurrency, fn) {
  let next = 0
  const worker = async () => {
    while (next < n) await fn(next++)
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker))
}

/**
 * @param {{ kit: any, url: string, conversations: number, messages: number, say: (s: string) => void }} options
 * @returns the wallets the measurements need (addresses and exported keys, hex).
 */
export async function seed({ kit, url, conversations, messages, say }) {
  const started = performance.now()
  // Collects what `sendMessage` publishes instead of sending it, while `collecting` is set.
  const http = kit.httpTransport({ url })
  const collected = []
  let authorization
  let collecting = false
  const transport = {
    ...http,
    publish: (envelopes, options = {}) => {
      if (!collecting) return http.publish(envelopes, options)
      authorization = options.authorization
      collected.push(...envelopes)
      return Promise.resolve()
    },
  }

  /** A new wallet with an XMTP identity on the node (contact bundle published by `createClient`). */
  async function newIdentity() {
    const account = privateKeyToAccount(generatePrivateKey())
    const signer = { getAddress: async () => account.address, signMessage: (m) => account.signMessage({ message: m }) }
    const keys = kit.encodePrivateKeyBundle(await kit.createPrivateKeyBundle(signer))
    const client = await kit.createClient({ keys, transport })
    return { client, keys }
  }

  const owner = await newIdentity()
  let done = 0
  // An inbox gathers its conversations over time, not within seconds: the clock the client reads while
  // seeding runs from 55 minutes ago to 5 minutes ago (within the node's 1-hour auth-token age), so that
  // invitations are spread out as they would be and a re-listing's 10 s overlap covers a few, not hundreds.
  const realNow = Date.now
  const realStart = realNow()
  const SPREAD_MS = 50 * 60_000
  Date.now = () => realStart - 55 * 60_000 + Math.round((done / conversations) * SPREAD_MS) + (realNow() - realStart)
  try {
    await pool(conversations, 24, async (i) => {
      const peer = await newIdentity()
      const conversation = await kit.startConversation(peer.client, { peerAddress: owner.client.address })
      await kit.sendMessage(peer.client, { conversation, content: `Hello from peer ${i + 1}: this is the last message of our conversation.` })
      if (++done % 250 === 0) say(`  ${done}/${conversations} conversations (${((performance.now() - started) / 1000).toFixed(1)} s)`)
    })
  } finally {
    Date.now = realNow
  }

  const reader = await newIdentity()
  const sender = await newIdentity()
  const conversation = await kit.startConversation(sender.client, { peerAddress: reader.client.address })
  collecting = true
  for (let i = 0; i < messages; i++) {
    await kit.sendMessage(sender.client, { conversation, content: `Message ${i + 1} of ${messages} in one long conversation, roughly the size of a chat line.` })
  }
  collecting = false
  // Timestamps were assigned strictly increasing (1 ms apart); publish oldest first in large batches.
  for (let i = 0; i < collected.length; i += 1000) {
    await http.publish(collected.slice(i, i + 1000), { authorization })
  }
  say(`  seeded ${conversations} conversations and ${messages} messages in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  return {
    owner: { address: owner.client.address, keys: hex(owner.keys) },
    reader: { address: reader.client.address, keys: hex(reader.keys) },
    sender: { address: sender.client.address },
    conversations,
    messages,
  }
}
