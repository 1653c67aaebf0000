/**
 * jsdom lays nothing out: every element is 0 px tall and cannot scroll. For the scrolling behaviours of the
 * message list, this gives its scroller (`.xk-message-list__scroller`) what a browser would: a viewport of
 * `height` px, a scroll height equal to the list's rendered height (the `height` the list sets on its items),
 * a `scrollTop` clamped to what can be scrolled, and `scrollTo()` that moves it and fires `scroll` on the next
 * task. Other elements keep jsdom's behaviour. Returns the function that removes it.
 */
export function layoutMessageScrollers({ height = 600, width = 360 } = {}): () => void {
  const proto = HTMLDivElement.prototype
  const names = ['clientHeight', 'clientWidth', 'scrollHeight', 'scrollTop', 'scrollTo'] as const
  const own = new Map(names.map((name) => [name, Object.getOwnPropertyDescriptor(proto, name)]))
  const inherited = (name: 'clientHeight' | 'clientWidth' | 'scrollHeight' | 'scrollTop') =>
    Object.getOwnPropertyDescriptor(Element.prototype, name)!
  const isScroller = (el: Element) => el.classList.contains('xk-message-list__scroller')
  const contentHeight = (el: Element) => {
    const list = el.querySelector<HTMLElement>('.xk-message-list__items')
    return Math.max(height, list ? Number.parseFloat(list.style.height) || 0 : 0)
  }
  const tops = new WeakMap<Element, number>()
  const clamp = (el: Element, top: number) => Math.max(0, Math.min(top, contentHeight(el) - height))

  Object.defineProperties(proto, {
    clientHeight: {
      configurable: true,
      get(this: HTMLDivElement) {
        return isScroller(this) ? height : inherited('clientHeight').get!.call(this)
      },
    },
    clientWidth: {
      configurable: true,
      get(this: HTMLDivElement) {
        return isScroller(this) ? width : inherited('clientWidth').get!.call(this)
      },
    },
    scrollHeight: {
      configurable: true,
      get(this: HTMLDivElement) {
        return isScroller(this) ? contentHeight(this) : inherited('scrollHeight').get!.call(this)
      },
    },
    scrollTop: {
      configurable: true,
      get(this: HTMLDivElement) {
        return isScroller(this) ? clamp(this, tops.get(this) ?? 0) : inherited('scrollTop').get!.call(this)
      },
      set(this: HTMLDivElement, value: number) {
        if (isScroller(this)) tops.set(this, clamp(this, value))
        else inherited('scrollTop').set!.call(this, value)
      },
    },
    scrollTo: {
      configurable: true,
      writable: true,
      value(this: HTMLDivElement, options: ScrollToOptions | number, y?: number) {
        const top = typeof options === 'number' ? y : options.top
        if (top === undefined) return
        const before = this.scrollTop
        this.scrollTop = top
        // Browsers fire `scroll` asynchronously, and only when the position changed.
        if (this.scrollTop !== before) setTimeout(() => this.dispatchEvent(new Event('scroll')))
      },
    },
  })
  return () => {
    for (const [name, descriptor] of own) {
      if (descriptor) Object.defineProperty(proto, name, descriptor)
      else delete (proto as unknown as Record<string, unknown>)[name]
    }
  }
}

/** Scrolls a laid-out scroller as a user would: the position moves, then `scroll` fires. */
export function scrollTo(scroller: Element, top: number) {
  scroller.scrollTop = top
  scroller.dispatchEvent(new Event('scroll'))
}
