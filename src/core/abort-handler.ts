/**
 * Go's `http.ErrAbortHandler`: a handler throws or rejects with it to cut the connection (HTTP/1) or
 * reset the stream (HTTP/2) without an answer. Panic recovery passes it on without logging a stack;
 * the adapters cut the connection quietly. The timeout filter uses it when a response had already
 * started before the deadline.
 */
export const abortHandler: Error = new Error('net/http: abort Handler')

/** True for `abortHandler`. */
export const isAbortHandler = (e: unknown): boolean => e === abortHandler
