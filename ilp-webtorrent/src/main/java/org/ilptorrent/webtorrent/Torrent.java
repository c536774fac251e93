package org.ilptorrent.webtorrent;

import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.parse.TorrentInfo;
import org.ilptorrent.tracker.AccessTicket;
import org.ilptorrent.webtorrent.internal.pick.PiecePriorities;
import org.ilptorrent.webtorrent.internal.session.TorrentSession;
import org.ilptorrent.webtorrent.internal.store.PieceGeometry;

/**
 * A torrent added to a {@link WebTorrent} client: its metadata, files, progress and events, and the
 * controls that steer its download. Every method is thread-safe and returns at once; changes take
 * effect on the client's network thread shortly after.
 *
 * <p>Byte ranges are half-open, {@code [from, to)}, in the torrent's concatenated content; they map
 * onto the pieces that hold them. Calls made before the metadata is known apply once it is.
 */
public final class Torrent {
  private final TorrentSession session;
  private final Runnable onRemove;

  Torrent(TorrentSession session, Runnable onRemove) {
    this.session = session;
    this.onRemove = onRemove;
  }

  TorrentSession session() {
    return session;
  }

  /** The torrent's v1 info hash. */
  public InfoHash infoHash() {
    return session.infoHash();
  }

  /** The torrent's name: from the metadata, else the magnet's {@code dn}, else the info hash. */
  public String name() {
    return session.name();
  }

  /** The parsed metadata, once known. */
  public Optional<TorrentInfo> metadata() {
    return session.metadata();
  }

  /**
   * The files, in torrent order; empty until the metadata is known. BEP 47 pad files are listed
   * too, as WebTorrent lists them, and tell themselves by {@link TorrentFile#padding()}; they are
   * never on disk.
   */
  public List<TorrentFile> files() {
    return session
        .metadata()
        .map(
            t ->
                java.util.stream.IntStream.range(0, t.files().size())
                    .mapToObj(i -> new TorrentFile(session, t.files().get(i), i))
                    .toList())
        .orElse(List.of());
  }

  /**
   * Connects to a peer (from a tracker, LSD, PEX or the user). Cheap and idempotent: an address
   * already connected, being connected to, queued or banned is ignored.
   */
  public void addPeer(InetSocketAddress peer) {
    session.addPeer(peer);
  }

  /**
   * Whether the torrent is paid (a licence in its metadata, or {@code pp} in its magnet): then
   * every peer connection is gated by access tickets ({@code ilp_access}, see the module README),
   * and peers come from trackers only.
   */
  public boolean isPaid() {
    return session.isPaid();
  }

  /**
   * The key of the tracker whose access tickets peers must show before we serve them anything of
   * this paid torrent. {@link WebTorrent#seedPaid} sets it from the tracker's registration answer;
   * a leecher gets it with its own ticket ({@link #accessTicket}). Ignored for a free torrent.
   */
  public void trackerKey(PublicKey trackerKey) {
    session.trackerKey(trackerKey);
  }

  /**
   * Our Ed25519 key pair for this paid download: announce its public half as {@code leecher_key}
   * (raw, see {@link org.ilptorrent.tracker.AccessKeys#raw}) and the tracker binds it into the
   * ticket; the private half signs each serving peer's challenge. Keep it with the download's
   * payment state. Ignored for a free torrent.
   */
  public void leecherKey(KeyPair leecherKey) {
    session.leecherKey(leecherKey);
  }

  /**
   * The newest access ticket a tracker issued for our {@link #leecherKey} and that tracker's key;
   * serving peers that challenged us get it at once, later ones as they connect. A ticket for
   * another torrent is ignored.
   */
  public void accessTicket(AccessTicket ticket, PublicKey trackerKey) {
    session.accessTicket(ticket, trackerKey);
  }

  /** A snapshot of the transfer. */
  public Progress progress() {
    return session.progress();
  }

  /** Adds a listener for this torrent's events (see {@link TorrentListener} for the thread). */
  public void addListener(TorrentListener listener) {
    session.addListener(listener);
  }

  /**
   * Completes when every piece is verified (at once for a complete seed), on the client's event
   * thread; completes exceptionally when the torrent fails or is removed first.
   */
  public CompletableFuture<Void> whenDone() {
    return session.whenDone();
  }

  /**
   * Completes with the metadata once it is known (WebTorrent's {@code metadata} event): from the
   * .torrent at once, or fetched from peers for a magnet; on the client's event thread, after the
   * listeners' {@link TorrentListener#onMetadata}. A future that already completed stays complete,
   * so asking late never misses it. Completes exceptionally when the torrent fails or is removed
   * first.
   */
  public CompletableFuture<TorrentInfo> whenMetadata() {
    return session.whenMetadata();
  }

  /**
   * Completes once storage is open and checked and the torrent transfers (WebTorrent's {@code
   * ready} event), like {@link #whenMetadata()}: on the event thread, after {@link
   * TorrentListener#onReady}, and complete for good once it is.
   */
  public CompletableFuture<Void> whenReady() {
    return session.whenReady();
  }

  /**
   * Stops the transfer: every peer is disconnected, no peer is dialled or accepted, and addresses
   * from trackers and PEX are kept for later; verified pieces, discovery and listeners stay.
   * (Stronger than WebTorrent's {@code pause()}, which only stops new connections.) Idempotent.
   */
  public void pause() {
    session.pause();
  }

  /** Ends a {@link #pause()}: the peers we had and those learnt since are dialled. Idempotent. */
  public void resume() {
    session.resume();
  }

  /** Whether the torrent is paused. */
  public boolean isPaused() {
    return session.isPaused();
  }

  /**
   * Wants the pieces holding bytes {@code [from, to)} at {@code priority} (higher first, 0 normal).
   */
  public void select(long from, long to, int priority) {
    if (priority < 0) {
      throw new IllegalArgumentException("priority must not be negative: " + priority);
    }
    onPieces(from, to, (p, a, b) -> p.select(a, b, priority));
  }

  /** Stops wanting the pieces holding bytes {@code [from, to)}; pieces already had stay. */
  public void deselect(long from, long to) {
    onPieces(from, to, (p, a, b) -> p.deselect(a, b));
  }

  /** Fetches the pieces holding bytes {@code [from, to)} before anything else, in order. */
  public void critical(long from, long to) {
    onPieces(from, to, (p, a, b) -> p.critical(a, b));
  }

  /** Stops the torrent: peers are disconnected and storage is closed; its files stay. */
  public void remove() {
    onRemove.run();
  }

  private interface RangeChange {
    void apply(PiecePriorities priorities, int firstPiece, int lastPiece);
  }

  private void onPieces(long from, long to, RangeChange change) {
    if (from < 0 || to <= from) {
      throw new IllegalArgumentException("empty or negative range: [" + from + ", " + to + ")");
    }
    session.priorities(
        picker -> {
          TorrentInfo t = session.metadata().orElseThrow();
          long end = Math.min(to, t.length());
          if (from >= end) {
            return;
          }
          int[] pieces = new PieceGeometry(t.length(), t.pieceLength()).piecesOf(from, end - from);
          change.apply(picker, pieces[0], pieces[1]);
        });
  }

  @Override
  public String toString() {
    return "Torrent[" + name() + ", " + infoHash().toHex() + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Torrent other && session == other.session;
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(session);
  }
}
