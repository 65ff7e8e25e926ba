// Row "Express 5": the hello on Express's defaults (ETag and X-Powered-By on, as users get them).
import express from 'express'
import { serve } from './hello-server.js'

const app = express()
app.get('/', (_req, res) => {
  res.set('content-type', 'text/plain; charset=utf-8').send('hello')
})
await serve(app)
