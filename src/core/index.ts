export { type Key, type Attributes, attr } from './attributes.js'
export { type CancelToken, type CancelSource, newCancelSource, neverCancelled } from './cancel-token.js'
export {
  type Request,
  type RequestInit,
  type RawRequest,
  type Headers,
  Http2StreamRequest,
  peerAddress,
  requestBody,
  type Target,
  newRequest,
  get,
  put,
  withHeaders,
  withCancel,
  header,
  headerValues,
} from './request.js'
export { MemoryRequest, type PeerAddress } from './memory-request.js'
export { parseTarget, unescape } from './target.js'
export { type Query, parseQuery, query, queryValue } from './query.js'
export {
  type Response,
  type HttpResponse,
  type UpgradeResponse,
  type TakeoverResponse,
  type Body,
  type Chunk,
  type HeaderValue,
  type ResponseHeaders,
  type Ended,
  type Finalizer,
  type OnConnection,
  type NodeListener,
  text,
  json,
  bytes,
  empty,
  stream,
  upgrade,
  takeover,
  setHeader,
  setHeaderIfAbsent,
  addFinalizer,
  runFinalizers,
  isComplete,
  flushedAtOnceBytes,
  withDeadline,
} from './response.js'
export { type Answer, type Handler, type Filter, identity, constant, isPending, fromTask } from './handler.js'
export { noteHandOver, takeoverStatus } from './handed-over.js'
export { type Done, type Exit, exit, settle, mapAnswer, mapResponse, whenDone, whenEnded, doneWith } from './exit.js'
export { type Step, type StepOrder, type Chain, step, build } from './step.js'
export {
  type Status,
  type StatusDetails,
  type StatusCause,
  type ApiError,
  statusError,
  plainError,
  toResponse,
  encodeStatus,
} from './status.js'
export {
  badRequest,
  unauthorized,
  forbidden,
  notFound,
  requestEntityTooLarge,
  serviceUnavailable,
  timeoutError,
  internalError,
} from './status-errors.js'
export { goJson } from './go-json.js'
export { type Clock, type Cancel, systemClock } from './clock.js'
export { type FakeClock, fakeClock } from './fake-clock.js'
export { type LogLevel, type LogEntry, type Logger, stderrLogger, silentLogger, recordingLogger } from './logger.js'
export { type Verbosity, newVerbosity, debugVerbosity, entryVerbosity, isLogged, vEnabled, withVerbosity } from './verbosity.js'
export { LoggingFormat, type KlogLoggerOptions, klogLogger } from './klog-logger.js'
export { type LineMeta, klogTextLine } from './klog-text.js'
export { klogJsonLine } from './klog-json.js'
export { callerOf } from './log-caller.js'
export { type Deps, defaultDeps } from './deps.js'
export { abortHandler, isAbortHandler } from './abort-handler.js'
export { abortStreamOnCancel } from './abort-stream-on-cancel.js'
export { internalErrorResponse } from './internal-error-response.js'
export { maxPostHandlerReadBytes, bodyTooLarge, canCloseConnection, readBodyLimited } from './read-body.js'
