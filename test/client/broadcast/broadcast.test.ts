import {
  broadcast,
  BroadcastError,
  type BroadcastEvent,
  type BroadcastProgress,
  checkReach,
  type Client,
  ContentTypeError,
  createClient,
  getAddress,
  listConversations,
  sendMessage,
  startConversation,
  TransportError,
  type Transport,
} from '@xmtp-kit/client'
import { describe, expect, test } from 'vitest'
import { loseAnswers, memoryBed, readFrom } from './support.js'

const bed = memoryBed()
const { newClient, setup, stranger } = bed

describe('broadcast', () => {
  test('default: each reachable wallet gets one copy in its own conversation; the rest are reported', async () => {
    const { sender, recipients } = await setup(3)
    const [r1, r2, r3] = recipients as [Client, Client, Client]
    const [s1, s2] = [stranger(), stranger()]
    const report = await broadcast(sender, {
      recipients: [r1.address, s1, r2.address.toLowerCase(), 'not an address', r1.address, s2, r3.address, '0x1234', sender.address],
      content: 'gm holders',
    })
    expect(report.sent.map((s) => s.address)).toEqual([r1.address, r2.address, r3.address])
    expect(report.sent.every((s) => !s.alreadyDelivered && /^[0-9a-f]{64}$/.test(s.messageId!))).toBe(true)
    expect(report.notOnNetwork).toEqual([getAddress(s1), getAddress(s2)])
    expect(report.failed).toEqual([])
    expect(report.invalid).toEqual([
      { input: 'not an address', reason: 'malformed' },
      { input: '0x1234', reason: 'malformed' },
      { input: sender.address, reason: 'self' },
    ])
    expect(report).toMatchObject({ total: 5, cancelled: [], aborted: false })
    for (const r of recipients) expect(await readFrom(r, sender.address)).toEqual([['gm holders']])
    // Three distinct conversations.
    expect(new Set(report.sent.map((s) => s.topic)).size).toBe(3)
  })

  test('behavior: an existing conversation is reused, not doubled', async () => {
    const { sender, recipients } = await setup(2)
    const [r1, r2] = recipients as [Client, Client]
    const theirs = await startConversation(r1, { peerAddress: sender.address })
    await sendMessage(r1, { conversation: theirs, content: 'hello team' })
    const report = await broadcast(sender, { recipients: [r1.address, r2.address], content: 'news' })
    expect(report.sent.find((s) => s.address === r1.address)?.topic).toBe(theirs.topic)
    expect(await readFrom(r1, sender.address)).toEqual([['hello team', 'news']])
  })

  test('parameters: batchSize: the reach check asks in batches and reports after each', async () => {
    const { sender, recipients } = await setup(3)
    const checked: number[] = []
    const report = await broadcast(sender, {
      recipients: [...recipients.map((r) => r.address), stranger(), stranger()],
      content: 'x',
      batchSize: 2,
      onProgress: (p) => {
        if (p.phase === 'checking' && p.checked > (checked.at(-1) ?? 0)) checked.push(p.checked)
      },
    })
    expect(checked).toEqual([2, 4, 5])
    expect(report.sent).toHaveLength(3)
  })

  test('parameters: concurrency: at most that many sends are in flight', async () => {
    const { sender, recipients } = await setup(6)
    for (const concurrency of [1, 3]) {
      let inFlight = 0
      let most = 0
      const events: BroadcastEvent['type'][] = []
      await broadcast(sender, {
        recipients: recipients.map((r) => r.address),
        content: `c${concurrency}`,
        concurrency,
        onEvent: (event) => {
          events.push(event.type)
          if (event.type === 'sending') most = Math.max(most, ++inFlight)
          if (event.type === 'sent' || event.type === 'failed') inFlight--
        },
      })
      expect(most).toBeLessThanOrEqual(concurrency)
      if (concurrency === 1) expect(events.slice(6)).toEqual(Array.from({ length: 6 }, () => ['sending', 'sent']).flat())
    }
    for (const r of recipients) expect(await readFrom(r, sender.address)).toEqual([['c1', 'c3']])
  })

  test('behavior: progress counts rise to the report’s', async () => {
    const { sender, recipients } = await setup(3)
    const seen: BroadcastProgress[] = []
    const report = await broadcast(sender, { recipients: [...recipients.map((r) => r.address), stranger()], content: 'p', onProgress: (p) => seen.push(p) })
    expect(seen[0]).toEqual({ phase: 'checking', total: 4, checked: 0, onNetwork: 0, notOnNetwork: 0, sent: 0, failed: 0, cancelled: 0 })
    expect(seen.at(-1)).toEqual({ phase: 'done', total: 4, checked: 4, onNetwork: 3, notOnNetwork: 1, sent: 3, failed: 0, cancelled: 0 })
    expect(seen.map((p) => p.sent)).toEqual([...seen.map((p) => p.sent)].sort((a, b) => a - b))
    expect(report.sent).toHaveLength(3)
  })

  test('behavior: events say each recipient’s steps in order', async () => {
    const { sender, recipients } = await setup(1)
    const outsider = getAddress(stranger())
    const events: BroadcastEvent[] = []
    const report = await broadcast(sender, { recipients: [recipients[0]!.address, outsider], content: 'e', onEvent: (e) => void events.push(e) })
    expect(events).toEqual([
      { type: 'checked', address: recipients[0]!.address, onNetwork: true },
      { type: 'checked', address: outsider, onNetwork: false },
      { type: 'sending', address: recipients[0]!.address, topic: report.sent[0]!.topic },
      { type: 'sent', ...report.sent[0]! },
    ])
  })

  test('behavior: a network outage mid-send is reported per recipient; retrying the failed completes it with one copy each', async () => {
    const { sender, recipients } = await setup(5)
    const outsider = getAddress(stranger())
    let sent = 0
    const first = await broadcast(sender, {
      recipients: [...recipients.map((r) => r.address), outsider],
      content: 'one copy',
      concurrency: 1,
      onEvent: (e) => {
        if (e.type === 'sent' && ++sent === 2) bed.network.setOffline(true)
      },
    })
    bed.network.setOffline(false)
    expect(first.sent.map((s) => s.address)).toEqual(recipients.slice(0, 2).map((r) => r.address))
    expect(first.failed.map((f) => f.address)).toEqual(recipients.slice(2).map((r) => r.address))
    for (const failure of first.failed) {
      expect(failure.error).toBeInstanceOf(TransportError)
      expect(failure.error.message).not.toContain('one copy')
    }
    expect(first.notOnNetwork).toEqual([outsider])

    const retry = await broadcast(sender, { recipients: first.failed.map((f) => f.address), content: 'one copy', skipDeliveredSinceNs: first.startedNs })
    expect(retry.sent.map((s) => s.address)).toEqual(first.failed.map((f) => f.address))
    expect(retry.failed).toEqual([])
    for (const r of recipients) expect(await readFrom(r, sender.address)).toEqual([['one copy']])
  })

  test('behavior: the node being unreachable during the reach check fails those recipients at the check stage', async () => {
    const { sender, recipients } = await setup(2)
    bed.network.setOffline(true)
    const report = await broadcast(sender, { recipients: recipients.map((r) => r.address), content: 'x' })
    bed.network.setOffline(false)
    expect(report.failed.map((f) => [f.address, f.stage])).toEqual(recipients.map((r) => [r.address, 'check']))
    expect(report.failed.every((f) => f.error instanceof TransportError)).toBe(true)
    expect(report.sent).toEqual([])
  })

  test('parameters: skipDeliveredSinceNs: a send whose answer was lost is found on retry, not sent twice', async () => {
    const [sender, r1, r2] = await Promise.all([newClient(), newClient(), newClient()])
    const victim = r1!.address
    // The sender's publishes of messages (not invitations) to r1 are stored, then their answer is lost.
    const lossy = await createClient({ keys: sender!.exportKeys(), transport: loseAnswers(bed.transport, (topic) => topic.startsWith('/xmtp/0/m-')), publishContact: false })
    const conversation = await startConversation(lossy, { peerAddress: victim })
    const lossyTopic = conversation.topic
    const first = await broadcast(lossy, { recipients: [victim], content: 'once' })
    expect(first.failed.map((f) => [f.address, f.stage])).toEqual([[victim, 'send']])
    expect(await readFrom(r1!, sender!.address)).toEqual([['once']])

    const retry = await broadcast(sender!, { recipients: [victim, r2!.address], content: 'once', skipDeliveredSinceNs: first.startedNs })
    expect(retry.sent).toEqual([
      { address: victim, topic: lossyTopic, messageId: undefined, alreadyDelivered: true },
      expect.objectContaining({ address: r2!.address, alreadyDelivered: false }),
    ])
    expect(await readFrom(r1!, sender!.address)).toEqual([['once']])
    expect(await readFrom(r2!, sender!.address)).toEqual([['once']])
    // Other content, or the same content before the run, does not count.
    const other = await broadcast(sender!, { recipients: [victim], content: 'twice', skipDeliveredSinceNs: first.startedNs })
    expect(other.sent[0]!.alreadyDelivered).toBe(false)
    const later = await broadcast(sender!, { recipients: [victim], content: 'once', skipDeliveredSinceNs: BigInt(Date.now() + 60_000) * 1_000_000n })
    expect(later.sent[0]!.alreadyDelivered).toBe(false)
    expect(await readFrom(r1!, sender!.address)).toEqual([['once', 'twice', 'once']])
  })

  test('behavior: aborting stops new sends; the rest are cancelled and untouched', async () => {
    const { sender, recipients } = await setup(4)
    const controller = new AbortController()
    const report = await broadcast(sender, {
      recipients: recipients.map((r) => r.address),
      content: 'stop',
      concurrency: 1,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'sent') controller.abort()
      },
    })
    expect(report.aborted).toBe(true)
    expect(report.sent.map((s) => s.address)).toEqual([recipients[0]!.address])
    expect(report.cancelled).toEqual(recipients.slice(1).map((r) => r.address))
    for (const r of recipients.slice(1)) expect(await readFrom(r, sender.address)).toEqual([])
  })

  test('behavior: aborted before it starts, everyone is cancelled and nothing is sent', async () => {
    const { sender, recipients } = await setup(2)
    const report = await broadcast(sender, { recipients: recipients.map((r) => r.address), content: 'x', signal: AbortSignal.abort() })
    expect(report).toMatchObject({ aborted: true, sent: [], failed: [], cancelled: recipients.map((r) => r.address) })
  })

  test('parameters: conversationFor: each recipient can get its own conversation id', async () => {
    const { sender, recipients } = await setup(2)
    const report = await broadcast(sender, {
      recipients: recipients.map((r) => r.address),
      content: 'scoped',
      conversationFor: (address) => ({ context: { conversationId: `drops/${address.slice(2, 6)}`, metadata: {} } }),
    })
    for (const [i, r] of recipients.entries()) {
      const list = await listConversations(r)
      expect(list.map((c) => c.context?.conversationId)).toEqual([`drops/${r.address.slice(2, 6)}`])
      expect(list[0]!.topic).toBe(report.sent[i]!.topic)
    }
  })

  test('behavior: an onEvent failure stops the run and rejects with it', async () => {
    const { sender, recipients } = await setup(3)
    const broken = new Error('journal full')
    let sends = 0
    const run = broadcast(sender, {
      recipients: recipients.map((r) => r.address),
      content: 'j',
      concurrency: 1,
      onEvent: (e) => {
        if (e.type === 'sending' && ++sends === 2) throw broken
      },
    })
    await expect(run).rejects.toBe(broken)
    const received = await Promise.all(recipients.map((r) => readFrom(r, sender.address)))
    expect(received.map((r) => r.flat())).toEqual([['j'], [], []])
  })

  test('behavior: an error that is no KitError comes back as a BroadcastError with its cause', async () => {
    const { sender, recipients } = await setup(1)
    const cause = new Error('boom')
    const report = await broadcast(sender, {
      recipients: [recipients[0]!.address],
      content: 'x',
      conversationFor: () => {
        throw cause
      },
    })
    expect(report.failed).toHaveLength(1)
    expect(report.failed[0]).toMatchObject({ address: recipients[0]!.address, stage: 'conversation' })
    expect(report.failed[0]!.error).toBeInstanceOf(BroadcastError)
    expect(report.failed[0]!.error.cause).toBe(cause)
  })

  test('parameters: invalid ones throw before anything is sent', async () => {
    const { sender, recipients } = await setup(1)
    const recipientsList = [recipients[0]!.address]
    await expect(broadcast(sender, { recipients: 'x' as unknown as string[], content: 'x' })).rejects.toThrow(TypeError)
    await expect(broadcast(sender, { recipients: recipientsList, content: 'x', concurrency: 0 })).rejects.toThrow(TypeError)
    await expect(broadcast(sender, { recipients: recipientsList, content: 'x', batchSize: 1.5 })).rejects.toThrow(TypeError)
    await expect(
      broadcast(sender, { recipients: recipientsList, content: 'x', contentType: { authorityId: 'example.com', typeId: 'nope', versionMajor: 1, versionMinor: 0 } }),
    ).rejects.toThrow(ContentTypeError)
    await expect(broadcast(sender, { recipients: recipientsList, content: 42 as unknown as string })).rejects.toThrow(TypeError)
    expect(await readFrom(recipients[0]!, sender.address)).toEqual([])
  })
})

describe('checkReach', () => {
  test('default: sorts addresses into on the network, not on it, and invalid', async () => {
    const { sender, recipients } = await setup(2)
    const outsider = stranger()
    const result = await checkReach(sender, { recipients: [outsider, recipients[1]!.address, 'nope', recipients[0]!.address, outsider.toLowerCase(), sender.address] })
    expect(result).toEqual({
      onNetwork: [recipients[1]!.address, recipients[0]!.address],
      notOnNetwork: [getAddress(outsider)],
      failed: [],
      invalid: [
        { input: 'nope', reason: 'malformed' },
        { input: sender.address, reason: 'self' },
      ],
    })
  })
})
