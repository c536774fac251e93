// Runs the reference STREAM receiver (npm ilp-protocol-stream server behind ilp-plugin-http) with
// an SPSP endpoint that passes a verifier's Receipt-Nonce/Receipt-Secret into its connections,
// for ilp-stream-payments' interop tests. Connections are receive-only.
// Usage: node js-receive.js <ilpPort> <spspPort> <token>; prints 'ready' and then 'received N'
// lines as money arrives.
'use strict'
const http = require('http')
const PluginHttp = require('ilp-plugin-http')
const ILDCP = require('ilp-protocol-ildcp')
const IlpPacket = require('ilp-packet')
const { createServer } = require('ilp-protocol-stream')

// The stream server asks its plugin's peer for its address (ILDCP); this process is that peer.
function ildcpPeer () {
  return new Promise(resolve => {
    const peer = http.createServer((req, res) => {
      const chunks = []
      req.on('data', c => chunks.push(c))
      req.on('end', async () => {
        const reply = await ILDCP.serve({
          requestPacket: Buffer.concat(chunks),
          handler: () => ({ clientAddress: 'test.jsreceiver', assetCode: 'USD', assetScale: 9 }),
          serverAddress: 'test'
        })
        res.setHeader('content-type', 'application/octet-stream')
        res.end(reply)
      })
    })
    peer.listen(0, '127.0.0.1', () => resolve(peer.address().port))
  })
}

async function main () {
  const [ilpPort, spspPort, token] = process.argv.slice(2)
  const peerPort = await ildcpPeer()
  const plugin = new PluginHttp({
    incoming: { port: Number(ilpPort), staticToken: token },
    outgoing: { url: `http://127.0.0.1:${peerPort}/`, staticToken: 'peer' }
  })
  // As the sender's peer this process answers its ILDCP request, and with MAX_PACKET it caps the
  // packets it takes (F08, as a connector would), for benchmarks.
  const max = process.env.MAX_PACKET ? BigInt(process.env.MAX_PACKET) : null
  const register = plugin.registerDataHandler.bind(plugin)
  plugin.registerDataHandler = handler => register(async data => {
    if (data[0] === 12) {
      const prepare = IlpPacket.deserializeIlpPrepare(data)
      if (prepare.destination === 'peer.config') {
        return ILDCP.serve({
          requestPacket: data,
          handler: () => ({ clientAddress: 'test.jssender', assetCode: 'USD', assetScale: 9 }),
          serverAddress: 'test'
        })
      }
      if (max !== null && BigInt(prepare.amount) > max) {
        const info = Buffer.alloc(16)
        info.writeBigUInt64BE(BigInt(prepare.amount), 0)
        info.writeBigUInt64BE(max, 8)
        return IlpPacket.serializeIlpReject({ code: 'F08', triggeredBy: 'test.jsreceiver', message: 'too large', data: info })
      }
    }
    return handler(data)
  })
  const server = await createServer({ plugin })
  server.on('connection', connection => {
    connection.on('stream', stream => {
      stream.setReceiveMax(Infinity)
      stream.on('money', amount => console.log(`received ${amount}`))
    })
  })
  http.createServer((req, res) => {
    const nonce = req.headers['receipt-nonce']
    const secret = req.headers['receipt-secret']
    const opts = nonce && secret
      ? { receiptNonce: Buffer.from(nonce, 'base64'), receiptSecret: Buffer.from(secret, 'base64') }
      : {}
    const { destinationAccount, sharedSecret } = server.generateAddressAndSecret(opts)
    res.setHeader('content-type', 'application/spsp4+json')
    res.end(JSON.stringify({
      destination_account: destinationAccount,
      shared_secret: sharedSecret.toString('base64'),
      receipts_enabled: !!(nonce && secret)
    }))
  }).listen(Number(spspPort), '127.0.0.1', () => console.log('ready'))
}
main().catch(e => { console.error(e && e.stack || e); process.exit(1) })
