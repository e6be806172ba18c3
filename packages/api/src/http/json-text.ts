/**
 * JSON made once and sent many times (the cached allocation and fairness answers): the text keeps the type of
 * the value it encodes, so a route that sends it is still checked against its response schema — no cast in the
 * route, and the hot read path does no serialisation.
 */
import type { Context, TypedResponse } from 'hono'
import type { JSONParsed } from 'hono/utils/types'

declare const encodes: unique symbol

/** JSON text (or its UTF-8 bytes) of a T; made only by jsonText / jsonBytes. */
export type JsonText<T> = (string | Uint8Array<ArrayBuffer>) & { readonly [encodes]: T }

export const jsonText = <T>(value: T): string & JsonText<T> =>
  JSON.stringify(value) as string & JsonText<T>

export const jsonBytes = <T>(text: string & JsonText<T>): Uint8Array<ArrayBuffer> & JsonText<T> =>
  new TextEncoder().encode(text) as Uint8Array<ArrayBuffer> & JsonText<T>

/** Sends the text as a 200 application/json answer typed as the value it encodes (what c.json would give). */
export function sendJsonText<T>(
  c: Context,
  text: JsonText<T>,
): Response & TypedResponse<JSONParsed<T>, 200, 'json'> {
  const sent: Response = c.body(text, 200, { 'Content-Type': 'application/json' })
  return sent as Response & TypedResponse<JSONParsed<T>, 200, 'json'>
}
