/** The 円 / 千円 / 百万円 display switch: how the studio's tables show amounts (the stored yen stay exact). */
import { formatYen, formatYenInUnit, YEN_DISPLAY_UNITS, type YenDisplayUnit } from '@warikan/core'
import { h } from './dom'

const KEY = 'warikan.displayUnit'
let unit: YenDisplayUnit = readStored()

function readStored(): YenDisplayUnit {
  try {
    const v = Number(localStorage.getItem(KEY))
    return v === 1000 || v === 1000000 ? v : 1
  } catch {
    return 1
  }
}

/** An amount in the chosen unit; the exact yen go in the element's title where this is shown. */
export const showYen = (amount: number): string => formatYenInUnit(amount, unit)

/** A table cell's text and title: `620,000千円` with title `¥620,000,000`. */
export const yenTitle = (amount: number): string => formatYen(amount)

export function unitSwitch(onChange: () => void): HTMLElement {
  const select = h(
    'select',
    {
      id: 'display-unit',
      'data-action': 'display-unit',
      onchange: () => {
        unit = Number(select.value) as YenDisplayUnit
        try {
          localStorage.setItem(KEY, String(unit))
        } catch {
          /* private mode */
        }
        onChange()
      },
    },
    YEN_DISPLAY_UNITS.map((u) =>
      h('option', { value: String(u.unit), selected: u.unit === unit }, u.label),
    ),
  )
  return h(
    'label',
    { class: 'picker unit-switch', for: 'display-unit' },
    h('span', {}, '金額の表示単位'),
    select,
  )
}
