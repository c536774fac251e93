// Announces to one tracker with npm bittorrent-tracker's Client and prints one JSON line per event
// (update, peer, warning, error, scrape) on stdout, then exits after --duration-ms.
//
//   node client.mjs --announce ws://127.0.0.1:8000 --info-hash <40 hex> --peer-id <40 hex>
//       [--port 6881] [--left 1000] [--numwant 2] [--duration-ms 10000]
//       [--update-every-ms 0] [--scrape-after-ms -1] [--scrape-only] [--request-id ID]
//
// --request-id adds the ILP fork's requestId (the balance id a paid torrent's price is spent from)
// to every announce.
// --scrape-only sends one scrape and no announce. WebRTC: offers are generated with @roamhq/wrtc
// (through the webrtc-polyfill shim) without STUN servers; offers received from the tracker are
// reported and never answered, so no ICE check is ever sent.
import Client from 'bittorrent-tracker/client'
import { parseArgs } from 'node:util'

const { values: args } = parseArgs({
  options: {
    announce: { type: 'string' },
    'info-hash': { type: 'string' },
    'peer-id': { type: 'string' },
    port: { type: 'string', default: '6881' },
    left: { type: 'string', default: '1000' },
    numwant: { type: 'string', default: '2' },
    'duration-ms': { type: 'string', default: '10000' },
    'update-every-ms': { type: 'string', default: '0' },
    'scrape-after-ms': { type: 'string', default: '-1' },
    'scrape-only': { type: 'boolean', default: false },
    'request-id': { type: 'string' }
  }
})
for (const required of ['announce', 'info-hash', 'peer-id']) {
  if (!args[required]) {
    console.error(`missing --${required}`)
    process.exit(2)
  }
}

const print = event => process.stdout.write(JSON.stringify(event) + '\n')

const client = new Client({
  infoHash: args['info-hash'],
  peerId: args['peer-id'],
  announce: [args.announce],
  port: Number(args.port),
  rtcConfig: { iceServers: [] },
  getAnnounceOpts: () => {
    const opts = { left: Number(args.left), numwant: Number(args.numwant) }
    if (args['request-id']) opts.requestId = args['request-id']
    return opts
  }
})

client.on('update', data => {
  print({
    event: 'update',
    announce: data.announce,
    infoHash: data.infoHash,
    complete: data.complete,
    incomplete: data.incomplete
  })
})
client.on('peer', peer => {
  if (typeof peer === 'string') {
    print({ event: 'peer', address: peer })
  } else {
    // A WebRTC peer from an offer forwarded by the tracker: its id is the offering peer's. It is
    // never answered (the tracker client signals it right after this event), so no ICE check runs.
    print({ event: 'peer', id: peer.id, initiator: !!peer.initiator })
    peer.signal = () => {}
    setImmediate(() => peer.destroy())
  }
})
client.on('warning', err => print({ event: 'warning', message: String(err && err.message) }))
client.on('error', err => print({ event: 'error', message: String(err && err.message) }))
client.on('scrape', data => {
  print({
    event: 'scrape',
    announce: data.announce,
    infoHash: data.infoHash,
    complete: data.complete,
    incomplete: data.incomplete,
    downloaded: data.downloaded
  })
})

const timers = []
if (args['scrape-only']) {
  client.scrape()
} else {
  client.start()
  const every = Number(args['update-every-ms'])
  if (every > 0) timers.push(setInterval(() => client.update(), every))
  const scrapeAfter = Number(args['scrape-after-ms'])
  if (scrapeAfter >= 0) timers.push(setTimeout(() => client.scrape(), scrapeAfter))
}

setTimeout(() => {
  timers.forEach(t => clearInterval(t))
  client.destroy()
  // destroy() may wait for a last response; do not let a silent tracker keep the process alive.
  setTimeout(() => process.exit(0), 200).unref()
}, Number(args['duration-ms']))
