package org.ilptorrent.netty.server;

/**
 * The I/O transport a server's event loops use. Each transport has its own shared loops, so servers
 * that choose differently in one JVM each get what they chose.
 */
public enum ServerTransport {
  /** The default: {@link #EPOLL} where it loads, else {@link #NIO}. */
  AUTO,
  /**
   * Linux io_uring (Netty's native {@code linux-x86_64} library, a kernel with io_uring, not
   * disabled by {@code kernel.io_uring_disabled}); epoll, then NIO, where it does not load. Not the
   * default: it did not do clearly more tracker announces per CPU-second than epoll here.
   */
  IO_URING,
  /** Linux epoll (Netty's native {@code linux-x86_64} library); NIO where it does not load. */
  EPOLL,
  /** The JDK's selectors: everywhere. */
  NIO;

  /**
   * The transport named {@code name}: {@code auto}, {@code io_uring}, {@code epoll} or {@code nio}
   * (case ignored).
   *
   * @throws IllegalArgumentException for another name
   */
  public static ServerTransport parse(String name) {
    for (ServerTransport t : values()) {
      if (t.label().equalsIgnoreCase(name.trim())) {
        return t;
      }
    }
    throw new IllegalArgumentException(
        "unknown transport '" + name + "': expected auto, io_uring, epoll or nio");
  }

  /** The name {@link #parse} reads: {@code auto}, {@code io_uring}, {@code epoll}, {@code nio}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
