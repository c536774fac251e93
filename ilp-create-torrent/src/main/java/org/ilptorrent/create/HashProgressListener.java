package org.ilptorrent.create;

/**
 * Hears how far hashing has come. Called from hashing threads, possibly several at once, after each
 * piece; it must be quick and must not block.
 */
@FunctionalInterface
public interface HashProgressListener {
  /**
   * Reports progress.
   *
   * @param hashedBytes bytes hashed so far
   * @param totalBytes bytes to hash in all
   */
  void onProgress(long hashedBytes, long totalBytes);
}
