package org.ilptorrent.magnet.internal;

import java.util.StringJoiner;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.MagnetParameter;
import org.ilptorrent.magnet.MagnetUri;

/**
 * Writes a magnet URI the way npm magnet-uri 7.x followed by the ILP Torrent fork does, so that the
 * same fields give the same bytes.
 */
public final class MagnetEncoder {
  private static final String BTPK = "urn:btpk:";

  private MagnetEncoder() {}

  /** The canonical text of {@code magnet}. */
  public static String encode(MagnetUri magnet) {
    StringJoiner out = new StringJoiner("&", "magnet:?", "");
    magnet.infoHash().map(InfoHash::toUrn).ifPresent(urn -> out.add("xt=" + urn));
    magnet.infoHashV2().map(InfoHash::toUrn).ifPresent(urn -> out.add("xt=" + urn));
    // magnet-uri writes a space in dn as '+', everywhere else as %20.
    magnet.name().ifPresent(n -> out.add("dn=" + UriComponent.encode(n).replace("%20", "+")));
    magnet.announce().forEach(v -> out.add("tr=" + UriComponent.encode(v)));
    magnet.webSeeds().forEach(v -> out.add("ws=" + UriComponent.encode(v)));
    magnet.acceptableSources().forEach(v -> out.add("as=" + UriComponent.encode(v)));
    // BEP 46 public keys are written unescaped, as magnet-uri does.
    magnet
        .exactSources()
        .forEach(v -> out.add("xs=" + (v.startsWith(BTPK) ? v : UriComponent.encode(v))));
    if (!magnet.keywords().isEmpty()) {
      StringJoiner words = new StringJoiner("+", "kt=", "");
      magnet.keywords().forEach(k -> words.add(UriComponent.encode(k)));
      out.add(words.toString());
    }
    // A peer address holds only host and port characters, so no escaping is needed.
    magnet.peerAddresses().forEach(v -> out.add("x.pe=" + v));
    if (!magnet.selectOnly().isEmpty()) {
      out.add("so=" + SelectOnly.compose(magnet.selectOnly()));
    }
    magnet.index().ifPresent(i -> out.add("ix=" + i));
    magnet.extraParameters().stream().map(MagnetParameter::toString).forEach(out::add);
    magnet.paymentPointer().ifPresent(p -> out.add("pp=" + UriComponent.encode(p.toString())));
    magnet.verifier().ifPresent(v -> out.add("vr=" + UriComponent.encode(v.toString())));
    return out.toString();
  }
}
