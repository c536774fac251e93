package org.ilptorrent.webtorrent.internal.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request line and its header fields, as read by {@link RequestHeadReader}.
 *
 * @param method the method, case-sensitive as HTTP says ({@code GET}, {@code HEAD}, ...)
 * @param target the request target as sent (percent-encoded, with any query)
 * @param version {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param headers field values by lower-case name, in the order received
 */
public record RequestHead(
    String method, String target, String version, Map<String, List<String>> headers) {
  public RequestHead {
    headers = Map.copyOf(headers);
  }

  /** The values of field {@code name} (any case); empty when absent. */
  public List<String> all(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /** The value of field {@code name} when it was sent exactly once. */
  public Optional<String> single(String name) {
    List<String> values = all(name);
    return values.size() == 1 ? Optional.of(values.get(0)) : Optional.empty();
  }

  /**
   * Whether the connection stays open after the answer: HTTP/1.1 unless the client sent {@code
   * Connection: close}; HTTP/1.0 never (the server does not do HTTP/1.0 keep-alive).
   */
  public boolean keepAlive() {
    if (!"HTTP/1.1".equals(version)) {
      return false;
    }
    for (String v : all("connection")) {
      for (String option : v.split(",")) {
        if (option.strip().equalsIgnoreCase("close")) {
          return false;
        }
      }
    }
    return true;
  }
}
