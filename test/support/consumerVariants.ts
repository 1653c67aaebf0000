/** The apps the packaging test builds, each importing one thing (React 19 through `react-dom/client`). */
const mount = (element: string, imports: string) => `import { createElement as h } from 'react'
import { createRoot } from 'react-dom/client'
import { XMTPProvider } from '@xmtp-kit/react'
${imports}
createRoot(document.getElementById('root')).render(h(XMTPProvider, { url: 'http://localhost:5555' }, ${element}))
`

export const consumerVariants = {
  /** Only the provider: the floor every React variant stands on. */
  provider: mount('null', ''),
  connectionStatus: mount('h(ConnectionStatus)', "import { ConnectionStatus } from '@xmtp-kit/components'"),
  messageButton: mount("h(MessageButton, { peerAddress: '0xd2431CA38735C2fd438e2cAa23F094191D89675b' })", "import { MessageButton } from '@xmtp-kit/components'"),
  inbox: mount('h(Inbox)', "import { Inbox } from '@xmtp-kit/components'"),
  /** No React: one predicate of the client. */
  isAddress: "import { isAddress } from '@xmtp-kit/client'\ndocument.title = String(isAddress(location.hash.slice(1)))\n",
} as const
