package org.ilptorrent.webtorrent;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to seed a torrent whose data is already in a folder.
 *
 * @param storeFactory how its storage opens; empty for the files under the data folder
 * @param peers peers to connect to at once
 */
public record SeedOptions(Optional<PieceStoreFactory> storeFactory, List<InetSocketAddress> peers) {
  /** Copies the peer list. */
  public SeedOptions {
    Objects.requireNonNull(storeFactory, "storeFactory");
    peers = List.copyOf(peers);
  }

  /** Files under the data folder, no initial peers. */
  public static SeedOptions defaults() {
    return builder().build();
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link SeedOptions}. */
  public static final class Builder {
    private PieceStoreFactory storeFactory;
    private final List<InetSocketAddress> peers = new ArrayList<>();

    private Builder() {}

    /** Storage opens with {@code factory}. */
    public Builder storeFactory(PieceStoreFactory factory) {
      this.storeFactory = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /** Connects to {@code peer} once the data is checked. */
    public Builder addPeer(InetSocketAddress peer) {
      peers.add(Objects.requireNonNull(peer, "peer"));
      return this;
    }

    /** The options. */
    public SeedOptions build() {
      return new SeedOptions(Optional.ofNullable(storeFactory), peers);
    }
  }
}
