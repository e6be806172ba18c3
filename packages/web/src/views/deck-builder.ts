/**
 * 資料の構成 (deck builder): which slides go into this meeting's deck, in which order, under which titles, and
 * the meeting's name on the title slide. Kept per scenario in localStorage. A slide without data (e.g. no
 * 照会ログ) is never in the deck: it is listed, greyed, with the reason.
 */
import { h, replace } from './dom'

export interface DeckEntry {
  key: string
  /** default title */
  title: string
  /** false: the analysis has nothing to show for this scenario */
  hasData: boolean
  /** why there is no data (shown in the builder) */
  reason?: string
}

export interface DeckSettings {
  /** slide keys in deck order (keys missing here keep their default place after the listed ones) */
  order: string[]
  /** keys the planner left out */
  off: string[]
  /** titles the planner changed */
  titles: Record<string, string>
  /** the meeting, e.g. 令和8年度 第1回 運営委員会 */
  meeting: string
}

const storageKey = (scenarioId: string | number) => `warikan:deck:${scenarioId}`

export const defaultSettings = (): DeckSettings => ({ order: [], off: [], titles: {}, meeting: '' })

export function loadDeckSettings(scenarioId: string | number): DeckSettings {
  try {
    const raw = localStorage.getItem(storageKey(scenarioId))
    if (!raw) return defaultSettings()
    const v = JSON.parse(raw) as Partial<DeckSettings>
    return {
      order: Array.isArray(v.order) ? v.order.map(String) : [],
      off: Array.isArray(v.off) ? v.off.map(String) : [],
      titles: typeof v.titles === 'object' && v.titles ? v.titles : {},
      meeting: typeof v.meeting === 'string' ? v.meeting : '',
    }
  } catch {
    return defaultSettings()
  }
}

export function saveDeckSettings(scenarioId: string | number, s: DeckSettings): void {
  try {
    localStorage.setItem(storageKey(scenarioId), JSON.stringify(s))
  } catch {
    // private mode: the deck still works for this visit
  }
}

/** Every entry in the planner's order (the default order for the rest). */
export function ordered(entries: DeckEntry[], s: DeckSettings): DeckEntry[] {
  const rank = new Map(s.order.map((k, i) => [k, i]))
  const base = new Map(entries.map((e, i) => [e.key, i]))
  return [...entries].sort(
    (a, b) =>
      (rank.get(a.key) ?? 1e6 + base.get(a.key)!) - (rank.get(b.key) ?? 1e6 + base.get(b.key)!),
  )
}

/** The slides of the deck: in order, with data, not left out; each with its title. */
export function deckSlides(
  entries: DeckEntry[],
  s: DeckSettings,
): Array<{ entry: DeckEntry; title: string }> {
  return ordered(entries, s)
    .filter((e) => e.hasData && !s.off.includes(e.key))
    .map((entry) => ({ entry, title: s.titles[entry.key]?.trim() || entry.title }))
}

/** Open the builder as a modal dialog; `apply` gets the new settings when the planner confirms. */
export function openDeckBuilder(
  entries: DeckEntry[],
  settings: DeckSettings,
  apply: (s: DeckSettings) => void,
): HTMLDialogElement {
  const draft: DeckSettings = structuredClone(settings)
  let list = ordered(entries, draft)
  const meeting = h('input', {
    type: 'text',
    id: 'deck-meeting',
    value: draft.meeting,
    placeholder: '例: 令和8年度 第1回 運営委員会',
  })
  const rows = h('ol', { class: 'deck-list' })
  const draw = () => {
    replace(
      rows,
      list.map((e, i) => {
        const on = h('input', {
          type: 'checkbox',
          'data-slide-key': e.key,
          'aria-label': `${e.title} を資料に入れる`,
          checked: e.hasData && !draft.off.includes(e.key),
          disabled: !e.hasData,
          onchange: () => {
            draft.off = draft.off.filter((k) => k !== e.key)
            if (!on.checked) draft.off.push(e.key)
          },
        })
        const title = h('input', {
          type: 'text',
          class: 'deck-title',
          'data-slide-key': e.key,
          'aria-label': `${e.title} の題名`,
          value: draft.titles[e.key] ?? e.title,
          disabled: !e.hasData,
          oninput: () => {
            if (title.value.trim() && title.value !== e.title) draft.titles[e.key] = title.value
            else delete draft.titles[e.key]
          },
        })
        const move = (d: number) => () => {
          const j = i + d
          if (j < 0 || j >= list.length) return
          ;[list[i], list[j]] = [list[j]!, list[i]!]
          draft.order = list.map((x) => x.key)
          draw()
          rows
            .querySelector<HTMLButtonElement>(`[data-move="${d}"][data-slide-key="${e.key}"]`)
            ?.focus()
        }
        return h(
          'li',
          { class: e.hasData ? '' : 'no-data', 'data-slide-key': e.key },
          on,
          title,
          e.hasData
            ? null
            : h(
                'span',
                { class: 'muted' },
                `データなし: ${e.reason ?? '表示できる内容がありません'}`,
              ),
          h(
            'button',
            {
              type: 'button',
              'data-move': -1,
              'data-slide-key': e.key,
              'aria-label': `${e.title} を上へ`,
              onclick: move(-1),
            },
            '↑',
          ),
          h(
            'button',
            {
              type: 'button',
              'data-move': 1,
              'data-slide-key': e.key,
              'aria-label': `${e.title} を下へ`,
              onclick: move(1),
            },
            '↓',
          ),
        )
      }),
    )
  }
  draw()
  const dialog = h(
    'dialog',
    { class: 'deck-builder', 'aria-labelledby': 'deck-builder-title' },
    h('h2', { id: 'deck-builder-title' }, '資料の構成'),
    h(
      'p',
      { class: 'muted' },
      'この会議で使うスライドを選び、順序と題名を決めます。データのないスライドは資料に入りません。',
    ),
    h('label', { for: 'deck-meeting' }, '会議名（表紙に表示）'),
    meeting,
    rows,
    h(
      'div',
      { class: 'row' },
      h(
        'button',
        {
          type: 'button',
          'data-action': 'deck-reset',
          onclick: () => {
            Object.assign(draft, defaultSettings())
            meeting.value = ''
            list = ordered(entries, draft)
            draw()
          },
        },
        '既定に戻す',
      ),
      h('button', { type: 'button', onclick: () => dialog.close() }, 'キャンセル'),
      h(
        'button',
        {
          type: 'button',
          class: 'primary',
          'data-action': 'deck-apply',
          onclick: () => {
            draft.meeting = meeting.value.trim()
            dialog.close()
            apply(draft)
          },
        },
        'この構成にする',
      ),
    ),
  )
  dialog.addEventListener('close', () => dialog.remove())
  document.body.append(dialog)
  dialog.showModal()
  return dialog
}
