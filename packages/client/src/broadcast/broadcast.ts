import { getClientState } from '../client/clientState.js'
import type { Client } from '../client/createClient.js'
import type { ContentCompression } from '../content/compression.js'
import type { ContentTypeId } from '../content/contentTypeId.js'
import { encodeContent } from '../content/encodeContent.js'
import { ContentTypeText } from '../content/textCodec.js'
import { listConversations } from '../conversations/listConversations.js'
import { startConversation, type StartConversationParameters } from '../conversations/startConversation.js'
import type { Conversation } from '../conversations/types.js'
import { AbortError } from '../errors/errors.js'
import { toConcurrency } from '../filters/mapWithConcurrency.js'
import { sendMessage } from '../messages/sendMessage.js'
import { checkAddresses, toBatchSize, toKitError, type CheckReachReturnType } from './checkReach.js'
import { findDelivered } from './findDelivered.js'
import { type BroadcastJournal, type BroadcastJournalRecord, type JournalState, journalFingerprint, readJournalState } from './journal.js'
import { normalizeRecipients } from './normalizeRecipients.js'
import type { BroadcastEvent, BroadcastProgress, BroadcastReport, BroadcastStage } from './types.js'

/** Recipients handled at once: enough to overlap round trips, few enough for a node's rate limits. */
const DEFAULT_BROADCAST_CONCURRENCY = 4

/** Per recipient: the conversation to use (its `context`) and the proof of their opt-in, if any. */
export type BroadcastConversationOptions = Pick<StartConversationParameters, 'context' | 'consentProof'>

export interface BroadcastParameters<T = string> {
  /** Wallet addresses, any case. Duplicates are sent to once; malformed ones and this wallet are reported in `invalid`. */
  recipients: readonly string[]
  /** The message, the same for everyone. */
  content: T
  /** Default text. */
  contentType?: ContentTypeId | undefined
  compression?: ContentCompression | undefined
  /** Recipients whose conversation is started and message sent at once. Default 4. */
  concurrency?: number | undefined
  /** At most this many sends started per second (e.g. under a node's rate limit). Default: no limit. */
  rate?: number | undefined
  /** Addresses per `canMessage` request of the reach check. Default 50. */
  batchSize?: number | undefined
  /**
   * Options of each recipient's conversation: a `context` (a conversation id other than the default one) and a
   * `consentProof` they signed. Default: the default conversation, no proof.
   */
  conversationFor?: ((address: string) => BroadcastConversationOptions | undefined | Promise<BroadcastConversationOptions | undefined>) | undefined
  /**
   * Before sending to a recipient, look in their conversation for a message from this wallet with the same
   * content sent at or after this time (ns since the epoch), and count it as sent instead of sending it again.
   * Pass the first run's `report.startedNs` when retrying: a send whose answer was lost may have been stored.
   * Costs one query per recipient. Default: no check.
   */
  skipDeliveredSinceNs?: bigint | undefined
  /**
   * Where the run records what it did, so that running again with the same journal, sender and message after
   * a stop at any point (a crash, a killed process, an abort) sends nobody a second copy: recipients the
   * journal has as sent are not sent to again (they are reported as `sent`, `alreadyDelivered`), and a
   * recipient whose send started but was never recorded as done is looked up in their conversation first.
   * The report's `startedNs` is then the first run's. A journal of another sender or message is refused.
   * See `memoryJournal`, and `fileJournal` in `@xmtp-kit/client/node`.
   */
  journal?: BroadcastJournal | undefined
  /** Told of every change of the counts. Its errors are ignored. */
  onProgress?: ((progress: BroadcastProgress) => void) | undefined
  /**
   * Told of each recipient's steps, and awaited: `sending` comes before the message is published, so a
   * journal written here knows which sends may have happened. If it throws, no new send starts and the
   * broadcast rejects with that error once the sends in flight settle.
   */
  onEvent?: ((event: BroadcastEvent) => void | Promise<void>) | undefined
  /** Stops starting new sends; sends in flight are stopped too and reported in `cancelled`. */
  signal?: AbortSignal | undefined
}

/**
 * Sends one message to many wallets, each in their own conversation (started, or reused when it exists): first
 * a reach check (`canMessage` in batches), then the sends with at most `concurrency` recipients at a time,
 * reporting progress as it goes. Never throws for a recipient: the report says who has the message, who is not
 * on the network, who failed (with a typed error) and which inputs were not addresses. Retrying is calling it
 * again with the failed addresses (and `skipDeliveredSinceNs`), or, with a `journal`, with the same recipients.
 * The wallet's conversations are listed once per run, so that existing ones are reused.
 *
 * @throws {ContentTypeError} when no codec handles `contentType`.
 * @throws {TypeError} for invalid parameters, content the codec refuses, or a journal of another broadcast.
 * @throws the error of `onEvent` or of the journal's `append`, once the sends in flight settle.
 * @example
 * const report = await broadcast(client, { recipients: holders, content: 'Claim your airdrop at …', onProgress: console.log })
 * if (report.failed.length > 0) {
 *   await broadcast(client, { recipients: report.failed.map((f) => f.address), content, skipDeliveredSinceNs: report.startedNs })
 * }
 */
export async function broadcast<T = string>(client: Client, parameters: BroadcastParameters<T>): Promise<BroadcastReport> {
  const { content, contentType = ContentTypeText, compression, conversationFor, skipDeliveredSinceNs, journal, onProgress, onEvent, signal } = parameters ?? {}
  if (!Array.isArray(parameters?.recipients)) throw new TypeError('broadcast: recipients must be an array of addresses.')
  const concurrency = toConcurrency('broadcast', parameters.concurrency)
  const batchSize = toBatchSize('broadcast', parameters.batchSize)
  const { rate } = parameters
  if (rate !== undefined && !(typeof rate === 'number' && rate > 0 && Number.isFinite(rate))) throw new TypeError('broadcast: rate must be a positive number.')
  if (skipDeliveredSinceNs !== undefined && typeof skipDeliveredSinceNs !== 'bigint') throw new TypeError('broadcast: skipDeliveredSinceNs must be a bigint.')
  if (journal !== undefined && (typeof journal?.read !== 'function' || typeof journal.append !== 'function')) {
    throw new TypeError('broadcast: journal must have read() and append().')
  }
  const { registry } = getClientState(client)
  // Content every send would refuse is the caller's mistake: said once, before anything is sent.
  await encodeContent(content, { contentType, compression, registry })

  let startedNs = BigInt(Date.now()) * 1_000_000n
  let journaled: JournalState | undefined
  if (journal) {
    journaled = readJournalState(await journal.read())
    const fingerprint = journalFingerprint(client.address, await encodeContent(content, { contentType, registry }))
    if (!journaled.start) await journal.append({ type: 'start', fingerprint, startedNs: String(startedNs) })
    else if (journaled.start.fingerprint !== fingerprint) {
      throw new TypeError('broadcast: the journal is of another broadcast (another sender or message); use a new journal.')
    } else startedNs = journaled.start.startedNs
  }

  const { addresses, invalid } = normalizeRecipients(parameters.recipients, client.address)
  // Recipients an earlier run delivered to (per the journal) are done: not checked, not sent to.
  const done: BroadcastReport['sent'] = []
  const pending: string[] = []
  for (const address of addresses) {
    const entry = journaled?.sent.get(address)
    if (entry) done.push({ address, topic: entry.topic, messageId: entry.messageId, alreadyDelivered: true })
    else pending.push(address)
  }
  const report: BroadcastReport = { startedNs, total: addresses.length, sent: [...done], notOnNetwork: [], failed: [], invalid, cancelled: [], aborted: false }
  const progress: BroadcastProgress = {
    phase: 'checking',
    total: addresses.length,
    checked: done.length,
    onNetwork: done.length,
    notOnNetwork: 0,
    sent: done.length,
    failed: 0,
    cancelled: 0,
  }
  const update = (change: Partial<BroadcastProgress>) => {
    Object.assign(progress, change)
    try {
      onProgress?.({ ...progress })
    } catch {
      // A faulty progress handler must not stop the broadcast.
    }
  }
  update({})

  // 1. Reach check.
  const reach: Omit<CheckReachReturnType, 'invalid'> = { onNetwork: [], notOnNetwork: [], failed: [] }
  try {
    await checkAddresses(
      client,
      pending,
      {
        batchSize,
        signal,
        onChecked: (address, onNetwork) => onEvent?.({ type: 'checked', address, onNetwork }),
        onProgress: ({ checked, onNetwork, notOnNetwork, failed }) =>
          update({ checked: done.length + checked, onNetwork: done.length + onNetwork, notOnNetwork, failed }),
      },
      reach,
    )
  } catch (error) {
    if (!(error instanceof AbortError)) throw error
  }
  report.notOnNetwork = reach.notOnNetwork
  for (const failure of reach.failed) {
    report.failed.push(failure)
    await onEvent?.({ type: 'failed', ...failure })
  }
  if (signal?.aborted) {
    const known = new Set([...reach.onNetwork, ...reach.notOnNetwork, ...reach.failed.map((f) => f.address)])
    report.cancelled = pending.filter((a) => !known.has(a) || reach.onNetwork.includes(a))
    report.aborted = true
    update({ phase: 'done', cancelled: report.cancelled.length })
    return report
  }

  // 2. Sends.
  update({ phase: 'sending' })
  const queue = reach.onNetwork
  let next = 0
  let hookError: { error: unknown } | undefined
  const cancelled: string[] = []

  /** Writes the journal, then awaits `onEvent`; a failure of either stops the run. */
  const emit = async (event: BroadcastEvent): Promise<boolean> => {
    try {
      const record = toJournalRecord(event)
      if (journal && record) await journal.append(record)
      await onEvent?.(event)
      return true
    } catch (error) {
      hookError ??= { error }
      return false
    }
  }
  const fail = async (address: string, stage: BroadcastStage, error: unknown) => {
    if (signal?.aborted) {
      cancelled.push(address)
      update({ cancelled: cancelled.length })
      return
    }
    const failure = { address, stage, error: toKitError(address, error) }
    report.failed.push(failure)
    update({ failed: report.failed.length })
    await emit({ type: 'failed', ...failure })
  }

  // Listed once, so that each new recipient's conversation starts without re-reading the invite topic; if that
  // fails, each start reads it itself.
  let refresh = false
  if (queue.length > 0 && !signal?.aborted) {
    try {
      await listConversations(client, { signal })
    } catch {
      refresh = true
    }
  }

  const deliver = async (address: string) => {
    let conversation: Conversation
    try {
      const options = await conversationFor?.(address)
      conversation = await startConversation(client, {
        peerAddress: address,
        context: options?.context,
        consentProof: options?.consentProof,
        refresh,
        signal,
      })
    } catch (error) {
      return fail(address, 'conversation', error)
    }
    // A send the journal saw start but not finish may have reached the node before the run stopped.
    const sinceNs = journaled?.uncertain.has(address) && (skipDeliveredSinceNs === undefined || startedNs < skipDeliveredSinceNs) ? startedNs : skipDeliveredSinceNs
    let sent: BroadcastReport['sent'][number]
    try {
      const earlier = sinceNs === undefined ? undefined : await findDelivered(client, { conversation, sinceNs, content, contentType, signal })
      if (earlier) sent = { address, topic: conversation.topic, messageId: undefined, alreadyDelivered: true }
      else {
        if (!(await emit({ type: 'sending', address, topic: conversation.topic }))) return
        const message = await sendMessage(client, { conversation, content, contentType, compression, signal })
        sent = { address, topic: conversation.topic, messageId: message.id, alreadyDelivered: false }
      }
    } catch (error) {
      return fail(address, 'send', error)
    }
    report.sent.push(sent)
    update({ sent: report.sent.length })
    await emit({ type: 'sent', ...sent })
  }

  /**
   * Spaces the starts of sends at least `1 / rate` seconds apart, one slot at a time from the moment the last
   * one was actually granted: slots booked ahead let a late timer bunch two starts together.
   */
  let lastStartMs = -Infinity
  let slots: Promise<void> = Promise.resolve()
  const waitForSlot = () => {
    const turn = slots.then(async () => {
      const wait = lastStartMs + 1000 / rate! - Date.now()
      if (wait > 0) await sleep(wait, signal)
      lastStartMs = Date.now()
    })
    slots = turn.catch(() => undefined)
    return turn
  }
  const worker = async () => {
    while (next < queue.length && !hookError && !signal?.aborted) {
      const address = queue[next++]!
      if (rate !== undefined) {
        await waitForSlot()
        if (signal?.aborted) {
          cancelled.push(address)
          break
        }
        if (hookError) break
      }
      await deliver(address)
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker))
  if (hookError) throw hookError.error

  cancelled.push(...queue.slice(next))
  // Sends finish in any order; the report keeps the recipients'.
  const order = new Map(addresses.map((a, i) => [a, i]))
  const byOrder = (a: string, b: string) => order.get(a)! - order.get(b)!
  report.sent.sort((a, b) => byOrder(a.address, b.address))
  report.failed.sort((a, b) => byOrder(a.address, b.address))
  report.cancelled = cancelled.sort(byOrder)
  report.aborted = signal?.aborted === true
  update({ phase: 'done', cancelled: cancelled.length })
  return report
}

function toJournalRecord(event: BroadcastEvent): BroadcastJournalRecord | undefined {
  if (event.type === 'sending') return { type: 'sending', address: event.address, topic: event.topic }
  if (event.type === 'sent') return { type: 'sent', address: event.address, topic: event.topic, ...(event.messageId ? { messageId: event.messageId } : {}) }
  return undefined
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', done, { once: true })
  })
}
