// Makes one torrent with npm create-torrent and prints its info hash; used live by
// ilp-create-torrent's CreateTorrentInteropIT.
// Usage: node make.mjs <pieceLength|0> <creationDateMs> <private:0|1> <path>...
import { createHash } from 'node:crypto'
import createTorrent from 'create-torrent'
import bencode from 'bencode'

const [pieceLength, created, priv, ...paths] = process.argv.slice(2)
const opts = { creationDate: new Date(Number(created)), announceList: [] }
if (Number(pieceLength) > 0) opts.pieceLength = Number(pieceLength)
if (priv === '1') opts.private = true
createTorrent(paths, opts, (err, torrent) => {
  if (err) { console.error(err.message); process.exit(1) }
  const info = bencode.encode(bencode.decode(torrent).info)
  console.log(createHash('sha1').update(info).digest('hex'))
})
