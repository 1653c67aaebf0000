import { act, screen, waitFor } from '@testing-library/react'
import { XMTPProvider, useClient } from '@xmtp-kit/react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { describe, expect, test, vi } from 'vitest'
import { createCountingWallet } from '../support/wallets.js'
import { AllHooks } from './allHooks.js'
import { createTestNetwork } from './support.js'

describe('hydration', () => {
  test('behavior: the server HTML of every hook hydrates without mismatch, then connects', async () => {
    const net = createTestNetwork()
    const tree = (
      <XMTPProvider transport={net.transport}>
        <AllHooks />
        <Connect />
      </XMTPProvider>
    )
    const container = document.createElement('div')
    container.innerHTML = renderToString(tree)
    document.body.appendChild(container)
    const recoverable = vi.fn()
    const consoleError = vi.spyOn(console, 'error')
    const root = await act(async () => hydrateRoot(container, tree, { onRecoverableError: recoverable }))
    expect(recoverable).not.toHaveBeenCalled()
    expect(consoleError).not.toHaveBeenCalled()
    expect(screen.getByTestId('client')).toHaveTextContent('idle')

    await act(async () => screen.getByRole('button', { name: 'Connect' }).click())
    await waitFor(() => expect(screen.getByTestId('client')).toHaveTextContent('ready'))
    await waitFor(() => expect(screen.getByTestId('conversations')).toHaveTextContent(/^ready:0/))
    act(() => root.unmount())
    container.remove()
    consoleError.mockRestore()
  })
})

function Connect() {
  const { connect } = useClient()
  return (
    <button type="button" onClick={() => void connect(createCountingWallet())}>
      Connect
    </button>
  )
}
