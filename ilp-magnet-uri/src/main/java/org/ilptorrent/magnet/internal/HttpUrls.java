package org.ilptorrent.magnet.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Checks shared by payment pointers and verifier URLs. */
public final class HttpUrls {
  private HttpUrls() {}

  /**
   * Parses an absolute http(s) URL with a host and no user info, query or fragment.
   *
   * @throws IllegalArgumentException saying which rule the text breaks
   */
  public static URI parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("URL is empty");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c == 0x7F) {
        throw new IllegalArgumentException("URL has a space or control character at index " + i);
      }
    }
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "not a URL: " + e.getReason() + " at index " + e.getIndex());
    }
    check(uri);
    return uri;
  }

  /**
   * Checks that {@code uri} is an absolute http(s) URL with a host and no user info, query or
   * fragment.
   *
   * @throws IllegalArgumentException saying which rule the URI breaks
   */
  public static void check(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("URL scheme must be http or https");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException("URL has no valid host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("URL must not contain user info");
    }
    if (uri.getRawQuery() != null) {
      throw new IllegalArgumentException("URL must not contain a query");
    }
    if (uri.getRawFragment() != null) {
      throw new IllegalArgumentException("URL must not contain a fragment");
    }
  }

  /**
   * Whether {@code host} names this machine: {@code localhost}, an IPv4 address in 127.0.0.0/8 or
   * {@code [::1]}. Decided from the text alone; nothing is resolved.
   */
  public static boolean isLoopbackHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    if (h.equals("[::1]") || h.equals("::1") || h.equals("[0:0:0:0:0:0:0:1]")) {
      return true;
    }
    String[] octets = h.split("\\.", -1);
    if (octets.length != 4 || !octets[0].equals("127")) {
      return false;
    }
    for (String octet : octets) {
      if (octet.isEmpty()
          || octet.length() > 3
          || !octet.chars().allMatch(c -> c >= '0' && c <= '9')
          || Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }
}
