// Copies the torrents of npm webtorrent-fixtures into ilp-test-fixtures, with the values npm
// parse-torrent reads from each (the expected values every Java parser test compares against),
// the content files they describe, and a corrupt twin of each torrent.
// Run: npm ci && node generate.mjs
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import bencode from 'bencode'
import parseTorrent, { toMagnetURI } from 'parse-torrent'

const SRC = new URL('./node_modules/webtorrent-fixtures/fixtures/', import.meta.url).pathname
const OUT = new URL('../../../ilp-test-fixtures/src/main/resources/org/ilptorrent/fixtures/', import.meta.url).pathname

// name -> [torrent file, content path or null]
const FIXTURES = {
  leaves: ['leaves.torrent', 'Leaves of Grass by Walt Whitman.epub'],
  alice: ['alice.torrent', 'alice.txt'],
  folder: ['folder.torrent', 'folder'],
  numbers: ['numbers.torrent', 'numbers'],
  'lots-of-numbers': ['lots-of-numbers.torrent', 'lots-of-numbers'],
  bunny: ['bunny.torrent', null],
  sintel: ['sintel.torrent', null],
  'leaves-metadata': ['leaves-metadata.torrent', 'Leaves of Grass by Walt Whitman.epub']
}

// One corruption per fixture, so together they cover the parser's checks. Each returns the
// corrupt bytes and a word the typed error's message must contain.
const te = new TextEncoder()
const edit = (bytes, fn) => { const t = bencode.decode(bytes); fn(t); return bencode.encode(t) }
const CORRUPT = {
  leaves: b => [edit(b, t => { t.info.pieces = t.info.pieces.slice(0, -1) }), 'pieces'],
  alice: b => [b.slice(0, Math.floor(b.length / 2)), 'truncated'],
  folder: b => [edit(b, t => { delete t.info.name }), 'name'],
  numbers: b => [edit(b, t => { t.info.files[0].path = [te.encode('..'), te.encode('escape.txt')] }), 'path'],
  'lots-of-numbers': b => [edit(b, t => { t.info.files[1].length = -5 }), 'length'],
  bunny: b => [edit(b, t => { t.info['piece length'] = 0 }), 'piece length'],
  sintel: b => [Buffer.concat([b, Buffer.from('garbage')]), 'trailing'],
  'leaves-metadata': b => [edit(b, t => { t.info = [t.info.name] }), 'info']
}

const iso = d => d === undefined ? null : d.toISOString()
rmSync(OUT, { recursive: true, force: true })
mkdirSync(join(OUT, 'torrents'), { recursive: true })
mkdirSync(join(OUT, 'content'), { recursive: true })
const index = []
for (const [name, [file, content]] of Object.entries(FIXTURES)) {
  const bytes = readFileSync(join(SRC, file))
  const p = await parseTorrent(bytes)
  const expected = {
    infoHash: p.infoHash,
    name: p.name,
    private: p.private === undefined ? null : p.private,
    created: iso(p.created),
    createdBy: p.createdBy ?? null,
    comment: p.comment ?? null,
    announce: p.announce,
    urlList: p.urlList,
    files: p.files.map(f => ({ path: f.path, name: f.name, length: f.length, offset: f.offset })),
    length: p.length,
    pieceLength: p.pieceLength,
    lastPieceLength: p.lastPieceLength,
    pieces: p.pieces,
    magnetURI: toMagnetURI(p),
    content
  }
  const [corrupt, error] = CORRUPT[name](bytes)
  copyFileSync(join(SRC, file), join(OUT, 'torrents', `${name}.torrent`))
  writeFileSync(join(OUT, 'torrents', `${name}.corrupt.torrent`), corrupt)
  writeFileSync(join(OUT, 'torrents', `${name}.json`), JSON.stringify({ expected, corruptError: error }, null, 2) + '\n')
  if (content) cpSync(join(SRC, content), join(OUT, 'content', content), { recursive: true })
  index.push(name)
}
writeFileSync(join(OUT, 'torrents', 'index.txt'), index.join('\n') + '\n')
console.log(`wrote ${index.length} fixtures to ${OUT}`)
