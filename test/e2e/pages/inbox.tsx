// A page with the drop-in inbox, bundled by the two-wallet test with esbuild. The wallet stays in the test
// process: the page asks it to sign through `window.walletSignMessage`, as it would ask an extension.
import { type Conversation, createClient, httpTransport } from '@xmtp-kit/client'
import { Inbox, NewConversation, type Theme } from '@xmtp-kit/components'
import { XMTPProvider } from '@xmtp-kit/react'
import { useState } from 'react'
import { createRoot } from 'react-dom/client'

declare global {
  interface Window {
    walletAddress(): Promise<string>
    walletSignMessage(message: string): Promise<string>
  }
}

const params = new URLSearchParams(location.search)
const theme = (params.get('theme') ?? 'light') as Theme

function App({ client }: { client: Awaited<ReturnType<typeof createClient>> }) {
  const [conversation, setConversation] = useState<Conversation | undefined>(undefined)
  return (
    <XMTPProvider client={client}>
      <main style={{ display: 'grid', gridTemplateRows: 'auto 1fr', height: '100vh', margin: 0 }}>
        <NewConversation theme={theme} onConversation={setConversation} />
        <Inbox theme={theme} conversation={conversation} onConversationChange={setConversation} style={{ minHeight: 0 }} />
      </main>
    </XMTPProvider>
  )
}

async function main() {
  const address = await window.walletAddress()
  const client = await createClient({
    signer: { getAddress: async () => address, signMessage: (message: string) => window.walletSignMessage(message) },
    transport: httpTransport({ url: params.get('node')! }),
  })
  document.body.style.margin = '0'
  createRoot(document.getElementById('root')!).render(<App client={client} />)
}

void main()
