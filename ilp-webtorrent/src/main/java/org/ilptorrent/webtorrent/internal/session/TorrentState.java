package org.ilptorrent.webtorrent.internal.session;

import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.webtorrent.PieceStore;
import org.ilptorrent.webtorrent.internal.pick.PiecePicker;
import org.ilptorrent.webtorrent.internal.wire.WireLimits;

/**
 * What a torrent knows so far, shared by its stages: the metadata (from the start, or once
 * fetched), the storage and the picker (once storage is open and checked). Each is set once, by
 * {@link TorrentSession}, and is null until then.
 *
 * <p>Threads: written on the loop thread only. The picker is read on the loop thread only; the
 * metadata and the store are volatile because the public handle and stream readers read them from
 * other threads.
 */
final class TorrentState {
  private volatile TorrentInfo metadata;
  private volatile PieceStore store;
  private PiecePicker<PeerConnection> picker;
  private WireLimits limits = WireLimits.beforeMetadata();

  /** {@code metadata} is null for a magnet; the limits stay loose until storage opens. */
  TorrentState(TorrentInfo metadata) {
    this.metadata = metadata;
  }

  /** What the peers' messages may hold, given what we know of the torrent; loop thread. */
  WireLimits limits() {
    return limits;
  }

  void limits(WireLimits known) {
    this.limits = known;
  }

  /** The metadata, or null before it is known; any thread. */
  TorrentInfo metadata() {
    return metadata;
  }

  void metadata(TorrentInfo known) {
    this.metadata = known;
  }

  /** The open storage, or null before it is open; any thread. */
  PieceStore store() {
    return store;
  }

  void store(PieceStore opened) {
    this.store = opened;
  }

  /** The picker, or null before storage is checked; loop thread. */
  PiecePicker<PeerConnection> picker() {
    return picker;
  }

  void picker(PiecePicker<PeerConnection> created) {
    this.picker = created;
  }
}
