/** A value as JSON can hold it: what a decoded API object is made of. */
export type JsonValue = null | boolean | number | string | ReadonlyArray<JsonValue> | JsonObject

/** A JSON object: an API object, or a part of one. */
export interface JsonObject {
  readonly [key: string]: JsonValue
}

/** Whether a value is a JSON object (not null, not an array). */
export const isJsonObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v)
