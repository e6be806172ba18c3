/**
 * Unsaved edits are never lost silently: the browser asks before a reload or leaving the page
 * (`beforeunload`), and switching scenario asks first (保存されていない変更を破棄しますか).
 */
import type { AppState } from '../model'

export const DISCARD_QUESTION =
  '保存していない変更があります。破棄して別のシナリオを開きますか？（変更は失われます）'

export function installUnsavedGuard(state: AppState): void {
  window.addEventListener('beforeunload', (e) => {
    if (!state.current?.dirty) return
    e.preventDefault()
    // older browsers show a dialog only when returnValue is set
    e.returnValue = ''
  })
}

/** True when it is fine to replace the current document (nothing unsaved, or the planner agreed). */
export function confirmDiscard(state: AppState): boolean {
  return !state.current?.dirty || window.confirm(DISCARD_QUESTION)
}
