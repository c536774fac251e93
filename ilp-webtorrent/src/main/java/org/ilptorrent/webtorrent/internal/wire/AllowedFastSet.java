package org.ilptorrent.webtorrent.internal.wire;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.ilptorrent.magnet.InfoHash;

/**
 * The canonical allowed fast set of BEP 6: the pieces a peer may request from us while choked,
 * derived from its /24 network and the info hash so that every client computes the same set and a
 * peer cannot get more by reconnecting from nearby addresses.
 */
public final class AllowedFastSet {
  private AllowedFastSet() {}

  /**
   * The first {@code k} pieces of the set for a peer at {@code address} (in generation order). BEP
   * 6 defines the set for IPv4 only; other addresses get none.
   *
   * @throws IllegalArgumentException when {@code k} is negative or {@code pieceCount} not positive
   */
  public static List<Integer> generate(
      int k, int pieceCount, InfoHash infoHash, InetAddress address) {
    if (k < 0 || pieceCount <= 0) {
      throw new IllegalArgumentException("need k >= 0 and pieces > 0: " + k + ", " + pieceCount);
    }
    int size = Math.min(k, pieceCount);
    List<Integer> set = new ArrayList<>(size);
    if (!(address instanceof Inet4Address) || size == 0) {
      return set;
    }
    byte[] x = new byte[24];
    byte[] ip = address.getAddress();
    System.arraycopy(ip, 0, x, 0, 3); // the last octet stays 0: the /24 network
    System.arraycopy(infoHash.toBytes(), 0, x, 4, 20);
    MessageDigest sha1 = sha1();
    while (set.size() < size) {
      x = sha1.digest(x);
      ByteBuffer words = ByteBuffer.wrap(x);
      for (int i = 0; i < 5 && set.size() < size; i++) {
        int index = (int) ((words.getInt(i * 4) & 0xFFFFFFFFL) % pieceCount);
        if (!set.contains(index)) {
          set.add(index);
        }
      }
    }
    return set;
  }

  private static MessageDigest sha1() {
    try {
      return MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }
}
