package org.ilptorrent.webtorrent;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to add a torrent to download.
 *
 * @param downloadFolder where its files go; empty for the client's download folder
 * @param storeFactory how its storage opens; empty for files under the folder
 * @param sequential pieces in index order rather than rarest first (for streaming)
 * @param peers peers to connect to at once (more come through {@link Torrent#addPeer})
 * @param listeners listeners attached before the torrent starts, so they hear its first events (a
 *     fast tracker's payment request, the metadata of a .torrent)
 */
public record AddOptions(
    Optional<Path> downloadFolder,
    Optional<PieceStoreFactory> storeFactory,
    boolean sequential,
    List<InetSocketAddress> peers,
    List<TorrentListener> listeners) {
  /** Copies the lists. */
  public AddOptions {
    Objects.requireNonNull(downloadFolder, "downloadFolder");
    Objects.requireNonNull(storeFactory, "storeFactory");
    peers = List.copyOf(peers);
    listeners = List.copyOf(listeners);
  }

  /** The client's folder, files, rarest first, no initial peers. */
  public static AddOptions defaults() {
    return builder().build();
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link AddOptions}. */
  public static final class Builder {
    private Path downloadFolder;
    private PieceStoreFactory storeFactory;
    private boolean sequential;
    private final List<InetSocketAddress> peers = new ArrayList<>();
    private final List<TorrentListener> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * Attaches {@code listener} before the torrent starts (unlike {@link Torrent#addListener} after
     * {@code add} returns, it cannot miss the first events).
     */
    public Builder listener(TorrentListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Files go under {@code folder} instead of the client's download folder. */
    public Builder downloadFolder(Path folder) {
      this.downloadFolder = Objects.requireNonNull(folder, "folder");
      return this;
    }

    /** Storage opens with {@code factory} (e.g. {@link PieceStoreFactory#memory()}). */
    public Builder storeFactory(PieceStoreFactory factory) {
      this.storeFactory = Objects.requireNonNull(factory, "factory");
      return this;
    }

    /** Pieces are fetched in index order. */
    public Builder sequential(boolean on) {
      this.sequential = on;
      return this;
    }

    /** Connects to {@code peer} as soon as the torrent is added. */
    public Builder addPeer(InetSocketAddress peer) {
      peers.add(Objects.requireNonNull(peer, "peer"));
      return this;
    }

    /** The options. */
    public AddOptions build() {
      return new AddOptions(
          Optional.ofNullable(downloadFolder),
          Optional.ofNullable(storeFactory),
          sequential,
          peers,
          listeners);
    }
  }
}
