/** Small modal dialogs of the studio (a name to type, a yes/no), as <dialog> elements in Japanese. */
import { h } from './dom'

function open<T>(build: (close: (value: T) => void) => HTMLElement[], fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const d = h('dialog', { class: 'studio-dialog' })
    let done = false
    const close = (value: T) => {
      if (done) return
      done = true
      d.close()
      d.remove()
      resolve(value)
    }
    d.append(...build(close))
    d.addEventListener('cancel', () => close(fallback))
    document.body.append(d)
    d.showModal()
  })
}

/** A name (trimmed, 1–200 characters); undefined when cancelled. */
export function askName(
  title: string,
  label: string,
  initial: string,
): Promise<string | undefined> {
  return open<string | undefined>((close) => {
    const input = h('input', {
      id: 'dialog-name',
      type: 'text',
      value: initial,
      maxlength: '200',
      autocomplete: 'off',
      'data-field': 'dialog-name',
    })
    const message = h('p', { class: 'field-message', role: 'alert' })
    const form = h(
      'form',
      {
        method: 'dialog',
        onsubmit: (e: Event) => {
          e.preventDefault()
          const v = input.value.trim()
          if (!v) {
            message.textContent = '名前を入力してください (empty)'
            return
          }
          close(v)
        },
      },
      h('h2', {}, title),
      h('label', { class: 'field', for: 'dialog-name' }, h('span', {}, label), input),
      message,
      h(
        'div',
        { class: 'row end' },
        h('button', { type: 'button', onclick: () => close(undefined) }, 'キャンセル'),
        h('button', { type: 'submit', 'data-action': 'dialog-ok' }, 'OK'),
      ),
    )
    setTimeout(() => input.select())
    return [form]
  }, undefined)
}

export function askYesNo(title: string, question: string, yes: string): Promise<boolean> {
  return open<boolean>(
    (close) => [
      h('h2', {}, title),
      h('p', {}, question),
      h(
        'div',
        { class: 'row end' },
        h('button', { type: 'button', onclick: () => close(false) }, 'キャンセル'),
        h(
          'button',
          {
            type: 'button',
            class: 'danger',
            'data-action': 'dialog-yes',
            onclick: () => close(true),
          },
          yes,
        ),
      ),
    ],
    false,
  )
}
