package org.ilptorrent.magnet;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.ilptorrent.magnet.internal.MagnetDecoder;
import org.ilptorrent.magnet.internal.MagnetEncoder;
import org.ilptorrent.magnet.internal.UriComponent;

/**
 * A magnet link: the parameters of npm magnet-uri 7.x plus ILP Torrent's {@code pp} (payment
 * pointer) and {@code vr} (receipt verifier).
 *
 * <p>{@link #parse(String)} reads a link, {@link #toString()} writes one. For the same fields the
 * written form is byte-identical to what npm magnet-uri and the ILP Torrent fork produce: values
 * are escaped like JavaScript's {@code encodeURIComponent}, {@code dn} writes spaces as {@code +},
 * and parameters come in the order {@code xt, dn, tr, ws, as, xs, kt, x.pe, so, ix}, then
 * parameters this class does not interpret (as they were written), then {@code pp, vr}.
 *
 * <p>Lists never hold duplicates; the first occurrence keeps its place. Immutable and thread-safe.
 */
public final class MagnetUri {
  /** The longest magnet URI {@link #parse(String)} reads, in characters. */
  public static final int MAX_LENGTH = 256 * 1024;

  /** The most {@code &}-separated parameters {@link #parse(String)} reads. */
  public static final int MAX_PARAMETERS = 10_000;

  /** The most file indexes all {@code so} parameters together may select. */
  public static final int MAX_SELECTED_FILES = 100_000;

  private final InfoHash infoHash;
  private final InfoHash infoHashV2;
  private final String name;
  private final List<String> announce;
  private final List<String> webSeeds;
  private final List<String> acceptableSources;
  private final List<String> exactSources;
  private final List<String> keywords;
  private final List<PeerAddress> peerAddresses;
  private final List<Integer> selectOnly;
  private final Integer index;
  private final PaymentPointer paymentPointer;
  private final URI verifier;
  private final List<MagnetParameter> extraParameters;

  private MagnetUri(Builder b) {
    this.infoHash = b.infoHash;
    this.infoHashV2 = b.infoHashV2;
    this.name = b.name;
    this.announce = distinct(b.announce);
    this.webSeeds = distinct(b.webSeeds);
    this.acceptableSources = distinct(b.acceptableSources);
    this.exactSources = distinct(b.exactSources);
    this.keywords = List.copyOf(b.keywords);
    this.peerAddresses = distinct(b.peerAddresses);
    this.selectOnly = List.copyOf(b.selectOnly);
    this.index = b.index;
    this.paymentPointer = b.paymentPointer;
    this.verifier = b.verifier;
    this.extraParameters = List.copyOf(b.extraParameters);
  }

  /**
   * Parses a magnet URI.
   *
   * <p>Accepts {@code urn:btih:} topics in hex (either case) or base32, and {@code urn:btmh:}
   * SHA-256 multihashes; percent escapes must be well-formed UTF-8. A parameter written twice with
   * the same value (the ILP Torrent fork repeats {@code pp} and {@code vr}) is read once; two
   * different values for a single-valued parameter ({@code dn, ix, pp, vr}, or two different info
   * hashes of one version) are an error. Other {@code xt} topics and unknown parameters are kept as
   * {@link #extraParameters()}.
   *
   * @throws InvalidMagnetUriException naming the parameter and its position
   */
  public static MagnetUri parse(String uri) {
    return MagnetDecoder.decode(uri);
  }

  /** Like {@link #parse(String)}, but empty instead of throwing. */
  public static Optional<MagnetUri> tryParse(String uri) {
    try {
      return Optional.of(parse(uri));
    } catch (InvalidMagnetUriException e) {
      return Optional.empty();
    }
  }

  /** A builder for a magnet of {@code infoHash} (v1 or v2). */
  public static Builder builder(InfoHash infoHash) {
    return new Builder().infoHash(infoHash);
  }

  /** An empty builder; {@link Builder#build()} needs at least one info hash. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding every field of this magnet. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.infoHash = infoHash;
    b.infoHashV2 = infoHashV2;
    b.name = name;
    b.announce.addAll(announce);
    b.webSeeds.addAll(webSeeds);
    b.acceptableSources.addAll(acceptableSources);
    b.exactSources.addAll(exactSources);
    b.keywords.addAll(keywords);
    b.peerAddresses.addAll(peerAddresses);
    b.selectOnly.addAll(selectOnly);
    b.index = index;
    b.paymentPointer = paymentPointer;
    b.verifier = verifier;
    b.extraParameters.addAll(extraParameters);
    return b;
  }

  /** The v1 (SHA-1) info hash ({@code xt=urn:btih:}), empty for a v2-only magnet. */
  public Optional<InfoHash> infoHash() {
    return Optional.ofNullable(infoHash);
  }

  /** The v2 (SHA-256) info hash ({@code xt=urn:btmh:1220}), present for v2 and hybrid magnets. */
  public Optional<InfoHash> infoHashV2() {
    return Optional.ofNullable(infoHashV2);
  }

  /** The display name ({@code dn}). */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** Tracker URLs ({@code tr}), in order. */
  public List<String> announce() {
    return announce;
  }

  /** Web seed URLs ({@code ws}, BEP 19). */
  public List<String> webSeeds() {
    return webSeeds;
  }

  /** Acceptable sources ({@code as}). */
  public List<String> acceptableSources() {
    return acceptableSources;
  }

  /**
   * Every HTTP source, as npm magnet-uri's {@code urlList}: acceptable sources, then web seeds,
   * without duplicates.
   */
  public List<String> urlList() {
    return distinct(concat(acceptableSources, webSeeds));
  }

  /** Exact sources ({@code xs}): a .torrent URL, or {@code urn:btpk:} for a BEP 46 public key. */
  public List<String> exactSources() {
    return exactSources;
  }

  /** Keywords ({@code kt}). */
  public List<String> keywords() {
    return keywords;
  }

  /** Peer addresses ({@code x.pe}, BEP 9), in order. */
  public List<PeerAddress> peerAddresses() {
    return peerAddresses;
  }

  /** File indexes to download ({@code so}, BEP 53), in the order written; empty for all files. */
  public List<Integer> selectOnly() {
    return selectOnly;
  }

  /** The file index ({@code ix}). */
  public OptionalInt index() {
    return index == null ? OptionalInt.empty() : OptionalInt.of(index);
  }

  /** The payment pointer of a paid torrent ({@code pp}). */
  public Optional<PaymentPointer> paymentPointer() {
    return Optional.ofNullable(paymentPointer);
  }

  /** The receipt verifier's base URL of a paid torrent ({@code vr}). */
  public Optional<URI> verifier() {
    return Optional.ofNullable(verifier);
  }

  /** Pointer and verifier together, present only when the magnet carries both. */
  public Optional<PartialLicense> license() {
    return paymentPointer == null || verifier == null
        ? Optional.empty()
        : Optional.of(new PartialLicense(paymentPointer, verifier));
  }

  /** Parameters this class does not interpret, including other {@code xt} topics, in order. */
  public List<MagnetParameter> extraParameters() {
    return extraParameters;
  }

  /** The magnet URI, in the canonical form described on this class. */
  @Override
  public String toString() {
    return MagnetEncoder.encode(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MagnetUri other && toString().equals(other.toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }

  private static <T> List<T> distinct(List<T> values) {
    return List.copyOf(new LinkedHashSet<>(values));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * Builds a {@link MagnetUri}. Setters check their argument at once; {@link #build()} checks the
   * whole. Encoding is strict: every value must be encodable (no lone surrogates).
   */
  public static final class Builder {
    private InfoHash infoHash;
    private InfoHash infoHashV2;
    private String name;
    private final List<String> announce = new ArrayList<>();
    private final List<String> webSeeds = new ArrayList<>();
    private final List<String> acceptableSources = new ArrayList<>();
    private final List<String> exactSources = new ArrayList<>();
    private final List<String> keywords = new ArrayList<>();
    private final List<PeerAddress> peerAddresses = new ArrayList<>();
    private final List<Integer> selectOnly = new ArrayList<>();
    private Integer index;
    private PaymentPointer paymentPointer;
    private URI verifier;
    private final List<MagnetParameter> extraParameters = new ArrayList<>();

    Builder() {}

    /** Sets the v1 or the v2 info hash, by the hash's {@link InfoHash#version()}. */
    public Builder infoHash(InfoHash infoHash) {
      Objects.requireNonNull(infoHash, "infoHash");
      if (infoHash.version() == 1) {
        this.infoHash = infoHash;
      } else {
        this.infoHashV2 = infoHash;
      }
      return this;
    }

    /** Sets the display name ({@code dn}); {@code null} removes it. */
    public Builder name(String name) {
      this.name = name == null ? null : text("dn", name);
      return this;
    }

    /** Adds a tracker URL ({@code tr}). */
    public Builder addTracker(String url) {
      announce.add(text("tr", url));
      return this;
    }

    /** Adds tracker URLs ({@code tr}), in order. */
    public Builder addTrackers(List<String> urls) {
      urls.forEach(this::addTracker);
      return this;
    }

    /** Adds a web seed URL ({@code ws}). */
    public Builder addWebSeed(String url) {
      webSeeds.add(text("ws", url));
      return this;
    }

    /** Adds an acceptable source ({@code as}). */
    public Builder addAcceptableSource(String url) {
      acceptableSources.add(text("as", url));
      return this;
    }

    /**
     * Adds an exact source ({@code xs}). A {@code urn:btpk:} value must be followed by 64 hex
     * digits, since it is written unescaped.
     */
    public Builder addExactSource(String source) {
      text("xs", source);
      if (source.startsWith("urn:btpk:")) {
        String key = source.substring("urn:btpk:".length());
        if (key.length() != 64
            || !key.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 0x80)) {
          throw new InvalidMagnetUriException("xs", "urn:btpk: must be followed by 64 hex digits");
        }
      }
      exactSources.add(source);
      return this;
    }

    /** Adds a keyword ({@code kt}). */
    public Builder addKeyword(String keyword) {
      keywords.add(text("kt", keyword));
      return this;
    }

    /** Adds a peer address ({@code x.pe}). */
    public Builder addPeerAddress(PeerAddress address) {
      peerAddresses.add(Objects.requireNonNull(address, "address"));
      return this;
    }

    /**
     * Adds a peer address ({@code x.pe}) written as {@link PeerAddress#parse} reads it: {@code
     * host:port}, with an IPv6 host in brackets.
     *
     * @throws InvalidMagnetUriException for {@code x.pe} when it is not a peer address
     */
    public Builder addPeerAddress(String hostPort) {
      try {
        return addPeerAddress(PeerAddress.parse(text("x.pe", hostPort)));
      } catch (InvalidPeerAddressException e) {
        throw new InvalidMagnetUriException("x.pe", e.reason());
      }
    }

    /** Adds file indexes to select ({@code so}). */
    public Builder addSelectOnly(List<Integer> fileIndexes) {
      for (Integer i : fileIndexes) {
        if (i == null || i < 0) {
          throw new InvalidMagnetUriException("so", "file indexes must be >= 0");
        }
        selectOnly.add(i);
      }
      return this;
    }

    /** Sets the file index ({@code ix}); {@code null} removes it. */
    public Builder index(Integer index) {
      if (index != null && index < 0) {
        throw new InvalidMagnetUriException("ix", "must be >= 0");
      }
      this.index = index;
      return this;
    }

    /** Sets the payment pointer ({@code pp}); {@code null} removes it. */
    public Builder paymentPointer(PaymentPointer pointer) {
      this.paymentPointer = pointer;
      return this;
    }

    /**
     * Sets the verifier's base URL ({@code vr}); {@code null} removes it.
     *
     * @throws InvalidMagnetUriException when it is not an absolute http(s) URL
     */
    public Builder verifier(URI verifier) {
      if (verifier != null) {
        try {
          License.checkVerifier(verifier);
        } catch (InvalidLicenseException e) {
          throw new InvalidMagnetUriException("vr", e.getMessage());
        }
      }
      this.verifier = verifier;
      return this;
    }

    /** Sets pointer and verifier from a licence's {@link License#partial()}. */
    public Builder license(PartialLicense license) {
      return paymentPointer(license.paymentPointer()).verifier(license.verifier());
    }

    /**
     * Adds a parameter this class does not interpret, written as given; an {@code xt} other than
     * {@code urn:btih:} and {@code urn:btmh:} (such as {@code urn:sha1:}) is added this way too.
     *
     * @throws InvalidMagnetUriException when the name is one this class interprets
     */
    public Builder addParameter(MagnetParameter parameter) {
      if (MagnetDecoder.isInterpreted(parameter)) {
        throw new InvalidMagnetUriException(
            parameter.key(), "is interpreted by MagnetUri; use its own builder method");
      }
      extraParameters.add(parameter);
      return this;
    }

    /** The magnet. */
    public MagnetUri build() {
      if (infoHash == null && infoHashV2 == null) {
        throw new InvalidMagnetUriException("xt", "no info hash (urn:btih or urn:btmh)");
      }
      return new MagnetUri(this);
    }

    private static String text(String parameter, String value) {
      if (value == null) {
        throw new InvalidMagnetUriException(parameter, "value is null");
      }
      try {
        UriComponent.encode(value);
      } catch (IllegalArgumentException e) {
        throw new InvalidMagnetUriException(parameter, e.getMessage());
      }
      return value;
    }
  }
}
