// Runs npm bittorrent-tracker's Server on 127.0.0.1 until killed, and prints the bound ports as
// one JSON line: {"http":P,"ws":P,"udp":U} (npm serves HTTP and WebSocket on the same port).
//
//   node server.mjs [--port 0] [--udp-port 0] [--no-udp]
//
// Port 0 picks a free port.
import { Server } from 'bittorrent-tracker'
import { parseArgs } from 'node:util'

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'udp-port': { type: 'string', default: '0' },
    'no-udp': { type: 'boolean', default: false }
  }
})

const udp = !args['no-udp']
const server = new Server({ udp, http: true, ws: true, stats: false })
server.on('error', err => {
  console.error(`tracker error: ${err.message}`)
  process.exit(1)
})
server.on('warning', () => {})

server.listen(
  { http: Number(args.port), udp: Number(args['udp-port']) },
  { http: '127.0.0.1', udp: '127.0.0.1', udp6: '::1' },
  () => {
    const http = server.http.address().port
    const ports = { http, ws: http }
    if (udp) ports.udp = server.udp.address().port
    process.stdout.write(JSON.stringify(ports) + '\n')
  }
)

const stop = () => server.close(() => process.exit(0))
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
