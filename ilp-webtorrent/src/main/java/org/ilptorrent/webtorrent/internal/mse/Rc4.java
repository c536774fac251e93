package org.ilptorrent.webtorrent.internal.mse;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * One direction of an MSE stream: RC4 (the JDK's {@code ARCFOUR}) keyed with a 20-byte SHA-1 key,
 * its first 1024 bytes of keystream discarded as the spec requires. RC4 is its own inverse, so the
 * same class encrypts and decrypts. Not thread-safe; a connection's loop thread owns it.
 */
public final class Rc4 {
  /** Keystream bytes the spec discards before the first byte is used. */
  public static final int DISCARD = 1024;

  private final Cipher cipher;

  /** RC4 keyed with {@code key}, already past the first {@link #DISCARD} bytes. */
  public Rc4(byte[] key) {
    try {
      cipher = Cipher.getInstance("ARCFOUR");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no ARCFOUR (RC4) cipher", e);
    }
    cipher.update(new byte[DISCARD]);
  }

  /** Returns {@code data} run through the cipher (a new array; the stream advances). */
  public byte[] apply(byte[] data) {
    byte[] out = cipher.update(data);
    return out == null ? new byte[0] : out;
  }

  /**
   * Runs the bytes of {@code buf} from index {@code from} (inclusive) to {@code to} (exclusive)
   * through the cipher in place; the buffer's position and limit are left as they were.
   */
  public void apply(ByteBuffer buf, int from, int to) {
    if (from >= to) {
      return;
    }
    ByteBuffer src = buf.duplicate().limit(to).position(from);
    ByteBuffer dst = buf.duplicate().limit(to).position(from);
    try {
      cipher.update(src, dst); // copy-safe in place, as Cipher documents
    } catch (ShortBufferException e) {
      throw new IllegalStateException("RC4 output is as long as its input", e);
    }
  }
}
