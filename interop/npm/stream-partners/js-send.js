// Pays with the reference STREAM sender (npm ilp-protocol-stream over ilp-plugin-http), for
// ilp-stream-payments' interop tests. Prints 'delivered N' and 'receipt <base64>' (the last receipt).
// Usage: node js-send.js <spspUrl> <ilpUrl> <token> <amount>
'use strict'
const PluginHttp = require('ilp-plugin-http')
const { createConnection } = require('ilp-protocol-stream')

async function main () {
  const [spspUrl, ilpUrl, token, amount] = process.argv.slice(2)
  // RECEIPT_NONCE and RECEIPT_SECRET (base64) stand in for a verifier's proxy, for benchmarks.
  const headers = { accept: 'application/spsp4+json' }
  if (process.env.RECEIPT_NONCE) {
    headers['receipt-nonce'] = process.env.RECEIPT_NONCE
    headers['receipt-secret'] = process.env.RECEIPT_SECRET
  }
  const spsp = await (await fetch(spspUrl, { headers })).json()
  const plugin = new PluginHttp({
    incoming: { port: 0, staticToken: 'unused-incoming-token' },
    outgoing: { url: ilpUrl, staticToken: token }
  })
  await plugin.connect()
  const connection = await createConnection({
    plugin,
    destinationAccount: spsp.destination_account,
    sharedSecret: Buffer.from(spsp.shared_secret, 'base64')
  })
  const stream = connection.createStream()
  const start = process.hrtime.bigint()
  await stream.sendTotal(amount, { timeout: 60000 })
  const millis = Number(process.hrtime.bigint() - start) / 1e6
  console.log(`delivered ${connection.totalDelivered}`)
  console.log(`millis ${millis.toFixed(0)}`)
  if (stream.receipt) console.log(`receipt ${stream.receipt.toString('base64')}`)
  await connection.end()
  await plugin.disconnect()
  process.exit(0)
}
main().catch(e => { console.error(e && e.stack || e); process.exit(1) })
