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

const IlpPacket = require('ilp-packet')
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
  const ilpPackets = []
  for (let i = 0; i < 6; i++) {
    const prepare = {
      amount: ['0', '1', '1000', '4294967296', '9223372036854775807', '18446744073709551615'][i],
      expiresAt: new Date(Date.UTC(2026, i, 10 + i, 3, 4, 5, 7 * i)),
      executionCondition: bytes(`condition-${i}`, 32),
      destination: `test.wallet.alice.${'x'.repeat(i)}${i}`,
      data: Buffer.concat([bytes(`prepare-data-${i}`, 32), Buffer.alloc(i * 100, i)])
    }
    ilpPackets.push({ kind: 'prepare', amount: prepare.amount, expiresAt: prepare.expiresAt.toISOString(), executionCondition: prepare.executionCondition.toString('hex'), destination: prepare.destination, data: prepare.data.toString('base64'), buffer: IlpPacket.serializeIlpPrepare(prepare).toString('base64') })
    const fulfill = { fulfillment: bytes(`fulfillment-${i}`, 32), data: Buffer.alloc(i * 40, 7) }
    ilpPackets.push({ kind: 'fulfill', fulfillment: fulfill.fulfillment.toString('hex'), data: fulfill.data.toString('base64'), buffer: IlpPacket.serializeIlpFulfill(fulfill).toString('base64') })
    const reject = { code: ['F99', 'T04', 'F08', 'R00', 'F02', 'T00'][i], triggeredBy: i % 2 ? `test.connector.${i}` : '', message: i % 3 ? `déjà vu ${i}` : '', data: Buffer.alloc(i * 30, 9) }
    ilpPackets.push({ kind: 'reject', code: reject.code, triggeredBy: reject.triggeredBy, message: reject.message, data: reject.data.toString('base64'), buffer: IlpPacket.serializeIlpReject(reject).toString('base64') })
  }
  fs.mkdirSync(path.dirname(OUT), { recursive: true })
  fs.writeFileSync(OUT, JSON.stringify({ generator: 'interop/npm/receipt-vectors/stream-vectors.js', ilpProtocolStream: '2.7.2-alpha.3', ilpPacket: '3.1.4-alpha.2', vectors, ilpPackets }, null, 2) + '\n')
  console.log(`wrote ${vectors.length} vectors`)
}
main().catch(e => { console.error(e); process.exit(1) })
