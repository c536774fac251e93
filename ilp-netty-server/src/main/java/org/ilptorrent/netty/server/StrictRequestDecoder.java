package org.ilptorrent.netty.server;

import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequestDecoder;

/**
 * Netty's request decoder, stricter on one smuggling shape: a request with both {@code
 * Transfer-Encoding: chunked} and {@code Content-Length} is refused (400, then close) instead of
 * decoded with the length dropped, since a proxy in front may have framed it by the length. Netty
 * already refuses two different lengths, a transfer coding that does not end in chunked, and {@code
 * Transfer-Encoding} on HTTP/1.0.
 */
final class StrictRequestDecoder extends HttpRequestDecoder {
  StrictRequestDecoder(HttpDecoderConfig config) {
    super(config);
  }

  @Override
  protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
    throw new IllegalArgumentException("both Transfer-Encoding and Content-Length");
  }
}
