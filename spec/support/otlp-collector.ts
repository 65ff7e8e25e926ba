// Spec support: an OTLP gRPC trace collector stub on 127.0.0.1 that keeps each export request's raw bytes.
import * as grpc from '@grpc/grpc-js'

/** A running collector stub: its port, the export requests it took (protobuf bytes), and how to stop it. */
export interface CollectorStub {
  readonly port: number
  readonly received: ReadonlyArray<Buffer>
  readonly stop: () => Promise<void>
}

const raw = (b: Buffer): Buffer => b

/** TraceService/Export with the request kept as raw bytes and an empty (valid) response. */
const exportMethod = {
  path: '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
  requestStream: false,
  responseStream: false,
  requestSerialize: raw,
  requestDeserialize: raw,
  responseSerialize: raw,
  responseDeserialize: raw,
}

/** Starts the stub on 127.0.0.1, port 0. */
export const startCollector = async (): Promise<CollectorStub> => {
  const received: Buffer[] = []
  const server = new grpc.Server()
  server.addService(
    { Export: exportMethod },
    {
      Export: (call: grpc.ServerUnaryCall<Buffer, Buffer>, done: grpc.sendUnaryData<Buffer>) => {
        received.push(call.request)
        done(null, Buffer.alloc(0))
      },
    },
  )
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e === null ? resolve(p) : reject(e))),
  )
  return { port, received, stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())) }
}

/** A port nothing listens on: a stub bound once, then stopped. */
export const closedCollectorPort = async (): Promise<number> => {
  const c = await startCollector()
  await c.stop()
  return c.port
}
