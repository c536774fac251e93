// Prints what npm parse-torrent reads from one .torrent, one field a line, for
// ilp-parse-torrent's ParseTorrentInteropIT to compare with its own reading.
// Run: node parse.mjs file.torrent
import { readFileSync } from 'node:fs'
import parseTorrent from 'parse-torrent'

const p = await parseTorrent(readFileSync(process.argv[2]))
const lines = [
  'infoHash ' + p.infoHash,
  'name ' + p.name,
  'length ' + p.length,
  'pieceLength ' + p.pieceLength,
  'lastPieceLength ' + p.lastPieceLength,
  'pieces ' + p.pieces.join(','),
  'announce ' + p.announce.join(','),
  ...p.files.map(f => 'file ' + f.offset + ' ' + f.length + ' ' + f.name + ' ' + f.path)
]
process.stdout.write(lines.join('\n') + '\n')
