/** The widget's own strings (the inbox's come from @xmtp-kit/components' labels). */
export const widgetLabels = {
  misconfigured: 'This messaging widget is not set up correctly.',
  noNode: 'data-node is missing: set it to the URL of an XMTP node, e.g. https://node.example.com.',
  badNode: (value: string) => `data-node "${value}" is not an http(s) URL.`,
  badPeer: (value: string) => `"${value}" is not a wallet address (0x followed by 40 hexadecimal digits).`,
  badChecksum: (value: string) => `"${value}" has a wrong checksum (mixed-case letters that do not match): check it for a typo.`,
  intro: 'Connect a wallet to send and receive end-to-end encrypted messages over XMTP.',
  introPeer: (peer: string) => `Connect a wallet to message ${peer}. Messages are end-to-end encrypted over XMTP.`,
  noWallet: 'No wallet found in this browser. Install a wallet extension (such as MetaMask), then reload this page.',
  walletRejected: 'The wallet request was declined.',
  walletFailed: 'The wallet could not connect.',
  signatureRejected: 'The signature was declined, so messaging is off. Try again to sign.',
  nodeUnreachable: (node: string) => `Cannot reach the messaging server at ${node}. Try again later.`,
  messagingFailed: 'Messaging could not start.',
  useBurner: 'Use a temporary wallet',
  burnerNote:
    'A temporary wallet is a new key kept in this browser (localStorage). Anyone using this browser can read its messages, and clearing site data loses them.',
  burnerNotSaved: 'This browser blocks storage: the temporary wallet lasts only until the page closes.',
  temporaryWallet: 'Temporary wallet',
  peerNotOnXmtp: (peer: string) => `${peer} has not enabled XMTP messaging yet, so messages cannot reach them.`,
  peerFailed: (peer: string) => `The conversation with ${peer} could not be opened.`,
}
