package org.ilptorrent.webtorrent.internal.store;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Bounds how many {@link StoredFile}s of a store keep channels open, closing the least recently
 * used. Thread-safe; a file's own lock is never taken while the pool's is held, so the two cannot
 * deadlock.
 */
public final class OpenFilePool {
  private final int max;

  /** Files with an open channel, least recently used first; guarded by itself. */
  private final LinkedHashMap<StoredFile, Boolean> open = new LinkedHashMap<>(16, 0.75f, true);

  /** A pool keeping at most {@code max} files open. */
  public OpenFilePool(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("maxOpenFiles must be at least 1: " + max);
    }
    this.max = max;
  }

  /** Marks {@code f} as just used, and closes the least recently used files over the limit. */
  void used(StoredFile f) {
    List<StoredFile> victims = null;
    synchronized (open) {
      open.put(f, Boolean.TRUE);
      Iterator<StoredFile> it = open.keySet().iterator();
      while (open.size() > max && it.hasNext()) {
        StoredFile eldest = it.next();
        if (eldest != f) {
          it.remove();
          if (victims == null) {
            victims = new ArrayList<>(1);
          }
          victims.add(eldest);
        }
      }
    }
    if (victims != null) {
      for (StoredFile v : victims) {
        v.evict();
      }
    }
  }

  /** How many files are counted as open. */
  public int size() {
    synchronized (open) {
      return open.size();
    }
  }

  /** Forgets every file (the store is closing them). */
  public void clear() {
    synchronized (open) {
      open.clear();
    }
  }
}
