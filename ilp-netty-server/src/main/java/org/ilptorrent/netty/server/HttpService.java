package org.ilptorrent.netty.server;

/**
 * What a server does with a whole request. Called on the server's worker executor when it has one
 * (handlers that block: stores that force a journal, upstream HTTP calls), else on an event loop,
 * where it must not block. One request of a connection is handled at a time, in order.
 */
@FunctionalInterface
public interface HttpService {
  /**
   * Answers a request. An exception is answered with 500 {@code internal error}.
   *
   * @throws Exception anything; logged at warning level without the request's content
   */
  HttpResponse handle(HttpRequest request) throws Exception;
}
