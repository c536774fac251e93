// Generates magnet-URI interop vectors for ilp-magnet-uri from the real npm
// `magnet-uri` package plus the ILP Torrent fork's pp/vr licence extension.
// Deterministic: all "random" data comes from a seeded PRNG, so reruns give
// byte-identical output. Run: npm ci && node generate.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import * as magnetURI from 'magnet-uri'

const OUT = new URL('../../../ilp-magnet-uri/src/test/resources/org/ilptorrent/magnet/magnet-uri-vectors.json', import.meta.url)
const VERSION = JSON.parse(readFileSync(new URL('./node_modules/magnet-uri/package.json', import.meta.url))).version

// --- The fork's codec, reproduced verbatim in behaviour (including its bugs). ---
function ilpDecode (uri) {
  const result = magnetURI.decode(uri)
  result.license = {}
  if (result.pp) { result.pp = decodeURIComponent(result.pp); result.license.paymentPointer = result.pp }
  if (result.vr) { result.vr = decodeURIComponent(result.vr); result.license.verifier = result.vr }
  return result
}
function ilpEncode (obj) {
  let s = magnetURI.encode(obj)
  if (obj.license.paymentPointer) s += `&pp=${encodeURIComponent(obj.license.paymentPointer)}`
  if (obj.license.verifier) s += `&vr=${encodeURIComponent(obj.license.verifier)}`
  return s
}

// magnet-uri emits parameters in object key order. The common call (infoHash, name, announce,
// urlList) yields xt, dn, tr, ws; for anything more we pass magnet-uri's own spec keys in the
// canonical order ilp-magnet-uri writes: xt, dn, tr, ws, xs, kt, x.pe, so. Either way the same
// fields must give the same bytes in Java.
const CONVENIENCE = ['infoHash', 'name', 'announce', 'urlList', 'paymentPointer', 'verifier']
const SPEC = [['xt', null], ['dn', 'name'], ['tr', 'announce'], ['ws', 'urlList'], ['xs', 'xs'], ['kt', 'keywords'], ['x.pe', 'peerAddresses'], ['so', 'so']]
function toEncodeObject (input) {
  const obj = {}
  if (Object.keys(input).every(k => CONVENIENCE.includes(k))) {
    for (const k of CONVENIENCE.slice(0, 4)) if (k in input) obj[k] = input[k]
  } else {
    for (const [key, field] of SPEC) {
      if (key === 'xt') {
        obj.xt = input.infoHashV2 ? [`urn:btih:${input.infoHash}`, `urn:btmh:1220${input.infoHashV2}`] : `urn:btih:${input.infoHash}`
      } else if (field in input) obj[key] = input[field]
    }
  }
  obj.license = {}
  if (input.paymentPointer) obj.license.paymentPointer = input.paymentPointer
  if (input.verifier) obj.license.verifier = input.verifier
  return obj
}
// Key order of "input" in the JSON file (documented format).
const INPUT_ORDER = ['infoHash', 'infoHashV2', 'name', 'announce', 'urlList', 'keywords', 'peerAddresses', 'xs', 'so', 'paymentPointer', 'verifier']
const ordered = (input) => Object.fromEntries(INPUT_ORDER.filter(k => k in input).map(k => [k, input[k]]))

// --- Seeded PRNG (mulberry32) so the random vectors are reproducible. ---
let seed = 0x1f7a2b3c
function rand () {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1))
const pick = (arr) => arr[int(0, arr.length - 1)]
const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[int(0, 15)]).join('')
const LOWER = 'abcdefghijklmnopqrstuvwxyz'
const word = (lo, hi, pool = LOWER) => Array.from({ length: int(lo, hi) }, () => pick([...pool])).join('')
// Pool elements are whole code points (emoji are surrogate pairs), so strings are always valid Unicode.
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))
const UNI = ['é', 'ü', 'ß', 'ñ', 'ç', 'Ω', '€', '日', '本', '語', '中', '文', 'Я', 'ж', '🎬', '😀', '𝄞', '🚀']
const text = (lo, hi) => Array.from({ length: int(lo, hi) }, () => rand() < 0.8 ? pick(ASCII) : pick(UNI)).join('')
const host = () => `${word(3, 8)}.${pick(['example', 'test', 'invalid'])}`
function tracker () {
  let url = `${pick(['http', 'https', 'udp', 'ws', 'wss'])}://${host()}:${int(1, 65535)}/announce`
  if (rand() < 0.5) url += `?${word(1, 5)}=${encodeURIComponent(text(1, 6))}&${word(1, 5)}=${word(0, 6, LOWER + '=&%')}`
  return url
}
const peer = () => rand() < 0.6
  ? `${int(1, 254)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}:${int(1, 65535)}`
  : `[2001:db8::${int(1, 0xffff).toString(16)}]:${int(1, 65535)}`
function randomInput () {
  const input = { infoHash: hex(40) }
  if (rand() < 0.25) input.infoHashV2 = hex(64)
  if (rand() < 0.8) input.name = text(1, 24)
  if (rand() < 0.6) input.announce = Array.from({ length: int(1, 3) }, tracker)
  if (rand() < 0.4) input.urlList = Array.from({ length: int(1, 2) }, () => `https://${host()}/${encodeURIComponent(text(1, 8))}`)
  // No '+' in keywords: magnet-uri joins keywords with '+', so it could never round-trip.
  if (rand() < 0.3) input.keywords = Array.from({ length: int(1, 4) }, () => word(1, 8, LOWER + 'éü日本'))
  if (rand() < 0.3) input.peerAddresses = Array.from({ length: int(1, 3) }, peer)
  if (rand() < 0.25) input.xs = rand() < 0.5 ? `urn:btpk:${hex(64)}` : `https://${host()}/t.torrent?id=${int(1, 999)}&k=${word(1, 4)}`
  if (rand() < 0.25) input.so = [...new Set(Array.from({ length: int(1, 6) }, () => int(0, 20)))].sort((a, b) => a - b)
  if (rand() < 0.6) input.paymentPointer = pick([`$${host()}/${word(1, 8)}`, `$${host()}`, `https://${host()}/${word(1, 6)}/${encodeURIComponent(text(1, 6))}`, `$${host()}/${encodeURIComponent(text(1, 10))}`])
  if (rand() < 0.5) input.verifier = pick([`https://${host()}`, `http://127.0.0.1:${int(1024, 65535)}`, `https://${host()}/${encodeURIComponent(text(1, 8))}`])
  return input
}

// --- Hand-written encode inputs. ---
const H = 'd2474e86c95b19b8bcfdb92bc12c9d44667cfa36'
const H2 = '631a31dd0a46257d5078c0dee4e66e26f73e42ac'
const V2 = 'd8dd32ac93357c368556af3ac1d95c9d76bd0dff6fa9833ecdac3d53134efabb'
const SPSP = `http://127.0.0.1:8080/spsp/${'ab'.repeat(32)}`
const TR = ['http://tracker.example:8080/announce', 'udp://tracker.example:1337', 'wss://tracker.example/ws?token=a&b=c%3Dd&peer=x=y']
const encodeCases = [
  ['plain infoHash only', { infoHash: H }],
  ['name with spaces', { infoHash: H, name: 'Leaves of Grass by Walt Whitman.epub' }],
  ['unicode name (é, 日本語, emoji)', { infoHash: H, name: 'Café 日本語 🎬 film.mkv' }],
  ['name with reserved chars', { infoHash: H, name: "a&b=c+d?e#f%g/h:i;j,k@l'm(n)o*p!q~r" }],
  ['several trackers with query strings', { infoHash: H, name: 'trackers', announce: TR }],
  ['web seeds (urlList)', { infoHash: H, urlList: ['https://seed.example/files/Leaves%20of%20Grass.epub', 'http://mirror.example:8000/a?b=c&d=e'] }],
  ['keywords', { infoHash: H, keywords: ['poetry', 'whitman', 'classic'] }],
  ['keywords with unicode and space', { infoHash: H, keywords: ['日本語', 'café au lait'] }],
  ['peer addresses (v4 and v6)', { infoHash: H, peerAddresses: ['127.0.0.1:6881', '[::1]:6881'] }],
  ['xs plain URL', { infoHash: H, xs: 'https://example.com/file.torrent?x=1&y=2' }],
  ['xs BEP46 public key (not percent-encoded)', { infoHash: H, xs: `urn:btpk:${V2}` }],
  ['so file selection', { infoHash: H, so: [0, 1, 2, 5, 7, 8] }],
  ['so single index', { infoHash: H, name: 'one file', so: [3] }],
  ['hybrid v1+v2', { infoHash: H2, infoHashV2: V2, name: 'hybrid' }],
  ['hybrid with trackers and so', { infoHash: H2, infoHashV2: V2, announce: TR.slice(0, 2), so: [1, 2, 3] }],
  ['all standard fields', { infoHash: H, infoHashV2: V2, name: 'all fields', announce: TR, urlList: ['https://seed.example/x'], keywords: ['a', 'b'], peerAddresses: ['10.0.0.1:51413'], xs: 'http://xs.example/t.torrent', so: [0, 4, 5, 6] }],
  ['licensed: $wallet.example/alice', { infoHash: H, name: 'Licensed Work', paymentPointer: '$wallet.example/alice' }],
  ['licensed: $wallet.example (no path)', { infoHash: H, paymentPointer: '$wallet.example' }],
  ['licensed: $localhost:3000/bob', { infoHash: H, paymentPointer: '$localhost:3000/bob' }],
  ['licensed: https payment pointer URL', { infoHash: H, paymentPointer: 'https://wallet.example/alice/pay' }],
  ['licensed: SPSP endpoint on 127.0.0.1', { infoHash: H, paymentPointer: SPSP }],
  ['verifier only', { infoHash: H, verifier: 'https://verifier.example' }],
  ['licensed + verifier https', { infoHash: H, name: 'Paid Film 🎬', paymentPointer: '$wallet.example/alice', verifier: 'https://verifier.example' }],
  ['licensed + verifier localhost', { infoHash: H, paymentPointer: '$localhost:3000/bob', verifier: 'http://127.0.0.1:3000' }],
  ['licensed + verifier with path', { infoHash: H, paymentPointer: 'https://wallet.example/alice/pay', verifier: 'https://verifier.example/v1/' }],
  ['licensed SPSP + verifier + trackers', { infoHash: H2, name: 'spsp', announce: TR, paymentPointer: SPSP, verifier: 'http://127.0.0.1:3000' }],
  ['licensed hybrid with everything', { infoHash: H2, infoHashV2: V2, name: 'Ünïcødé & more', announce: TR.slice(1), urlList: ['https://seed.example/y'], keywords: ['ilp'], peerAddresses: ['[::1]:6881'], xs: `urn:btpk:${V2}`, so: [2], paymentPointer: '$wallet.example/alice', verifier: 'https://verifier.example/v1/' }]
]
for (let i = 1; i <= 33; i++) encodeCases.push([`random #${i}`, randomInput()])

// --- Decode: expected values as the JS fork decoder reports them. ---
const strOrNull = (v) => v === undefined ? null : v
function expectedFrom (r) {
  const bad = (v, type) => v !== undefined && (type === 'array' ? !Array.isArray(v) || v.some(x => typeof x === 'object') : typeof v !== type)
  // Repeated single-valued params (dn, kt, so, ix, pp, vr, xt) come back as arrays: unrepresentable, skip.
  if (bad(r.infoHash, 'string') || bad(r.infoHashV2, 'string') || bad(r.name, 'string') || bad(r.keywords, 'array') ||
      bad(r.so, 'array') || bad(r.ix, 'number') || bad(r.pp, 'string') || bad(r.vr, 'string')) return null
  return {
    infoHash: strOrNull(r.infoHash),
    infoHashV2: strOrNull(r.infoHashV2),
    name: strOrNull(r.name),
    announce: r.announce,
    urlList: r.urlList,
    peerAddresses: r.peerAddresses,
    keywords: strOrNull(r.keywords),
    xs: r.xs === undefined ? [] : [].concat(r.xs),
    so: strOrNull(r.so),
    ix: strOrNull(r.ix),
    paymentPointer: strOrNull(r.license.paymentPointer),
    verifier: strOrNull(r.license.verifier)
  }
}

// RFC 4648 base32 (upper case, no padding needed for 20 bytes) for the 32-char btih form.
function base32 (hexStr) {
  const bits = [...hexStr].map(c => parseInt(c, 16).toString(2).padStart(4, '0')).join('')
  return bits.match(/.{5}/g).map(b => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[parseInt(b, 2)]).join('')
}

// A decoded fork object re-encoded keeps its top-level (already decoded) pp/vr,
// which magnet-uri emits raw, and ilpEncode then appends them encoded again.
const dup = (uri) => ilpEncode(ilpDecode(uri))
const decodeCases = [
  ['upper-case hex btih', `magnet:?xt=urn:btih:${H.toUpperCase()}`],
  ['32-char base32 btih', `magnet:?xt=urn:btih:${base32(H)}&dn=base32`],
  ['btmh only (v2)', `magnet:?xt=urn:btmh:1220${V2}&dn=v2+only`],
  ['hybrid btih + btmh', `magnet:?xt=urn:btih:${H2}&xt=urn:btmh:1220${V2.toUpperCase()}`],
  ['dn with + for spaces', `magnet:?xt=urn:btih:${H}&dn=Leaves+of+Grass%20by+Walt+Whitman`],
  ['repeated tr (with duplicate)', `magnet:?xt=urn:btih:${H}&tr=udp%3A%2F%2Fa.example%3A80&tr=wss%3A%2F%2Fb.example%2Fws%3Fx%3D1%26y%3D2&tr=udp%3A%2F%2Fa.example%3A80`],
  ['as and ws both present', `magnet:?xt=urn:btih:${H}&as=https%3A%2F%2Fas.example%2Ff&ws=https%3A%2F%2Fws.example%2Fg&ws=https%3A%2F%2Fws.example%2Fh`],
  ['x.pe repeated', `magnet:?xt=urn:btih:${H}&x.pe=127.0.0.1:6881&x.pe=[::1]:6881&x.pe=127.0.0.1:6881`],
  ['kt with several words', `magnet:?xt=urn:btih:${H}&kt=poetry+whitman+classic+%E6%97%A5%E6%9C%AC`],
  ['so with ranges', `magnet:?xt=urn:btih:${H}&so=0-2,5`],
  ['so with encoded comma and ranges', `magnet:?xt=urn:btih:${H}&so=1%2C3-4%2C10-12`],
  ['ix file index', `magnet:?xt=urn:btih:${H}&ix=7`],
  ['unknown parameters are ignored', `magnet:?xt=urn:btih:${H}&x.foo=bar&xl=1234&dn=known`],
  ['repeated xs (url and btpk)', `magnet:?xt=urn:btih:${H}&xs=http%3A%2F%2Fxs.example%2Ft&xs=urn:btpk:${V2}`],
  ['licence params before xt', `magnet:?pp=%24wallet.example%2Falice&vr=https%3A%2F%2Fverifier.example&xt=urn:btih:${H}`],
  ['fork re-encode duplicates pp/vr', dup(ilpEncode(toEncodeObject({ infoHash: H, name: 'Licensed Work', announce: [TR[0]], paymentPointer: '$wallet.example/alice', verifier: 'https://verifier.example' }))), { paymentPointer: '$wallet.example/alice', verifier: 'https://verifier.example' }],
  ['fork re-encode duplicates pp (SPSP, no verifier)', dup(ilpEncode(toEncodeObject({ infoHash: H2, paymentPointer: SPSP }))), { paymentPointer: SPSP, verifier: null }]
]

const out = { generator: 'interop/npm/magnet-vectors/generate.mjs', magnetUriVersion: VERSION, encode: [], decode: [] }
for (const [description, input] of encodeCases) {
  const uri = ilpEncode(toEncodeObject(input))
  out.encode.push({ description, input: ordered(input), uri })
  // Every encoder output is also a decode vector; flag magnet-uri's lossy spots in the description.
  const expected = expectedFrom(ilpDecode(uri))
  if (!expected) continue
  const lossy = input.name !== undefined && expected.name !== input.name ? ' (lossy: magnet-uri decodes + in dn as space)' : ''
  const vector = { description: `decode of encode vector: ${description}${lossy}`, uri, expected }
  // ilp-magnet-uri reads '+' as space before unescaping, so %2B stays '+': it gets the name back.
  if (lossy) vector.nameAsWritten = input.name
  out.decode.push(vector)
}
for (const [description, uri, correctLicence] of decodeCases) {
  const r = ilpDecode(uri)
  if (correctLicence) {
    // JS joins the duplicated values with ',' - record what a correct decoder yields instead.
    delete r.pp; delete r.vr
    r.license = { paymentPointer: correctLicence.paymentPointer ?? undefined, verifier: correctLicence.verifier ?? undefined }
  }
  const expected = expectedFrom(r)
  if (!expected) { console.error(`skipped decode vector: ${description}`); continue }
  out.decode.push(correctLicence ? { description, uri, expected, note: 'fork duplicates pp/vr' } : { description, uri, expected })
}

mkdirSync(new URL('.', OUT), { recursive: true })
writeFileSync(OUT, JSON.stringify(out, null, 2) + '\n')
console.log(`wrote ${out.encode.length} encode and ${out.decode.length} decode vectors to ${OUT.pathname}`)
