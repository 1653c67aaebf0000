/**
 * `broadcast` in Chromium with a journal in IndexedDB (the client README's example, verbatim below): a run stopped
 * half-way, the page reloaded, the same broadcast run again: one copy per wallet, read back from the node.
 */
import { createClient, httpTransport, listConversations, listMessages } from '@xmtp-kit/client'
import { describe, expect, test } from 'vitest'
import { createIdentity, type Identity, pool } from '../cli/support.js'
import { clientPageBed } from '../support/clientPage.js'


/** The README's IndexedDB journal, as a page would write it. */
const idbJournal = `
function openJournal(name) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1)
    request.onupgradeneeded = () => request.result.createObjectStore('records', { autoIncrement: true })
    request.onerror = () => reject(request.error)
    request.onsuccess = () => {
      const db = request.result
      resolve({
        read: () =>
          new Promise((resolve, reject) => {
            const all = db.transaction('records').objectStore('records').getAll()
            all.onsuccess = () => resolve(all.result)
            all.onerror = () => reject(all.error)
          }),
        append: (record) =>
          new Promise((resolve, reject) => {
            const tx = db.transaction('records', 'readwrite', { durability: 'strict' })
            tx.objectStore('records').add(record)
            tx.oncomplete = () => resolve()
            tx.onerror = () => reject(tx.error)
          }),
      })
    }
  })
}`

const bed = clientPageBed('broadcast', { script: `${idbJournal}\nwindow.openJournal = openJournal`, node: { rateLimit: false } })

describe('broadcast in the browser', () => {
  test('behavior: with an IndexedDB journal, a run stopped half-way and run again after a reload sends one copy to each', async () => {
    const transport = httpTransport({ url: bed.node.url })
    const [sender, ...recipients] = (await pool(9, 4, () => createIdentity(transport))) as [Identity, ...Identity[]]
    const { page } = bed.browser
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    const run = async (stopAfter: number | undefined) => {
      await page.goto(bed.site.url)
      await page.waitForFunction(() => (window as any).kit !== undefined)
      return page.evaluate(
        async ({ nodeUrl, keysHex, recipients, stopAfter }) => {
          const { kit, openJournal } = window as any
          const keys = new Uint8Array(keysHex.match(/../g)!.map((h: string) => parseInt(h, 16)))
          const client = await kit.createClient({ keys, transport: kit.httpTransport({ url: nodeUrl }), publishContact: false })
          const controller = new AbortController()
          let sent = 0
          const report = await kit.broadcast(client, {
            recipients,
            content: 'from a tab',
            concurrency: 1,
            journal: await openJournal('airdrop'),
            signal: controller.signal,
            onEvent: (e: { type: string }) => {
              if (e.type === 'sent' && ++sent === stopAfter) controller.abort()
            },
          })
          return { sent: report.sent.map((s: { alreadyDelivered: boolean }) => s.alreadyDelivered), cancelled: report.cancelled.length }
        },
        { nodeUrl: bed.node.url, keysHex: Buffer.from(sender.keys).toString('hex'), recipients: recipients.map((r) => r.address), stopAfter },
      )
    }
    expect(await run(3)).toEqual({ sent: [false, false, false], cancelled: 5 })
    // A reload: nothing in memory, the journal in IndexedDB.
    expect(await run(undefined)).toEqual({ sent: [true, true, true, false, false, false, false, false], cancelled: 0 })
    expect(errors).toEqual([])

    const client = await createClient({ keys: sender.keys, transport, publishContact: false })
    const conversations = await listConversations(client)
    expect(conversations.map((c) => c.peerAddress).sort()).toEqual(recipients.map((r) => r.address).sort())
    for (const conversation of conversations) expect((await listMessages(client, { conversation })).map((m) => m.content)).toEqual(['from a tab'])
  })
})
