// Row "12 header-setting steps": each sets its own header after the inner handler answered.
import { headerSetting, serveChain } from './hello-server.js'

await serveChain(headerSetting(12))
