// Rows "kubechain serveSecurely, hello" (HTTPS and HTTP/2): the hello Handler, no filters, over kubechain's secure serving.
import { hello } from './hello-server.js'
import { serveSecurelyHello } from './serve-securely-hello.js'

await serveSecurelyHello(hello)
