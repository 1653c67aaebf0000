import {
  createClient,
  createMemoryNetwork,
  type Envelope,
  memoryTransport,
  sendMessage,
  startConversation,
  toSigner,
  type Transport,
} from '@xmtp-kit/client'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'

/** The number of messages in the long-thread stories. */
export const LONG_THREAD_LENGTH = 10_000

/**
 * Everything a long thread puts on the network (both identities, their contacts, the invitation and every
 * message, as envelopes) and the keys of both sides, so it can be replayed onto a fresh network.
 */
export interface ThreadSnapshot {
  meKeys: Uint8Array
  peerKeys: Uint8Array
  envelopes: Envelope[]
}

const PHRASES = [
  'gm',
  'Did you see the proposal?',
  'Looks good to me.',
  'Can you send the link again?',
  'Sure, one sec.',
  'The gas fees are wild today.',
  'Let’s sync tomorrow morning.',
  'Shipped it!',
  'Nice, congrats 🎉',
  'Which chain was that on?',
  'Base, I think.',
  'I’ll check the contract and get back to you.',
  'Thanks!',
  'On my way.',
  'That makes sense.',
  'Ha, classic.',
]

/** The text of message `index` (0-based) of a long thread: numbered, so a story can look for any of them. */
export const longThreadText = (index: number) => `#${index + 1} ${PHRASES[(index * 7 + (index >> 3)) % PHRASES.length]}`

/** Whether the sender changes at message `index`: about every third message, so the thread groups by sender. */
const turns = (index: number) => (Math.imul(index + 1, 0x9e3779b1) >>> 0) % 3 === 0

/**
 * Makes a thread of `count` messages between two fresh wallets, the peer writing first, and records every
 * envelope published. Each message is encrypted and signed by the client as any other; the signing
 * (@noble, constant-time) dominates at about 0.8 ms a message in Chromium on this class of machine.
 */
async function generate(count: number): Promise<ThreadSnapshot> {
  const network = createMemoryNetwork()
  const inner = memoryTransport({ network })
  const envelopes: Envelope[] = []
  const recording: Transport = {
    ...inner,
    publish(batch, parameters) {
      envelopes.push(...batch)
      return inner.publish(batch, parameters)
    },
  }
  const wallet = () => toSigner(privateKeyToAccount(generatePrivateKey()))
  const [me, peer] = await Promise.all([createClient({ signer: wallet(), transport: recording }), createClient({ signer: wallet(), transport: recording })])
  const peerSide = await startConversation(peer, { peerAddress: me.address })
  const mySide = await startConversation(me, { peerAddress: peer.address })
  let peerSpeaks = true
  for (let i = 0; i < count; i++) {
    if (i > 0 && turns(i)) peerSpeaks = !peerSpeaks
    await sendMessage(peerSpeaks ? peer : me, { conversation: peerSpeaks ? peerSide : mySide, content: longThreadText(i) })
  }
  return { meKeys: me.exportKeys(), peerKeys: peer.exportKeys(), envelopes }
}

const DB_NAME = 'xmtp-kit-stories'
const STORE = 'fixtures'

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1)
    request.onupgradeneeded = () => request.result.createObjectStore(STORE)
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

async function withStore<T>(mode: IDBTransactionMode, use: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb()
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = use(db.transaction(STORE, mode).objectStore(STORE))
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
  } finally {
    db.close()
  }
}

const inPage = new Map<string, Promise<ThreadSnapshot>>()

/**
 * The long thread's snapshot, made once per browser profile: kept in IndexedDB (the test runner starts a
 * fresh profile per run, so once per `npm test`; Storybook in a browser keeps it across reloads), and made
 * under a Web Lock so that story files running side by side wait for one generation instead of each
 * signing ten thousand messages.
 */
export async function threadSnapshot(count = LONG_THREAD_LENGTH): Promise<ThreadSnapshot> {
  const key = `long-thread:1:${count}`
  let snapshot = inPage.get(key)
  if (!snapshot) {
    snapshot = navigator.locks.request(key, async () => {
      const stored = await withStore<ThreadSnapshot | undefined>('readonly', (store) => store.get(key)).catch(() => undefined)
      if (stored) return stored
      const made = await generate(count)
      await withStore('readwrite', (store) => store.put(made, key)).catch(() => undefined)
      return made
    })
    snapshot.catch(() => inPage.delete(key))
    inPage.set(key, snapshot)
  }
  const made = await snapshot
  // Sends are stamped at least 1 ms apart, and signing is quicker than that, so a thread made moments ago ends
  // a little in the future. Wait until it is past: a reply bot started now must not take it for new messages.
  const lastMs = Number(made.envelopes.reduce((last, e) => (e.timestampNs > last ? e.timestampNs : last), 0n) / 1_000_000n)
  if (lastMs >= Date.now()) await new Promise((resolve) => setTimeout(resolve, lastMs - Date.now() + 1))
  return made
}
