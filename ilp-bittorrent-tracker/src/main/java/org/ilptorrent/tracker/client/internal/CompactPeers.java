package org.ilptorrent.tracker.client.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compact peer lists (BEP 23, BEP 7, BEP 15): 4 or 16 address bytes and a big-endian port each.
 * Entries with port 0 are skipped.
 */
public final class CompactPeers {
  private CompactPeers() {}

  /**
   * Decodes {@code length} bytes of {@code bytes} from {@code offset}.
   *
   * @param addressLength 4 for IPv4, 16 for IPv6
   * @throws IllegalArgumentException when the length is not a whole number of entries
   */
  public static List<InetSocketAddress> decode(
      byte[] bytes, int offset, int length, int addressLength) {
    int entry = addressLength + 2;
    if (length % entry != 0) {
      throw new IllegalArgumentException(
          "compact peers: " + length + " bytes is not a multiple of " + entry);
    }
    List<InetSocketAddress> peers = new ArrayList<>(length / entry);
    for (int at = offset; at < offset + length; at += entry) {
      byte[] address = new byte[addressLength];
      System.arraycopy(bytes, at, address, 0, addressLength);
      int port = ((bytes[at + addressLength] & 0xFF) << 8) | (bytes[at + addressLength + 1] & 0xFF);
      if (port == 0) {
        continue;
      }
      try {
        peers.add(new InetSocketAddress(InetAddress.getByAddress(address), port));
      } catch (UnknownHostException e) {
        throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
      }
    }
    return peers;
  }
}
