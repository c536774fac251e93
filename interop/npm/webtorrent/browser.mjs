// Serves the upstream WebTorrent browser bundle (node_modules/webtorrent/dist/webtorrent.min.js)
// in a test page for headless Chromium, on http://127.0.0.1 (a secure context: on any other plain
// http origin crypto.subtle is missing and the bundle fails with "Invalid torrent identifier").
// The page reports back to this server, which prints each report as a line on stdout.
//
//   node browser.mjs <files-dir>    prints "page http://127.0.0.1:<port>/"
//
// Page URLs:
//   /?mode=leech&magnet=<uri>                   downloads, reports "peer <type>",
//                                               then "done <sha1 hex> <bytes>" (SHA-1 in the page)
//   /?mode=seed&file=<name>&tracker=<ws url>    seeds <files-dir>/<name>, reports "magnet <uri>",
//                                               then "upload <bytes>" every second
import { createServer } from 'node:http'
import { readFile } from 'node:fs/promises'
import { join, basename } from 'node:path'
import { fileURLToPath } from 'node:url'

const filesDir = process.argv[2]
const bundle = fileURLToPath(new URL('./node_modules/webtorrent/dist/webtorrent.min.js', import.meta.url))

const page = `<!doctype html>
<meta charset="utf-8">
<title>WebTorrent interop</title>
<script type="module">
import WebTorrent from '/webtorrent.min.js'
const q = new URLSearchParams(location.search)
const report = line => fetch('/report', { method: 'POST', body: line })
const hex = buf => [...new Uint8Array(buf)].map(b => b.toString(16).padStart(2, '0')).join('')
window.addEventListener('error', e => report('# page error ' + e.message))
const client = new WebTorrent()
client.on('error', e => report('# client error ' + (e.message || e)))
if (q.get('mode') === 'leech') {
  const torrent = client.add(q.get('magnet'))
  torrent.on('wire', wire => report('peer ' + wire.type))
  torrent.on('warning', w => report('# warning ' + (w.message || w)))
  torrent.on('done', async () => {
    const data = await torrent.files[0].arrayBuffer()
    report('done ' + hex(await crypto.subtle.digest('SHA-1', data)) + ' ' + data.byteLength)
  })
} else if (q.get('mode') === 'seed') {
  const name = q.get('file')
  const blob = await (await fetch('/file/' + encodeURIComponent(name))).blob()
  client.seed(new File([blob], name), { announce: [q.get('tracker')] }, torrent => {
    report('magnet ' + torrent.magnetURI)
    torrent.on('wire', wire => report('peer ' + wire.type))
    setInterval(() => report('upload ' + torrent.uploaded), 1000)
  })
}
</script>`

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://127.0.0.1')
    if (req.method === 'POST' && url.pathname === '/report') {
      let body = ''
      for await (const chunk of req) body += chunk
      console.log(body.replace(/[\r\n]/g, ' '))
      res.end()
    } else if (url.pathname === '/') {
      res.setHeader('content-type', 'text/html; charset=utf-8')
      res.end(page)
    } else if (url.pathname === '/webtorrent.min.js') {
      res.setHeader('content-type', 'text/javascript')
      res.end(await readFile(bundle))
    } else if (url.pathname.startsWith('/file/')) {
      res.end(await readFile(join(filesDir, basename(decodeURIComponent(url.pathname.slice(6))))))
    } else {
      res.statusCode = 404
      res.end()
    }
  } catch (e) {
    res.statusCode = 500
    res.end(String(e))
  }
})
server.listen(0, '127.0.0.1', () => console.log('page http://127.0.0.1:' + server.address().port + '/'))
