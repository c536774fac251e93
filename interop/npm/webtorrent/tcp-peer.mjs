// node WebTorrent 3 as a TCP peer on loopback for ilp-webtorrent's encryption interop tests.
//
//   node tcp-peer.mjs seed  <torrent> <data-dir> <port> [--secure 0|1|2] [--peer HOST:PORT] [--timeout S]
//   node tcp-peer.mjs leech <torrent> <out-dir>  <port> [--secure 0|1|2] [--peer HOST:PORT] [--timeout S]
//
// --secure is WebTorrent's own option (its default 1: every outgoing TCP connection opens with
// Message Stream Encryption, plaintext accepted inside it; 2: RC4 only). No tracker, DHT, LSD,
// uTP or PEX; every listening socket is bound to 127.0.0.1.
// Prints "listening <port>" (seed: once the data checked complete), then per connection
// "wire <address> encryption=<rc4|plaintext|none>" (what MSE negotiated; none: no MSE),
// and "done" when a leech has every piece. Exit 0 when done (leech), 1 on --timeout.
import fs from 'fs'
import net from 'net'
import WebTorrent from 'webtorrent'

const listen = net.Server.prototype.listen
net.Server.prototype.listen = function (port, ...rest) {
  return typeof port === 'number' ? listen.call(this, port, '127.0.0.1', ...rest) : listen.call(this, port, ...rest)
}

const [mode, torrentPath, dir, port, ...rest] = process.argv.slice(2)
const opt = (name, fallback) => {
  const i = rest.indexOf(name)
  return i >= 0 ? rest[i + 1] : fallback
}
const secure = Number(opt('--secure', 1))
const peer = opt('--peer', null)
const timeout = Number(opt('--timeout', 200))
if (!['seed', 'leech'].includes(mode) || !dir || !port) {
  console.error('usage: tcp-peer.mjs seed|leech <torrent> <dir> <port> [--secure N] [--peer HOST:PORT]')
  process.exit(2)
}
setTimeout(() => { console.error(`timeout after ${timeout} s`); process.exit(1) }, timeout * 1000).unref()

const client = new WebTorrent({
  torrentPort: Number(port), dht: false, lsd: false, tracker: false, utPex: false, utp: false,
  natUpnp: false, natPmp: false, webSeeds: false, secure
})
client.on('error', err => { console.error('client error: ' + err.message); process.exit(1) })

const METHODS = { 1: 'plaintext', 2: 'rc4' }
client.add(fs.readFileSync(torrentPath), { path: dir, announce: [] }, torrent => {
  torrent.on('wire', (wire, addr) => {
    console.log(`wire ${addr} encryption=${METHODS[wire._encryptionMethod] ?? 'none'}`)
  })
  torrent.on('warning', w => console.error('warning: ' + (w.message ?? w)))
  const ready = () => {
    console.log(`listening ${client.torrentPort}`)
    if (peer) torrent.addPeer(peer)
  }
  if (mode === 'seed') {
    if (torrent.done) ready()
    else torrent.once('done', ready)
  } else {
    ready()
    const finish = () => { console.log('done'); setTimeout(() => process.exit(0), 200) }
    if (torrent.done) finish()
    else torrent.once('done', finish)
  }
})
