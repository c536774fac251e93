package org.ilptorrent.magnet;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;
import org.ilptorrent.magnet.internal.IpLiterals;
import org.ilptorrent.magnet.internal.Text;

/**
 * A peer's address as BEP 9 {@code x.pe} and the {@code --peer} option write it: {@code
 * 1.2.3.4:6881}, {@code [2001:db8::1]:6881} or {@code peer.example:6881}. The one rule every module
 * reads peer addresses with.
 *
 * <p>The host is a dotted-quad IPv4 address (no leading zeros), an IPv6 address (in brackets when
 * written with its port, no zone id) or a DNS host name (labels of 1 to 63 letters, digits and
 * hyphens, not starting or ending with a hyphen, 253 characters at most; a name whose last label is
 * all digits must be an IPv4 address). The port is 1..65535 in decimal without leading zeros.
 * Reading never makes a DNS query.
 *
 * <p>Equality is by text: {@code [::1]:1} and {@code [0::1]:1} are different values. {@link
 * #toString()} gives back the text {@link #parse} read.
 *
 * @param host the host as written, IPv6 without brackets
 * @param port 1..65535
 */
public record PeerAddress(String host, int port) {
  /** The longest text {@link #parse} reads: a 253-character host name, a colon and 5 digits. */
  public static final int MAX_LENGTH = 259;

  private static final int MAX_HOST_NAME = 253;
  private static final int MAX_LABEL = 63;
  private static final int QUOTE = 80;

  /**
   * Validates the address.
   *
   * @throws InvalidPeerAddressException when the host or port breaks the rule on this class
   */
  public PeerAddress {
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new InvalidPeerAddressException("port must be 1..65535, got '" + port + "'");
    }
    String problem = hostProblem(host);
    if (problem != null) {
      throw new InvalidPeerAddressException(problem);
    }
  }

  /**
   * Reads {@code host:port}, with an IPv6 host in brackets.
   *
   * @throws InvalidPeerAddressException saying what is wrong, with the input quoted (shortened,
   *     control characters masked)
   */
  public static PeerAddress parse(String text) {
    if (text == null) {
      throw new InvalidPeerAddressException("must be HOST:PORT, got null");
    }
    if (text.length() > MAX_LENGTH) {
      throw new InvalidPeerAddressException("is longer than " + MAX_LENGTH + " characters");
    }
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new InvalidPeerAddressException("must be HOST:PORT, got " + Text.quote(text, QUOTE));
    }
    String host = text.substring(0, colon);
    boolean bracketed = host.length() >= 2 && host.startsWith("[") && host.endsWith("]");
    if (!bracketed && host.indexOf(':') >= 0) {
      throw new InvalidPeerAddressException(
          "with an IPv6 address must be [ADDR]:PORT, got " + Text.quote(text, QUOTE));
    }
    String portText = text.substring(colon + 1);
    int port = port(portText);
    if (port < 0) {
      throw new InvalidPeerAddressException(
          "port must be 1..65535, got " + Text.quote(portText, QUOTE));
    }
    if (bracketed) {
      String bare = host.substring(1, host.length() - 1);
      if (IpLiterals.ipv6(bare) == null) {
        throw new InvalidPeerAddressException(
            "host in brackets must be an IPv6 address, got " + Text.quote(host, QUOTE));
      }
      return new PeerAddress(bare, port);
    }
    return new PeerAddress(host, port);
  }

  /** Like {@link #parse}, but empty instead of throwing. */
  public static Optional<PeerAddress> tryParse(String text) {
    try {
      return Optional.of(parse(text));
    } catch (InvalidPeerAddressException e) {
      return Optional.empty();
    }
  }

  /** Whether the host is an IPv4 or IPv6 address rather than a host name. */
  public boolean isIpLiteral() {
    return literal() != null;
  }

  /**
   * The address as a socket address, without a DNS query: resolved for an IP address, {@linkplain
   * InetSocketAddress#createUnresolved unresolved} for a host name.
   */
  public InetSocketAddress toInetSocketAddress() {
    byte[] ip = literal();
    if (ip == null) {
      return InetSocketAddress.createUnresolved(host, port);
    }
    try {
      return new InetSocketAddress(InetAddress.getByAddress(ip), port);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("an address of " + ip.length + " bytes", e);
    }
  }

  /** {@code host:port}, an IPv6 host in brackets: the text {@link #parse} reads. */
  @Override
  public String toString() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }

  private byte[] literal() {
    return host.indexOf(':') >= 0 ? IpLiterals.ipv6(host) : IpLiterals.ipv4(host);
  }

  /** The port, or -1 when {@code text} is not 1..65535 written without a leading zero. */
  private static int port(String text) {
    if (text.isEmpty() || text.length() > 5 || text.charAt(0) == '0') {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value <= 65535 ? value : -1;
  }

  /** What is wrong with a host (IPv6 without brackets), or null. */
  private static String hostProblem(String host) {
    if (host.isEmpty()) {
      return "host is empty";
    }
    if (host.indexOf(':') >= 0) {
      return IpLiterals.ipv6(host) == null
          ? "host " + Text.quote(host, QUOTE) + " is not an IPv6 address"
          : null;
    }
    if (host.length() > MAX_HOST_NAME) {
      return "host is longer than " + MAX_HOST_NAME + " characters";
    }
    int start = 0;
    boolean numeric = false;
    while (start <= host.length()) {
      int dot = host.indexOf('.', start);
      int end = dot < 0 ? host.length() : dot;
      String label = host.substring(start, end);
      if (!isLabel(label)) {
        return "host must be an IP address or a host name, got " + Text.quote(host, QUOTE);
      }
      numeric = label.chars().allMatch(c -> c >= '0' && c <= '9');
      start = end + 1;
    }
    if (numeric && IpLiterals.ipv4(host) == null) {
      return "host " + Text.quote(host, QUOTE) + " is not an IPv4 address";
    }
    return null;
  }

  private static boolean isLabel(String label) {
    if (label.isEmpty()
        || label.length() > MAX_LABEL
        || label.charAt(0) == '-'
        || label.charAt(label.length() - 1) == '-') {
      return false;
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
