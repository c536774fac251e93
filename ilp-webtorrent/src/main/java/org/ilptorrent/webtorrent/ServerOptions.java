package org.ilptorrent.webtorrent;

import java.util.Objects;

/**
 * How {@link WebTorrent#createServer(ServerOptions)} serves a client's torrents over HTTP.
 *
 * @param host the address to bind; default {@code 127.0.0.1}, so only this machine can connect
 * @param port the TCP port; default 0, a free port (see {@link TorrentServer#port()})
 * @param maxConnections connections served at once (each has its thread); default 16, one more is
 *     answered 503
 */
public record ServerOptions(String host, int port, int maxConnections) {
  /** Checks the values. */
  public ServerOptions {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 0xFFFF) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be positive: " + maxConnections);
    }
  }

  /** 127.0.0.1, a free port, 16 connections. */
  public static ServerOptions defaults() {
    return builder().build();
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link ServerOptions}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private int maxConnections = 16;

    private Builder() {}

    /** The address to bind ({@code 0.0.0.0} for every interface: think twice). */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The TCP port; 0 for a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Connections served at once. */
    public Builder maxConnections(int max) {
      this.maxConnections = max;
      return this;
    }

    /** The options. */
    public ServerOptions build() {
      return new ServerOptions(host, port, maxConnections);
    }
  }
}
