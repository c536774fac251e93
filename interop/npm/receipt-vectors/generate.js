// Writes STREAM receipt vectors with npm ilp-protocol-stream (the reference implementation), for
// ilp-receipt-verifier's ReceiptVectorsTest. Deterministic: nonces, seeds and totals come from a
// fixed counter-based generator. Run: npm ci && node generate.js
'use strict'
const { createHash, createHmac } = require('crypto')
const fs = require('fs')
const path = require('path')
const Long = require('long')
const { createReceipt, decodeReceipt, verifyReceipt } = require('ilp-protocol-stream')

const OUT = path.join(__dirname, '../../../ilp-receipt-verifier/src/test/resources/org/ilptorrent/verifier/receipt-vectors.json')
const bytes = (label, n) => createHash('sha256').update(label).digest().subarray(0, n)
// The verifier's receipt secret, as @coil/receipt-verifier derives it.
const secretFor = (seed, nonce) => createHmac('sha256', createHmac('sha256', seed).update('receipt_secret').digest()).update(nonce).digest()

const totals = ['0', '1', '500', '255', '65536', '4294967296', '9223372036854775807', '9223372036854775808', '18446744073709551615']
const vectors = []
for (let i = 0; i < 24; i++) {
  const seed = bytes(`seed-${i}`, 32)
  const nonce = bytes(`nonce-${i}`, 16)
  const secret = secretFor(seed, nonce)
  const streamId = [1, 0, 255, 7][i % 4]
  const total = totals[i % totals.length]
  const receipt = createReceipt({ nonce, streamId, totalReceived: Long.fromString(total, true), secret })
  const decoded = verifyReceipt(receipt, secret)
  if (String(decoded.streamId) !== String(streamId) || decodeReceipt(receipt).totalReceived.toString() !== total) throw new Error('round trip')
  vectors.push({
    seed: seed.toString('hex'),
    nonce: nonce.toString('hex'),
    secret: secret.toString('hex'),
    streamId,
    totalReceived: total,
    receipt: receipt.toString('base64')
  })
}
fs.mkdirSync(path.dirname(OUT), { recursive: true })
fs.writeFileSync(OUT, JSON.stringify({ generator: 'interop/npm/receipt-vectors/generate.js', ilpProtocolStream: '2.7.2-alpha.3', vectors }, null, 2) + '\n')
console.log(`wrote ${vectors.length} vectors`)
