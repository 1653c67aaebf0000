import { broadcast, createClient, createMemoryNetwork, memoryTransport, type Transport } from '@xmtp-kit/client'
import { fileJournal } from '@xmtp-kit/client/node'
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { createCountingWallet } from '../../support/wallets.js'
import { readFrom } from './support.js'

const dir = mkdtempSync(join(tmpdir(), 'xmtp-kit-journal-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let files = 0
const newPath = () => join(dir, `run-${++files}.journal`)

describe('fileJournal', () => {
  test('default: a missing file is an empty journal; records are appended as JSON lines and read back', async () => {
    const path = newPath()
    const journal = fileJournal(path)
    expect(await journal.read()).toEqual([])
    await journal.append({ type: 'start', fingerprint: 'ab', startedNs: '1' })
    await journal.append({ type: 'sending', address: '0x0000000000000000000000000000000000000001', topic: 't' })
    expect(readFileSync(path, 'utf8')).toBe(
      '{"type":"start","fingerprint":"ab","startedNs":"1"}\n{"type":"sending","address":"0x0000000000000000000000000000000000000001","topic":"t"}\n',
    )
    journal.close()
    expect(await fileJournal(path).read()).toHaveLength(2)
  })

  test('behavior: a torn last line is skipped and the next record starts on a new line', async () => {
    const path = newPath()
    writeFileSync(path, '{"type":"start","fingerprint":"ab","startedNs":"1"}\n{"type":"sent","addr')
    const journal = fileJournal(path, { sync: true })
    expect(await journal.read()).toEqual([{ type: 'start', fingerprint: 'ab', startedNs: '1' }])
    await journal.append({ type: 'sent', address: '0x0000000000000000000000000000000000000002', topic: 't' })
    journal.close()
    appendFileSync(path, 'not json\n\n')
    expect(await fileJournal(path).read()).toEqual([
      { type: 'start', fingerprint: 'ab', startedNs: '1' },
      { type: 'sent', address: '0x0000000000000000000000000000000000000002', topic: 't' },
    ])
  })

  test('behavior: a broadcast resumed from the file sends nobody a second copy', async () => {
    const network = createMemoryNetwork()
    const transport: Transport = memoryTransport({ network })
    const [sender, ...recipients] = await Promise.all(Array.from({ length: 4 }, () => createClient({ signer: createCountingWallet(), transport })))
    const path = newPath()
    const controller = new AbortController()
    const first = fileJournal(path)
    await broadcast(sender!, {
      recipients: recipients.map((r) => r.address),
      content: 'from a file',
      concurrency: 1,
      journal: first,
      signal: controller.signal,
      onEvent: (e) => void (e.type === 'sent' && controller.abort()),
    })
    first.close()
    const report = await broadcast(sender!, { recipients: recipients.map((r) => r.address), content: 'from a file', journal: fileJournal(path) })
    expect(report.sent.map((s) => s.alreadyDelivered)).toEqual([true, false, false])
    for (const r of recipients) expect(await readFrom(r, sender!.address)).toEqual([['from a file']])
    expect(() => fileJournal('')).toThrow(TypeError)
  })
})
