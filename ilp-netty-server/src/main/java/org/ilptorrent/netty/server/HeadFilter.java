package org.ilptorrent.netty.server;

/**
 * Looks at a request's head before its body is read, so a server can refuse what it will not serve
 * (a body on a route that takes none, a transfer coding it does not accept) without reading it.
 * Called on the event loop; must not block.
 */
@FunctionalInterface
public interface HeadFilter {
  /**
   * The answer refusing the request (sent, then the connection is closed), or null to read its body
   * and serve it.
   *
   * @param head the request with an empty body
   */
  HttpResponse check(HttpRequest head);
}
