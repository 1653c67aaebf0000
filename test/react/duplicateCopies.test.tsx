import { render, screen, waitFor } from '@testing-library/react'
import * as react from '@xmtp-kit/react'
import { afterEach, beforeEach, describe, expect, type MockInstance, test, vi } from 'vitest'
import { createTestNetwork } from './support.js'

const COPIES = Symbol.for('@xmtp-kit/react/contexts')

/** A second copy of @xmtp-kit/react, as an app gets when two versions are installed (its own modules, one React). */
async function secondCopy(): Promise<typeof react> {
  vi.resetModules()
  const copy = await import('@xmtp-kit/react')
  expect(copy.XMTPProvider).not.toBe(react.XMTPProvider)
  return copy
}

function Address({ hooks }: { hooks: typeof react }) {
  const { address, status } = hooks.useClient()
  return <p>{`${status}:${address ?? 'none'}`}</p>
}

describe('XMTPProvider', () => {
  let errors: MockInstance<typeof console.error>
  beforeEach(() => {
    delete (globalThis as Record<symbol, unknown>)[COPIES]
    errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
  })
  afterEach(() => errors.mockRestore())

  test('behavior: hooks of a second copy of the package under the first copy\'s provider: reported once, with the fix', async () => {
    const me = await createTestNetwork().client()
    const other = await secondCopy()
    render(
      <react.XMTPProvider client={me}>
        <Address hooks={other} />
        <Address hooks={other} />
      </react.XMTPProvider>,
    )
    // The mistake itself: the other copy's hooks see no client.
    expect(screen.getAllByText('idle:none')).toHaveLength(2)
    const reports = errors.mock.calls.filter(([message]) => String(message).includes('Two copies of @xmtp-kit/react'))
    expect(reports).toHaveLength(1)
    expect(String(reports[0]![0])).toMatch(/npm ls @xmtp-kit\/react.*npm dedupe.*resolve\.dedupe/)
  })

  test('default: one copy, no report', async () => {
    const me = await createTestNetwork().client()
    render(
      <react.XMTPProvider client={me}>
        <Address hooks={react} />
      </react.XMTPProvider>,
    )
    await waitFor(() => expect(screen.getByText(`ready:${me.address}`)).toBeInTheDocument())
    // Outside any provider (and no other copy): the quiet idle state, as documented.
    render(<Address hooks={react} />)
    expect(screen.getByText('idle:none')).toBeInTheDocument()
    expect(errors.mock.calls.filter(([message]) => String(message).includes('Two copies'))).toEqual([])
  })
})
