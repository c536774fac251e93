// node WebTorrent 3 as a WebRTC peer for ilp-webtorrent-webrtc's interop tests and bench:
// only WebSocket trackers, so every peer is a WebRTC one (no DHT, LSD, uTP, UPnP, NAT-PMP or
// web seeds; TCP peers come only from HTTP/UDP trackers, which are not given).
//
//   node peer.mjs seed <file> <ws-tracker>    prints "magnet <uri>" once seeding, then "upload <n>"
//   node peer.mjs leech <magnet> <out-dir>    prints "peer <addr> <type>" and "progress <bytes>" (every
//                                             second), then "done <sha1 hex> <ms>" and exits 0
//
// REQUEST_ID=<balance id> makes every announce carry it as "requestId", as a paying browser client
// of the ILP Torrent fork does.
// Everything else it prints starts with "#". It ends by itself after TIMEOUT_S (default 600) s.
import WebTorrent from 'webtorrent'
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'

const [mode, what, where] = process.argv.slice(2)
const timeout = Number(process.env.TIMEOUT_S || 600)
setTimeout(() => { console.log('# timeout'); process.exit(1) }, timeout * 1000).unref()

const tracker = process.env.REQUEST_ID ? { getAnnounceOpts: () => ({ requestId: process.env.REQUEST_ID }) } : {}
const client = new WebTorrent({ dht: false, lsd: false, utp: false, natUpnp: false, natPmp: false, webSeeds: false, tracker })
client.on('error', err => { console.log('# client error ' + err.message); process.exit(2) })

function sha1 (file) {
  return new Promise((resolve, reject) => {
    const h = createHash('sha1')
    createReadStream(file).on('data', d => h.update(d)).on('end', () => resolve(h.digest('hex'))).on('error', reject)
  })
}

function watch (torrent) {
  torrent.on('wire', (wire, addr) => console.log('peer ' + (addr || wire.remoteAddress) + ' ' + wire.type))
  torrent.on('warning', w => console.log('# warning ' + (w.message || w)))
  torrent.on('error', e => { console.log('# torrent error ' + (e.message || e)); process.exit(3) })
}

if (mode === 'seed') {
  client.seed(what, { announce: [where] }, torrent => {
    watch(torrent)
    console.log('magnet ' + torrent.magnetURI)
    setInterval(() => console.log('upload ' + torrent.uploaded), 1000).unref()
  })
} else if (mode === 'leech') {
  const started = Date.now()
  const torrent = client.add(what, { path: where })
  watch(torrent)
  setInterval(() => console.log('progress ' + torrent.downloaded), 1000).unref()
  torrent.on('done', async () => {
    const hex = await sha1(where + '/' + torrent.files[0].path)
    console.log('done ' + hex + ' ' + (Date.now() - started))
    client.destroy(() => process.exit(0))
  })
} else {
  console.log('# usage: node peer.mjs seed <file> <ws-tracker> | leech <magnet> <out-dir>')
  process.exit(64)
}
