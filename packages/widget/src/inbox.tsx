// The inbox chunk: React, @xmtp-kit/components' Inbox and the client, loaded by the launcher on first use.
// It registers itself under a symbol on `window`; the launcher calls `mount` once per widget.
import componentsCss from 'virtual:xmtp-kit-components.css'
import { createRoot } from 'react-dom/client'
import { WidgetApp } from './inbox/App.js'
import { createController } from './inbox/controller.js'
import inboxCss from './inbox/inbox.css'
import { CHUNK_KEY, type InboxChunk, type MountOptions, type MountedWidget, adoptStyles } from './protocol.js'

function mount({ config, root, container, emit }: MountOptions): MountedWidget {
  // The components' styles and the widget's, inside this shadow root only: the page's CSS cannot reach them
  // and they cannot reach the page.
  adoptStyles(root, componentsCss + inboxCss, config.nonce)
  const controller = createController(config)
  const reactRoot = createRoot(container)
  reactRoot.render(<WidgetApp config={config} controller={controller} emit={emit} />)
  let destroyed = false
  return {
    setOpen: (open) => controller.set({ open }),
    openPeer: (peer) => controller.requestPeer(peer),
    setTheme: (theme) => controller.set({ theme }),
    connect: (signer) => (destroyed ? Promise.reject(new Error('The widget was destroyed.')) : controller.connect(signer)),
    destroy() {
      destroyed = true
      reactRoot.unmount()
    },
  }
}

const chunk: InboxChunk = { version: XMTP_KIT_WIDGET_VERSION, mount }
;(window as unknown as Record<symbol, InboxChunk>)[CHUNK_KEY] = chunk
