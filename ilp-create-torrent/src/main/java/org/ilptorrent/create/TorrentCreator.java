package org.ilptorrent.create;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.ilptorrent.create.internal.InputCollector;
import org.ilptorrent.create.internal.InputFile;
import org.ilptorrent.create.internal.PieceHasher;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.PathComponent;

/**
 * Makes a .torrent file (BEP 3) from files, folders or streams, the way npm create-torrent 6 does:
 * the same file selection, order, names and default piece length, so that the same inputs and
 * options give the same info hash.
 *
 * <p>A paid torrent's licence goes inside the info dictionary, so the info hash commits to price,
 * pointer and verifier, and a copy goes at top level where older ILP Torrent readers look. Paid
 * torrents are private. No tracker is added unless asked for.
 *
 * <pre>{@code
 * CreatedTorrent t = TorrentCreator.builder().addPath(folder).announce(List.of(url)).build().create();
 * }</pre>
 *
 * <p>A creator is immutable; {@link #create()} may be called more than once and from any thread.
 */
public final class TorrentCreator {
  /** The smallest piece length create-torrent picks. */
  public static final int MIN_PIECE_LENGTH = 16 * 1024;

  /** The largest piece length create-torrent picks by default. */
  public static final int MAX_DEFAULT_PIECE_LENGTH = 4 * 1024 * 1024;

  private final Builder b;

  private TorrentCreator(Builder builder) {
    this.b = builder;
  }

  /** A builder with create-torrent's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The piece length create-torrent picks for {@code totalBytes}: {@code 2^round(log2(total /
   * 1024))}, at least 16 KiB and at most 4 MiB.
   */
  public static int defaultPieceLength(long totalBytes) {
    double kib = totalBytes < 1024 ? 1 : totalBytes / 1024.0;
    int exponent = (int) (Math.log(kib) / Math.log(2) + 0.5);
    long length = 1L << Math.min(exponent, 62);
    return (int) Math.min(Math.max(MIN_PIECE_LENGTH, length), MAX_DEFAULT_PIECE_LENGTH);
  }

  /**
   * Collects the inputs, hashes them on the calling thread and the hashing pool, and returns the
   * torrent. An interrupt of the calling thread stops hashing at the next piece.
   *
   * @throws InvalidTorrentInputException when the inputs or options cannot make a torrent
   * @throws IOException when an input cannot be read
   * @throws InterruptedException when interrupted while hashing
   */
  public CreatedTorrent create() throws IOException, InterruptedException {
    Inputs inputs = collect();
    int pieceLength = b.pieceLength > 0 ? b.pieceLength : defaultPieceLength(inputs.totalLength());
    ExecutorService pool = b.executor != null ? b.executor : newPool(b.parallelism);
    try {
      byte[] pieces =
          new PieceHasher(inputs.files(), pieceLength, pool, b.parallelism, b.progress).hash();
      return new TorrentAssembler(b, inputs.name(), inputs.singleFile(), inputs.files())
          .assemble(pieceLength, pieces);
    } finally {
      if (b.executor == null) {
        pool.shutdownNow();
      }
    }
  }

  /**
   * Like {@link #create()} on a thread of its own. Cancelling the future ({@code cancel(true)})
   * stops hashing at the next piece.
   */
  public CompletableFuture<CreatedTorrent> createAsync() {
    CompletableFuture<CreatedTorrent> result = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                result.complete(create());
              } catch (InterruptedException e) {
                result.cancel(false);
              } catch (Exception | Error e) {
                result.completeExceptionally(e);
              }
            },
            "ilp-create-torrent");
    thread.setDaemon(true);
    result.whenComplete(
        (t, e) -> {
          if (result.isCancelled()) {
            thread.interrupt();
          }
        });
    thread.start();
    return result;
  }

  private record Inputs(List<InputFile> files, boolean singleFile, String name) {
    long totalLength() {
      return files.stream().mapToLong(InputFile::length).sum();
    }
  }

  private Inputs collect() throws IOException {
    List<InputFile> files = new ArrayList<>();
    boolean singleFile = false;
    String defaultName = null;
    if (!b.paths.isEmpty()) {
      InputCollector.Collected c = InputCollector.collect(b.paths, b.filterJunk);
      files.addAll(c.files());
      singleFile = c.singleFile() && b.streams.isEmpty();
      defaultName = c.defaultName();
    }
    files.addAll(b.streams);
    if (b.paths.isEmpty() && b.streams.size() == 1) {
      singleFile = true;
      List<String> components = b.streams.get(0).components();
      defaultName = components.get(components.size() - 1);
    }
    if (files.isEmpty()) {
      throw new InvalidTorrentInputException(
          "no files to add: the inputs are empty folders or hold only hidden and junk files");
    }
    String name = b.name != null ? b.name : defaultName;
    checkPathComponent(name, "name");
    for (InputFile f : files) {
      for (String component : f.components()) {
        checkPathComponent(component, "file " + String.join("/", f.components()));
      }
    }
    return new Inputs(List.copyOf(files), singleFile, name);
  }

  /**
   * Names and path components follow {@link PathComponent}'s rule, the one ilp-parse-torrent reads
   * by, so that no torrent is made that its own readers refuse.
   */
  private static void checkPathComponent(String component, String what) {
    PathComponent.problem(component)
        .ifPresent(
            problem -> {
              throw new InvalidTorrentInputException(what + ": " + problem);
            });
  }

  private static ExecutorService newPool(int threads) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "ilp-create-torrent-hash-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    return Executors.newFixedThreadPool(threads, factory);
  }

  /** Settings of a {@link TorrentCreator}; {@link #build()} checks them. */
  public static final class Builder {
    final List<Path> paths = new ArrayList<>();
    final List<InputFile> streams = new ArrayList<>();
    String name;
    String comment;
    String createdBy = "ilp-torrent/" + version();
    Instant creationDate;
    boolean withCreationDate = true;
    java.time.Clock clock = java.time.Clock.systemUTC();
    Boolean isPrivate;
    List<List<String>> announce = List.of();
    List<String> trackerShards = List.of();
    List<String> urlList = List.of();
    int pieceLength;
    License license;
    final Map<String, Object> extraInfo = new LinkedHashMap<>();
    boolean filterJunk = true;
    int parallelism = Runtime.getRuntime().availableProcessors();
    ExecutorService executor;
    HashProgressListener progress;

    Builder() {}

    /** Adds a file or a folder (walked recursively). */
    public Builder addPath(Path path) {
      paths.add(Objects.requireNonNull(path, "path"));
      return this;
    }

    /** Adds files or folders, in order. */
    public Builder addPaths(List<Path> paths) {
      paths.forEach(this::addPath);
      return this;
    }

    /**
     * Adds the bytes of a stream as a file. It is opened once, when hashing reaches it, and read in
     * order.
     *
     * @param pathInTorrent the file's path inside the torrent, components separated by {@code /}
     * @param length exactly how many bytes it will give
     * @param opener opens the stream
     */
    public Builder addStream(String pathInTorrent, long length, StreamOpener opener) {
      Objects.requireNonNull(opener, "opener");
      if (length < 0) {
        throw new InvalidTorrentInputException("stream length must be >= 0, got " + length);
      }
      if (pathInTorrent == null || pathInTorrent.isEmpty()) {
        throw new InvalidTorrentInputException("a stream needs a path inside the torrent");
      }
      streams.add(new InputFile(List.of(pathInTorrent.split("/", -1)), length, null, opener::open));
      return this;
    }

    /** Sets the torrent's name; by default the name of the first input. */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /** Sets the comment; none by default. */
    public Builder comment(String comment) {
      this.comment = comment;
      return this;
    }

    /** Sets {@code created by}; {@code ilp-torrent/<version>} by default, {@code null} for none. */
    public Builder createdBy(String createdBy) {
      this.createdBy = createdBy;
      return this;
    }

    /**
     * Sets the creation date (whole seconds, rounded up as create-torrent does); by default the
     * clock's time when {@link TorrentCreator#create()} runs.
     */
    public Builder creationDate(Instant date) {
      this.creationDate = Objects.requireNonNull(date, "date");
      this.withCreationDate = true;
      return this;
    }

    /** Leaves the creation date out, for reproducible torrents. */
    public Builder noCreationDate() {
      this.creationDate = null;
      this.withCreationDate = false;
      return this;
    }

    /** The clock for the default creation date; the system clock by default. */
    public Builder clock(java.time.Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Marks the torrent private (BEP 27); paid torrents are private unless this says otherwise. */
    public Builder isPrivate(boolean isPrivate) {
      this.isPrivate = isPrivate;
      return this;
    }

    /** Trackers, one tier each (BEP 12); none by default. */
    public Builder announce(List<String> trackers) {
      List<List<String>> tiers = new ArrayList<>();
      trackers.forEach(t -> tiers.add(List.of(t)));
      return announceTiers(tiers);
    }

    /**
     * The shards of one tracker service ({@link TrackerShards}): the one picked for this torrent's
     * info hash becomes its first tracker, before those given to {@link #announce}.
     */
    public Builder trackerShards(List<String> shards) {
      this.trackerShards = List.copyOf(shards);
      return this;
    }

    /**
     * Trackers given as URIs, as the tracker client and discovery take them ({@code
     * TrackerClient.Builder.announce}), one tier each; the same as {@link #announce(List)} with
     * their {@link URI#toString()}.
     */
    public Builder announceUris(List<URI> trackers) {
      return announce(
          trackers.stream().map(u -> Objects.requireNonNull(u, "tracker").toString()).toList());
    }

    /** Trackers by tier (BEP 12). */
    public Builder announceTiers(List<List<String>> tiers) {
      List<List<String>> copy = new ArrayList<>();
      for (List<String> tier : tiers) {
        if (tier.isEmpty()) {
          throw new InvalidTorrentInputException("an announce tier is empty");
        }
        copy.add(List.copyOf(tier));
      }
      this.announce = List.copyOf(copy);
      return this;
    }

    /** Web seed URLs (BEP 19). */
    public Builder urlList(List<String> urls) {
      this.urlList = List.copyOf(urls);
      return this;
    }

    /** Sets the piece length, a power of two of at least 16 KiB; by default create-torrent's. */
    public Builder pieceLength(int bytes) {
      if (bytes < MIN_PIECE_LENGTH || Integer.bitCount(bytes) != 1) {
        throw new InvalidTorrentInputException(
            "piece length must be a power of two of at least 16384 bytes, got " + bytes);
      }
      this.pieceLength = bytes;
      return this;
    }

    /** Makes the torrent paid: the licence is committed inside {@code info}. */
    public Builder license(License license) {
      this.license = license;
      return this;
    }

    /** Adds a text key to the info dictionary (it changes the info hash). */
    public Builder putInfo(String key, String value) {
      return putExtra(key, value);
    }

    /** Adds an integer key to the info dictionary (it changes the info hash). */
    public Builder putInfo(String key, long value) {
      return putExtra(key, value);
    }

    /** Whether to leave hidden and junk files out of folders (create-torrent does); default yes. */
    public Builder filterJunkFiles(boolean filter) {
      this.filterJunk = filter;
      return this;
    }

    /** How many pieces are hashed at once; the number of cores by default. */
    public Builder parallelism(int threads) {
      if (threads < 1) {
        throw new InvalidTorrentInputException("parallelism must be >= 1");
      }
      this.parallelism = threads;
      return this;
    }

    /**
     * Hashes on this executor instead of a pool of the creator's own; it must run {@link
     * #parallelism(int)} tasks at once and is not shut down.
     */
    public Builder executor(ExecutorService executor) {
      this.executor = executor;
      return this;
    }

    /** Hears hashing progress. */
    public Builder progressListener(HashProgressListener listener) {
      this.progress = listener;
      return this;
    }

    /**
     * Checks the settings and returns the creator.
     *
     * @throws InvalidTorrentInputException when there is no input or a paid torrent is made public
     */
    public TorrentCreator build() {
      if (paths.isEmpty() && streams.isEmpty()) {
        throw new InvalidTorrentInputException("add at least one path or stream");
      }
      if (license != null && Boolean.FALSE.equals(isPrivate)) {
        throw new InvalidTorrentInputException(
            "a paid torrent must be private: no DHT, PEX or LSD may bypass the tracker's gate");
      }
      Builder copy = new Builder();
      copy.paths.addAll(paths);
      copy.streams.addAll(streams);
      copy.name = name;
      copy.comment = comment;
      copy.createdBy = createdBy;
      copy.creationDate = creationDate;
      copy.withCreationDate = withCreationDate;
      copy.clock = clock;
      copy.isPrivate = isPrivate;
      copy.announce = announce;
      copy.trackerShards = trackerShards;
      copy.urlList = urlList;
      copy.pieceLength = pieceLength;
      copy.license = license;
      copy.extraInfo.putAll(extraInfo);
      copy.filterJunk = filterJunk;
      copy.parallelism = parallelism;
      copy.executor = executor;
      copy.progress = progress;
      return new TorrentCreator(copy);
    }

    private Builder putExtra(String key, Object value) {
      if (TorrentAssembler.RESERVED_INFO_KEYS.contains(key)) {
        throw new InvalidTorrentInputException("info key '" + key + "' is set by the creator");
      }
      extraInfo.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    private static String version() {
      String v = TorrentCreator.class.getPackage().getImplementationVersion();
      return v == null ? "dev" : v;
    }
  }

  /** Opens a stream input; called once, when hashing reaches it. */
  @FunctionalInterface
  public interface StreamOpener {
    /** Opens the stream. */
    InputStream open() throws IOException;
  }
}
