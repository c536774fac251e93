// Writes STREAM crypto and packet vectors with npm ilp-protocol-stream: packets encrypted with a
// shared secret (AES-256-GCM, random IV, as the JS implementation sends them) and the
// fulfillments it derives, for ilp-stream-payments' StreamCryptoTest. Run: node stream-vectors.js
'use strict'
const { createHash } = require('crypto')
const fs = require('fs')
const path = require('path')
const Long = require('long')
const crypto = require('ilp-protocol-stream/dist/src/crypto')
const { Packet, IlpPacketType, StreamMoneyFrame, StreamReceiptFrame, ConnectionNewAddressFrame } = require('ilp-protocol-stream/dist/src/packet')

const OUT = path.join(__dirname, '../../../ilp-stream-payments/src/test/resources/org/ilptorrent/stream/stream-crypto-vectors.json')
const bytes = (label, n) => createHash('sha256').update(label).digest().subarray(0, n)

async function main () {
  const vectors = []
  for (let i = 0; i < 8; i++) {
    const sharedSecret = bytes(`secret-${i}`, 32)
    const packet = new Packet(Long.fromNumber(i + 1, true), IlpPacketType.Prepare, Long.fromNumber(1000 * i, true), [
      new ConnectionNewAddressFrame(`test.alice.${i}`),
      new StreamMoneyFrame(1, 1),
      new StreamReceiptFrame(1, bytes(`receipt-${i}`, 58))
    ])
    const plaintext = packet._serialize ? packet._serialize() : packet.serialize()
    const ciphertext = await crypto.encrypt(await crypto.generatePskEncryptionKey(sharedSecret), plaintext)
    const data = bytes(`data-${i}`, 40)
    const fulfillment = await crypto.generateFulfillment(await crypto.generateFulfillmentKey(sharedSecret), data)
    vectors.push({
      sharedSecret: sharedSecret.toString('hex'),
      plaintext: plaintext.toString('base64'),
      ciphertext: ciphertext.toString('base64'),
      data: data.toString('hex'),
      fulfillment: fulfillment.toString('hex'),
      condition: createHash('sha256').update(fulfillment).digest('hex')
    })
  }
  fs.mkdirSync(path.dirname(OUT), { recursive: true })
  fs.writeFileSync(OUT, JSON.stringify({ generator: 'interop/npm/receipt-vectors/stream-vectors.js', ilpProtocolStream: '2.7.2-alpha.3', vectors }, null, 2) + '\n')
  console.log(`wrote ${vectors.length} vectors`)
}
main().catch(e => { console.error(e); process.exit(1) })
