// Makes torrents of deterministic sample inputs with npm create-torrent 6 and Debian mktorrent, and
// writes a manifest of the inputs and the info hashes both tools give. ilp-create-torrent's tests
// rebuild the same inputs (see `content` below) and must reach the same info hashes.
// Run: npm ci && node generate.mjs   (needs mktorrent on the PATH)
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import createTorrent from 'create-torrent'
import bencode from 'bencode'

const OUT = new URL('../../../ilp-create-torrent/src/test/resources/org/ilptorrent/create/', import.meta.url).pathname
const CREATED = new Date('2026-01-02T03:04:05Z')

// Byte i of the file at relative path p: (7 i + seed(p)) mod 251, seed = sum of p's UTF-8 bytes.
function content (path, size) {
  const seed = [...Buffer.from(path, 'utf8')].reduce((a, b) => a + b, 0) % 251
  const buf = Buffer.alloc(size)
  for (let i = 0; i < size; i++) buf[i] = (7 * i + seed) % 251
  return buf
}

// Each case: files to make (relative path -> size), the inputs given to the tools, and options.
// `mktorrent: false` where mktorrent cannot match (it does not filter hidden/junk files and takes
// one input).
// mktorrent's smallest piece is 32 KiB, so cases compared with it set pieceLength >= 32768.
const CASES = [
  { name: 'single-file', files: { 'alpha.bin': 100000 }, inputs: ['alpha.bin'], pieceLength: 32768 },
  { name: 'single-file-default-pieces', files: { 'beta.bin': 300000 }, inputs: ['beta.bin'], mktorrent: false },
  { name: 'single-file-exact-pieces', files: { 'exact.bin': 65536 }, inputs: ['exact.bin'], pieceLength: 32768 },
  { name: 'single-empty-file', files: { 'empty.bin': 0 }, inputs: ['empty.bin'], mktorrent: false },
  {
    name: 'folder-nested',
    files: {
      'album/01 intro.txt': 32767,
      'album/02 théâtre.txt': 32768,
      'album/03 日本.txt': 32769,
      'album/bonus/a.bin': 70000,
      'album/bonus/B.bin': 1,
      'album/bonus/empty.txt': 0,
      'album/zz/z-last.bin': 5000
    },
    inputs: ['album'],
    pieceLength: 32768
  },
  {
    name: 'folder-default-pieces',
    files: { 'def/a.txt': 16383, 'def/b.txt': 16385, 'def/c/d.txt': 99999 },
    inputs: ['def'],
    mktorrent: false
  },
  {
    name: 'folder-with-junk',
    files: {
      'junk/keep.txt': 1000,
      'junk/.hidden': 10,
      'junk/.DS_Store': 10,
      'junk/Thumbs.db': 10,
      'junk/desktop.ini': 10,
      'junk/notes.txt~': 10,
      'junk/sub/.git/config': 10,
      'junk/sub/keep2.txt': 2000
    },
    inputs: ['junk'],
    mktorrent: false
  },
  { name: 'folder-one-file', files: { 'solo/only.txt': 12345 }, inputs: ['solo'], pieceLength: 32768 },
  { name: 'private-folder', files: { 'priv/a.txt': 40000, 'priv/b.txt': 3 }, inputs: ['priv'], private: true, pieceLength: 32768 },
  { name: 'big-pieces', files: { 'big/data.bin': 3 * 1024 * 1024 + 17 }, inputs: ['big'], pieceLength: 262144 },
  {
    name: 'several-inputs',
    files: { 'x.txt': 777, 'dir/y.txt': 888, 'dir/deeper/z.txt': 999 },
    inputs: ['x.txt', 'dir'],
    mktorrent: false
  }
]

const sha1 = b => createHash('sha1').update(b).digest('hex')
const infoHashOf = torrent => sha1(bencode.encode(bencode.decode(torrent).info))

const work = mkdtempSync(join(tmpdir(), 'ilp-ct-'))
mkdirSync(OUT, { recursive: true })
const manifest = { generator: 'interop/npm/create-torrent-fixtures/generate.mjs', createTorrent: '6.1.3', created: CREATED.toISOString(), cases: [] }
for (const c of CASES) {
  const dir = join(work, c.name)
  for (const [path, size] of Object.entries(c.files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true })
    writeFileSync(join(dir, path), content(path, size))
  }
  const opts = { creationDate: CREATED, announceList: [], createdBy: 'fixture' }
  if (c.pieceLength) opts.pieceLength = c.pieceLength
  if (c.private) opts.private = true
  const torrent = await new Promise((resolve, reject) =>
    createTorrent(c.inputs.map(i => join(dir, i)), opts, (err, t) => err ? reject(err) : resolve(t)))
  writeFileSync(join(OUT, `${c.name}.create-torrent.torrent`), torrent)
  const decoded = bencode.decode(torrent)
  const entry = {
    name: c.name,
    files: c.files,
    inputs: c.inputs,
    // What was passed to the tools; without pieceLength, create-torrent picked it.
    options: { ...(c.pieceLength ? { pieceLength: c.pieceLength } : {}), ...(c.private ? { private: true } : {}) },
    pieceLength: decoded.info['piece length'],
    createTorrentInfoHash: infoHashOf(torrent),
    mktorrentInfoHash: null
  }
  if (c.mktorrent !== false) {
    const out = join(work, `${c.name}.mktorrent.torrent`)
    const exp = Math.log2(entry.pieceLength)
    const args = ['-l', String(exp), '-a', 'http://127.0.0.1:1/announce', '-o', out, '-t', '1']
    if (c.private) args.push('-p')
    execFileSync('mktorrent', [...args, join(dir, c.inputs[0])], { stdio: 'ignore' })
    entry.mktorrentInfoHash = infoHashOf(readFileSync(out))
    writeFileSync(join(OUT, `${c.name}.mktorrent.torrent`), readFileSync(out))
  }
  manifest.cases.push(entry)
  console.log(`${c.name}: create-torrent ${entry.createTorrentInfoHash} mktorrent ${entry.mktorrentInfoHash}`)
}
writeFileSync(join(OUT, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n')
rmSync(work, { recursive: true, force: true })
