import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { type BroadcastReport, type Client, createClient, getAddress, httpTransport, type Transport } from '@xmtp-kit/client'
import { MessageHoldersButton } from '@xmtp-kit/components'
import { XMTPProvider } from '@xmtp-kit/react'
import axe from 'axe-core'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRef, useState } from 'react'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { afterAll, describe, expect, test } from 'vitest'
import { readFrom } from '../client/broadcast/support.js'
import { startHoldersChain } from '../client/holders/chain.js'
import { createTestNetwork } from '../react/support.js'
import { createCountingWallet } from '../support/wallets.js'
import { gatePublishes, renderWithClient } from './support.js'

async function violations(root: Element) {
  const results = await axe.run(root, { rules: { 'color-contrast': { enabled: false } } })
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

interface NodeProcess {
  url: string
  port: number
  child: ChildProcess
  exited: Promise<number | string>
}

/**
 * The node's CLI in a child process, as test/support/nodeProcess.ts runs it; from the working directory (the
 * repository root), since `import.meta.url` is no file URL under jsdom.
 */
function spawnNode(args: string[]): Promise<NodeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/node/src/cli.ts', ...args], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] })
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)))
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    child.stderr!.on('data', (d) => (err += d))
    child.stdout!.on('data', (d) => {
      out += d
      const match = out.match(/listening on (http:\/\/[^\s]+)/)
      if (match) resolve({ url: match[1]!, port: Number(match[1]!.split(':').at(-1)), child, exited })
    })
    void exited.then((code) => reject(new Error(`node exited (${code}) before listening: ${err}`)))
  })
}

const body = () => within(document.body)
/** A wallet that never joined XMTP. */
const stranger = () => getAddress(privateKeyToAccount(generatePrivateKey()).address)
/** The report's counts as shown: [label, number] pairs. */
const counts = (dialog: HTMLElement) =>
  within(dialog)
    .getAllByRole('term')
    .map((term) => [term.textContent, term.nextElementSibling?.textContent])

async function openAndWrite(user: ReturnType<typeof userEvent.setup>, text: string) {
  await user.click(screen.getByRole('button', { name: 'Message holders' }))
  const dialog = await body().findByRole('dialog', { name: 'Message holders' })
  const box = await within(dialog).findByRole('textbox', { name: 'Message' })
  await user.type(box, text)
  return dialog
}

describe('MessageHoldersButton', () => {
  test('default: reads a list, checks who is on XMTP, sends once to each reachable holder and reports the rest', async () => {
    const net = createTestNetwork()
    const [team, alice, bob] = await Promise.all([net.client(), net.client(), net.client()])
    const outsider = stranger()
    const reports: BroadcastReport[] = []
    const { user } = renderWithClient(team, <MessageHoldersButton holders={[alice.address, outsider, { address: bob.address }, 'nope']} onReport={(r) => reports.push(r)} />)

    await user.click(screen.getByRole('button', { name: 'Message holders' }))
    const dialog = await body().findByRole('dialog', { name: 'Message holders' })
    await waitFor(() => expect(within(dialog).getByText('2 holders on XMTP · 1 not yet')).toBeInTheDocument())
    expect(within(dialog).getByText(/1 entry skipped/)).toBeInTheDocument()
    const send = within(dialog).getByRole('button', { name: 'Send to 2 holders' })
    expect(send).toBeDisabled()
    expect(await violations(document.body)).toEqual([])

    await user.type(within(dialog).getByRole('textbox', { name: 'Message' }), 'Snapshot on Friday')
    await user.click(send)
    await within(dialog).findByRole('heading', { name: 'Sent' })
    expect(counts(dialog)).toEqual([
      ['Reached', '2'],
      ['Not on XMTP yet', '1'],
      ['Failed', '0'],
    ])
    expect(within(dialog).queryByRole('button', { name: /Retry/ })).toBeNull()
    expect(await violations(document.body)).toEqual([])
    expect(reports).toHaveLength(1)
    expect(reports[0]!.sent.map((s) => s.address)).toEqual([alice.address, bob.address])
    expect(await readFrom(alice, team.address)).toEqual([['Snapshot on Friday']])
    expect(await readFrom(bob, team.address)).toEqual([['Snapshot on Friday']])

    await user.click(within(dialog).getByRole('button', { name: 'Done' }))
    expect(body().queryByRole('dialog')).toBeNull()
    expect(screen.getByRole('button', { name: 'Message holders' })).toHaveFocus()
  })

  test('parameters: holders as an async function, given a signal', async () => {
    const net = createTestNetwork()
    const [team, alice] = await Promise.all([net.client(), net.client()])
    const signals: AbortSignal[] = []
    const { user } = renderWithClient(
      team,
      <MessageHoldersButton
        holders={async (signal) => {
          signals.push(signal)
          return [alice.address, stranger(), stranger()]
        }}
      />,
    )
    const dialog = await openAndWrite(user, 'hello')
    expect(within(dialog).getByText('1 holder on XMTP · 2 not yet')).toBeInTheDocument()
    expect(signals).toHaveLength(1)
    expect(signals[0]).toBeInstanceOf(AbortSignal)
  })

  test('behavior: a list that cannot be read shows an error and tries again', async () => {
    const net = createTestNetwork()
    const [team, alice] = await Promise.all([net.client(), net.client()])
    let calls = 0
    const { user } = renderWithClient(
      team,
      <MessageHoldersButton
        holders={async () => {
          if (++calls === 1) throw new Error('indexer down')
          return [alice.address]
        }}
      />,
    )
    await user.click(screen.getByRole('button', { name: 'Message holders' }))
    const dialog = await body().findByRole('dialog', { name: 'Message holders' })
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Could not read the holders.')
    expect(within(dialog).queryByText(/indexer down/)).toBeNull()
    expect(await violations(document.body)).toEqual([])
    await user.click(within(dialog).getByRole('button', { name: 'Try again' }))
    await waitFor(() => expect(within(dialog).getByText('1 holder on XMTP · 0 not yet')).toBeInTheDocument())
  })

  test('behavior: nobody reachable: says so, and offers no message box', async () => {
    const net = createTestNetwork()
    const team = await net.client()
    const { user } = renderWithClient(team, <MessageHoldersButton holders={[stranger(), stranger()]} />)
    await user.click(screen.getByRole('button', { name: 'Message holders' }))
    const dialog = await body().findByRole('dialog', { name: 'Message holders' })
    await waitFor(() => expect(within(dialog).getByText('None of the holders is on XMTP yet.')).toBeInTheDocument())
    expect(within(dialog).queryByRole('textbox')).toBeNull()
  })

  test('behavior: without a wallet the dialog asks for one', async () => {
    const user = userEvent.setup()
    render(
      <XMTPProvider>
        <MessageHoldersButton holders={[stranger()]} />
      </XMTPProvider>,
    )
    await user.click(screen.getByRole('button', { name: 'Message holders' }))
    const dialog = await body().findByRole('dialog', { name: 'Message holders' })
    expect(dialog).toHaveTextContent('Connect a wallet to message holders.')
  })

  test('behavior: a progress bar while sending; cancel stops the rest, which can then be sent', async () => {
    const net = createTestNetwork()
    const gated = gatePublishes(net.transport)
    const team = await createClient({ signer: createCountingWallet(), transport: gated })
    const holders = await Promise.all([net.client(), net.client(), net.client(), net.client()])
    const { user } = renderWithClient(team, <MessageHoldersButton holders={holders.map((h) => h.address)} concurrency={1} />)
    const dialog = await openAndWrite(user, 'in order')

    gated.hold()
    await user.click(within(dialog).getByRole('button', { name: 'Send to 4 holders' }))
    const bar = await within(dialog).findByRole('progressbar', { name: 'Sending progress' })
    expect(bar).toHaveAttribute('aria-valuemin', '0')
    expect(bar).toHaveAttribute('aria-valuenow', '0')
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuemax', '4'))
    expect(bar).toHaveAttribute('aria-valuetext', '0 of 4 sent')
    expect(await violations(document.body)).toEqual([])

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    await gated.release()
    await within(dialog).findByRole('heading', { name: 'Sent' })
    const shown = Object.fromEntries(counts(dialog))
    expect(Number(shown['Reached']) + Number(shown['Not sent (cancelled)'])).toBe(4)
    expect(Number(shown['Not sent (cancelled)'])).toBeGreaterThanOrEqual(3)

    await user.click(within(dialog).getByRole('button', { name: /^Send to the remaining \d$/ }))
    await waitFor(() => expect(counts(dialog)).toEqual([
      ['Reached', '4'],
      ['Not on XMTP yet', '0'],
      ['Failed', '0'],
    ]))
    for (const h of holders) expect(await readFrom(h, team.address)).toEqual([['in order']])
  })

  test('behavior: an outage mid-send is reported as failed; retry failed completes it with one copy each', async () => {
    const net = createTestNetwork()
    const [team, ...holders] = await Promise.all([net.client(), net.client(), net.client(), net.client()])
    let cut = false
    const { user } = renderWithClient(
      team,
      <MessageHoldersButton
        holders={holders.map((h) => h.address)}
        concurrency={1}
        onProgress={(p) => {
          if (p.sent === 1 && !cut) {
            cut = true
            net.network.setOffline(true)
          }
        }}
      />,
    )
    const dialog = await openAndWrite(user, 'once')
    await user.click(within(dialog).getByRole('button', { name: 'Send to 3 holders' }))
    await within(dialog).findByRole('heading', { name: 'Sent' })
    expect(counts(dialog)).toEqual([
      ['Reached', '1'],
      ['Not on XMTP yet', '0'],
      ['Failed', '2'],
    ])
    const failures = within(dialog).getByRole('list', { name: 'Failed' })
    expect(within(failures).getAllByRole('listitem')).toHaveLength(2)
    expect(failures).toHaveTextContent('Could not reach the node.')
    expect(failures).not.toHaveTextContent('once')
    expect(await violations(document.body)).toEqual([])

    net.network.setOffline(false)
    await user.click(within(dialog).getByRole('button', { name: 'Retry failed (2)' }))
    await waitFor(() => expect(counts(dialog)).toEqual([
      ['Reached', '3'],
      ['Not on XMTP yet', '0'],
      ['Failed', '0'],
    ]))
    for (const h of holders) expect(await readFrom(h, team.address)).toEqual([['once']])
  })

  test('parameters: open, defaultOpen and onOpenChange (controlled)', async () => {
    const net = createTestNetwork()
    const [team, alice] = await Promise.all([net.client(), net.client()])
    const changes: boolean[] = []
    function Controlled() {
      const [open, setOpen] = useState(false)
      return (
        <>
          <button type="button" onClick={() => setOpen(true)}>
            elsewhere
          </button>
          <MessageHoldersButton holders={[alice.address]} open={open} onOpenChange={(next) => (changes.push(next), setOpen(next))} />
        </>
      )
    }
    const { user } = renderWithClient(team, <Controlled />)
    expect(body().queryByRole('dialog')).toBeNull()
    await user.click(screen.getByRole('button', { name: 'elsewhere' }))
    expect(await body().findByRole('dialog', { name: 'Message holders' })).toBeInTheDocument()
    await user.keyboard('{Escape}')
    await waitFor(() => expect(body().queryByRole('dialog')).toBeNull())
    expect(changes).toEqual([false])

    const { unmount } = renderWithClient(team, <MessageHoldersButton holders={[alice.address]} defaultOpen />)
    expect(await body().findByRole('dialog', { name: 'Message holders' })).toBeInTheDocument()
    unmount()
  })

  test('parameters: asChild, className, style, ref and labels', async () => {
    const net = createTestNetwork()
    const [team, alice] = await Promise.all([net.client(), net.client()])
    const ref = createRef<HTMLButtonElement>()
    const { user } = renderWithClient(
      team,
      <>
        <MessageHoldersButton holders={[alice.address]} asChild ref={ref} className="cta" data-testid="custom">
          <button type="button">Announce the mint</button>
        </MessageHoldersButton>
        <MessageHoldersButton holders={[]} className="mine" style={{ margin: 3 }} labels={{ messageHolders: 'Écrire aux détenteurs' }} />
      </>,
    )
    const custom = screen.getByRole('button', { name: 'Announce the mint' })
    expect(ref.current).toBe(custom)
    expect(custom).toHaveClass('cta')
    expect(custom).toHaveAttribute('data-testid', 'custom')
    const styled = screen.getByRole('button', { name: 'Écrire aux détenteurs' })
    expect(styled).toHaveClass('xk-holders-button__button', 'mine')
    expect(styled).toHaveStyle({ margin: '3px' })

    await user.click(custom)
    expect(await body().findByRole('dialog', { name: 'Message holders' })).toBeInTheDocument()
    await user.keyboard('{Escape}')
    await user.click(styled)
    const dialog = await body().findByRole('dialog', { name: 'Écrire aux détenteurs' })
    await waitFor(() => expect(within(dialog).getByText('No holders found.')).toBeInTheDocument())
  })
})

describe('MessageHoldersButton on a local chain and the real node', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xmtp-kit-holders-'))
  const db = join(dir, 'node.db')
  const running: NodeProcess[] = []
  afterAll(() => {
    for (const p of running) p.child.kill('SIGKILL')
    rmSync(dir, { recursive: true, force: true })
  })

  test('behavior: reaches exactly the token holders on the network and reports the rest; a node killed mid-send is reported, and retry after a restart completes it with one copy each', async () => {
    let node = await spawnNode(['--port', '0', '--db', db, '--no-rate-limit'])
    running.push(node)
    const url = node.url
    /** Fails fast while the node is down. */
    const transport = (): Transport => httpTransport({ url, retry: { attempts: 2, baseDelayMs: 20 } })
    const xmtpWallet = async (key = generatePrivateKey()) => createClient({ signer: createCountingWallet(key), transport: transport() })

    // The team deploys the token from its own wallet; a former holder (on XMTP) sends everything back.
    const [teamKey, formerKey] = [generatePrivateKey(), generatePrivateKey()]
    const chain = await startHoldersChain([teamKey, formerKey])
    const [teamAddress, formerAddress] = chain.accounts as [`0x${string}`, `0x${string}`]
    const [team, former, ...onXmtp] = await Promise.all([xmtpWallet(teamKey), xmtpWallet(formerKey), xmtpWallet(), xmtpWallet(), xmtpWallet(), xmtpWallet()]) as [Client, Client, ...Client[]]
    const offXmtp = [stranger(), stranger()]
    expect([team.address, former.address]).toEqual([teamAddress, formerAddress].map(getAddress))

    const token = await chain.deployToken(1_000_000n)
    for (const [i, holder] of [...onXmtp.map((c) => c.address), ...offXmtp, formerAddress].entries()) {
      await chain.write(token, 'token', teamAddress, 'transfer', [holder, BigInt(1000 + i)])
    }
    await chain.write(token, 'token', formerAddress, 'transfer', [teamAddress, 1006n])

    let killed = false
    const { user } = renderWithClient(
      team,
      <MessageHoldersButton
        token={{ address: token, kind: 'erc20', client: chain.publicClient }}
        concurrency={2}
        onProgress={(p) => {
          if (p.sent === 1 && !killed) {
            killed = true
            node.child.kill('SIGKILL')
          }
        }}
      />,
    )
    await user.click(screen.getByRole('button', { name: 'Message holders' }))
    const dialog = await body().findByRole('dialog', { name: 'Message holders' })
    // The team (a holder too) is not counted; the former holder is not a holder.
    await waitFor(() => expect(within(dialog).getByText('4 holders on XMTP · 2 not yet')).toBeInTheDocument(), { timeout: 15_000 })
    await user.type(within(dialog).getByRole('textbox', { name: 'Message' }), 'gm holders: snapshot on Friday')
    await user.click(within(dialog).getByRole('button', { name: 'Send to 4 holders' }))

    await within(dialog).findByRole('heading', { name: 'Sent' }, { timeout: 15_000 })
    expect(killed).toBe(true)
    expect(await node.exited).toBe('SIGKILL')
    const first = Object.fromEntries(counts(dialog))
    expect(first['Not on XMTP yet']).toBe('2')
    expect(Number(first['Reached'])).toBeGreaterThanOrEqual(1)
    expect(Number(first['Failed'])).toBeGreaterThanOrEqual(2)
    expect(Number(first['Reached']) + Number(first['Failed'])).toBe(4)

    node = await spawnNode(['--port', String(node.port), '--db', db, '--no-rate-limit'])
    running.push(node)
    await user.click(within(dialog).getByRole('button', { name: `Retry failed (${first['Failed']})` }))
    await waitFor(
      () =>
        expect(counts(dialog)).toEqual([
          ['Reached', '4'],
          ['Not on XMTP yet', '2'],
          ['Failed', '0'],
        ]),
      { timeout: 15_000 },
    )

    // Each holder on XMTP reads exactly one copy with their own client; the former holder gets nothing.
    for (const holder of onXmtp) expect(await readFrom(holder, team.address)).toEqual([['gm holders: snapshot on Friday']])
    expect(await readFrom(former, team.address)).toEqual([])
    await chain.close()
  }, 60_000)
})
