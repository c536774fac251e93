package org.ilptorrent.tracker.server.internal;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * BEP 15 connection ids without a table: an id is the second it was issued (low 16 bits) and 48
 * bits of HMAC-SHA256, under a random key, over that full second and the client's address and port.
 * It is valid for {@link #VALID_SECONDS} from that address only. Keeping no state means a flood of
 * connects from many addresses costs no memory; forging an id means guessing 48 bits.
 *
 * <p>Not thread-safe: the UDP tracker's single receive thread owns it.
 */
public final class UdpConnectionIds {
  /** How long an id is accepted: BEP 15 asks trackers to accept ids for two minutes. */
  public static final int VALID_SECONDS = 120;

  private final Mac mac;
  private final Clock clock;

  public UdpConnectionIds(Clock clock) {
    this(clock, new SecureRandom());
  }

  UdpConnectionIds(Clock clock, SecureRandom random) {
    this.clock = clock;
    byte[] key = new byte[32];
    random.nextBytes(key);
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
    }
  }

  /** A new connection id for {@code client}. */
  public long issue(InetSocketAddress client) {
    long second = Math.floorDiv(clock.millis(), 1000);
    return ((second & 0xFFFF) << 48) | tag(client, second);
  }

  /** Whether {@code id} was issued to {@code client} at most {@link #VALID_SECONDS} ago. */
  public boolean isValid(long id, InetSocketAddress client) {
    long now = Math.floorDiv(clock.millis(), 1000);
    long age = (now - (id >>> 48)) & 0xFFFF;
    if (age > VALID_SECONDS) {
      return false;
    }
    long expected = tag(client, now - age);
    return (id & 0xFFFF_FFFF_FFFFL) == expected;
  }

  private long tag(InetSocketAddress client, long second) {
    byte[] address = client.getAddress().getAddress();
    ByteBuffer input =
        ByteBuffer.allocate(8 + 2 + address.length)
            .putLong(second)
            .putShort((short) client.getPort())
            .put(address);
    byte[] digest = mac.doFinal(input.array());
    return ByteBuffer.wrap(digest).getLong() & 0xFFFF_FFFF_FFFFL;
  }
}
