import {
  broadcast,
  type BroadcastJournal,
  type BroadcastJournalRecord,
  createClient,
  memoryJournal,
  startConversation,
  type Transport,
} from '@xmtp-kit/client'
import { describe, expect, test } from 'vitest'
import { memoryBed, readFrom } from './support.js'

const bed = memoryBed()
const { newClient, setup, stranger } = bed

/**
 * A journal that dies (throws, as a killed process stops) at the chosen record, before or after storing it:
 * what a run leaves behind when it is killed at that point.
 */
function killedAt(inner: BroadcastJournal, when: (record: BroadcastJournalRecord) => boolean, { stored }: { stored: boolean }): BroadcastJournal {
  let dead = false
  return {
    read: () => inner.read(),
    async append(record) {
      if (dead) throw new Error('process killed')
      if (when(record)) {
        dead = true
        if (stored) await inner.append(record)
        throw new Error('process killed')
      }
      await inner.append(record)
    },
  }
}

describe('broadcast', () => {
  test('parameters: journal: a run stopped half-way and run again with the same journal sends only to the rest, one copy each', async () => {
    const { sender, recipients } = await setup(5)
    const outsider = stranger()
    const addresses = [...recipients.map((r) => r.address), outsider]
    const journal = memoryJournal()
    const controller = new AbortController()
    let sent = 0
    const first = await broadcast(sender, {
      recipients: addresses,
      content: 'resumable',
      concurrency: 1,
      journal,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'sent' && ++sent === 2) controller.abort()
      },
    })
    expect(first.sent.map((s) => s.address)).toEqual(recipients.slice(0, 2).map((r) => r.address))
    expect(journal.records.map((r) => r.type)).toEqual(['start', 'sending', 'sent', 'sending', 'sent'])

    const progress: number[] = []
    const second = await broadcast(sender, { recipients: addresses, content: 'resumable', journal, onProgress: (p) => progress.push(p.sent) })
    expect(second.startedNs).toBe(first.startedNs)
    expect(second.sent.map((s) => [s.address, s.alreadyDelivered])).toEqual(recipients.map((r, i) => [r.address, i < 2]))
    expect(second.sent.slice(0, 2)).toEqual(first.sent.map((s) => ({ ...s, alreadyDelivered: true })))
    expect(second.notOnNetwork).toEqual([outsider])
    expect(second.failed).toEqual([])
    expect(progress[0]).toBe(2)
    for (const r of recipients) expect(await readFrom(r, sender.address)).toEqual([['resumable']])

    // A third run finds everyone done and sends nothing.
    const third = await broadcast(sender, { recipients: addresses, content: 'resumable', journal })
    expect(third.sent.every((s) => s.alreadyDelivered)).toBe(true)
    for (const r of recipients) expect(await readFrom(r, sender.address)).toEqual([['resumable']])
  })

  test('behavior: killed after a publish but before its answer was recorded, the next run finds the message and does not send it again', async () => {
    const { sender, recipients } = await setup(3)
    const addresses = recipients.map((r) => r.address)
    const saved = memoryJournal()
    // The message to the first recipient is published, and the process dies before recording that.
    const run = broadcast(sender, {
      recipients: addresses,
      content: 'exactly once',
      concurrency: 1,
      journal: killedAt(saved, (r) => r.type === 'sent', { stored: false }),
    })
    await expect(run).rejects.toThrow('process killed')
    expect(saved.records.map((r) => r.type)).toEqual(['start', 'sending'])
    expect(await readFrom(recipients[0]!, sender.address)).toEqual([['exactly once']])

    // A new process: a new client from the same keys, nothing in memory.
    const again = await createClient({ keys: sender.exportKeys(), transport: bed.transport, publishContact: false })
    const report = await broadcast(again, { recipients: addresses, content: 'exactly once', journal: saved })
    expect(report.sent.map((s) => [s.address, s.alreadyDelivered])).toEqual([
      [addresses[0], true],
      [addresses[1], false],
      [addresses[2], false],
    ])
    for (const r of recipients) expect(await readFrom(r, sender.address)).toEqual([['exactly once']])
    expect(saved.records.filter((r) => r.type === 'sent').map((r) => (r as { address: string }).address)).toEqual(addresses)
  })

  test('behavior: killed after writing `sending` but before publishing, the next run sends it once', async () => {
    const { sender, recipients } = await setup(2)
    const addresses = recipients.map((r) => r.address)
    const saved = memoryJournal()
    const run = broadcast(sender, { recipients: addresses, content: 'not yet', concurrency: 1, journal: killedAt(saved, (r) => r.type === 'sending', { stored: true }) })
    await expect(run).rejects.toThrow('process killed')
    expect(saved.records.map((r) => r.type)).toEqual(['start', 'sending'])
    // The conversation was started; no message in it.
    expect(await readFrom(recipients[0]!, sender.address)).toEqual([[]])

    const again = await createClient({ keys: sender.exportKeys(), transport: bed.transport, publishContact: false })
    const report = await broadcast(again, { recipients: addresses, content: 'not yet', journal: saved })
    expect(report.sent.map((s) => s.alreadyDelivered)).toEqual([false, false])
    for (const r of recipients) expect(await readFrom(r, sender.address)).toEqual([['not yet']])
  })

  test('parameters: journal: one of another message or another sender is refused before anything is sent', async () => {
    const { sender, recipients } = await setup(1)
    const other = await newClient()
    const journal = memoryJournal()
    await broadcast(sender, { recipients: [recipients[0]!.address], content: 'first', journal })
    const before = journal.records.length
    await expect(broadcast(sender, { recipients: [recipients[0]!.address], content: 'second', journal })).rejects.toThrow(/journal is of another broadcast/)
    await expect(broadcast(other, { recipients: [recipients[0]!.address], content: 'first', journal })).rejects.toThrow(TypeError)
    expect(journal.records).toHaveLength(before)
    expect(await readFrom(recipients[0]!, sender.address)).toEqual([['first']])
    expect(await readFrom(recipients[0]!, other.address)).toEqual([])
    await expect(broadcast(sender, { recipients: [], content: 'x', journal: {} as BroadcastJournal })).rejects.toThrow(TypeError)
  })

  test('parameters: journal: records saved elsewhere (as JSON) resume the run; malformed records are skipped', async () => {
    const { sender, recipients } = await setup(2)
    const addresses = recipients.map((r) => r.address)
    const first = memoryJournal()
    const controller = new AbortController()
    await broadcast(sender, {
      recipients: addresses,
      content: 'saved',
      concurrency: 1,
      journal: first,
      signal: controller.signal,
      onEvent: (e) => void (e.type === 'sent' && controller.abort()),
    })
    const stored = JSON.parse(JSON.stringify([...first.records, { type: 'sent', address: 'nope', topic: 't' }, { type: 'what' }, null]))
    const report = await broadcast(sender, { recipients: addresses, content: 'saved', journal: memoryJournal(stored) })
    expect(report.sent.map((s) => s.alreadyDelivered)).toEqual([true, false])
    for (const r of recipients) expect(await readFrom(r, sender.address)).toEqual([['saved']])
  })

  test('behavior: the sender’s conversations are listed once per run, not once per new recipient', async () => {
    const { sender, recipients } = await setup(4)
    let inviteQueries = 0
    const counting: Transport = {
      ...bed.transport,
      query: (p) => {
        if (p.contentTopic.startsWith('/xmtp/0/invite-')) inviteQueries++
        return bed.transport.query(p)
      },
    }
    const client = await createClient({ keys: sender.exportKeys(), transport: counting, publishContact: false })
    // One existing conversation, started by the recipient: reused, found by that one listing.
    const theirs = await createClient({ keys: recipients[0]!.exportKeys(), transport: bed.transport, publishContact: false })
    const existing = await startConversation(theirs, { peerAddress: sender.address })
    const report = await broadcast(client, { recipients: recipients.map((r) => r.address), content: 'listed once' })
    expect(inviteQueries).toBe(1)
    expect(report.sent[0]!.topic).toBe(existing.topic)
    for (const r of recipients) expect(await readFrom(r, sender.address)).toEqual([['listed once']])
  })

  test('parameters: rate: sends start at most that many per second', async () => {
    const { sender, recipients } = await setup(4)
    const starts: number[] = []
    await broadcast(sender, {
      recipients: recipients.map((r) => r.address),
      content: 'paced',
      concurrency: 4,
      rate: 40,
      conversationFor: () => void starts.push(Date.now()),
    })
    expect(starts).toHaveLength(4)
    // 25 ms apart at least (a timer may fire a millisecond early on the wall clock).
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(23)
    await expect(broadcast(sender, { recipients: [], content: 'x', rate: 0 })).rejects.toThrow(TypeError)
  })
})
