// Starts @coil/receipt-verifier 1.0.3 (configured by its usual environment variables).
// Under node 20 its SPSP proxy calls res.end() twice on the second query (a 'proxyRes' listener
// leaks per request), which kills the process; a second end() on a finished response is made a
// no-op here, and nothing else is changed.
'use strict'
const http = require('http')
const end = http.ServerResponse.prototype.end
http.ServerResponse.prototype.end = function (...args) {
  if (this.writableEnded) return this
  return end.apply(this, args)
}
require('@coil/receipt-verifier/dist/index.js')
