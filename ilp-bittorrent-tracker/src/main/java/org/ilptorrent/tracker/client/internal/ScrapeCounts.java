package org.ilptorrent.tracker.client.internal;

/** A tracker's counts for one torrent. */
public record ScrapeCounts(int complete, int incomplete, int downloaded) {}
