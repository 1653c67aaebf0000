/** An address as the components show it: `0x1234…abcd`. */
export const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`
