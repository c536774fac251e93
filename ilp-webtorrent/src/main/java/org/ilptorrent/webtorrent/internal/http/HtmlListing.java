package org.ilptorrent.webtorrent.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.ilptorrent.webtorrent.Progress;
import org.ilptorrent.webtorrent.Torrent;
import org.ilptorrent.webtorrent.TorrentFile;

/** The HTML pages listing torrents and their files, every name escaped. */
final class HtmlListing {
  private HtmlListing() {}

  /** A page listing {@code torrents} with their files (pad files left out). */
  static byte[] page(String title, List<Torrent> torrents, TorrentPaths paths, boolean withToken) {
    StringBuilder b = new StringBuilder(1024);
    b.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
        .append(escape(title))
        .append("</title></head>\n<body>\n<h1>")
        .append(escape(title))
        .append("</h1>\n");
    if (torrents.isEmpty()) {
      b.append("<p>No torrents.</p>\n");
    }
    for (Torrent t : torrents) {
      Progress p = t.progress();
      b.append("<h2><a href=\"")
          .append(escape(paths.torrent(t, withToken)))
          .append("\">")
          .append(escape(t.name()))
          .append("</a></h2>\n");
      List<TorrentFile> files = t.files();
      if (files.isEmpty()) {
        b.append("<p>fetching metadata</p>\n");
        continue;
      }
      b.append("<p>")
          .append(String.format(Locale.ROOT, "%.1f", 100.0 * p.fraction()))
          .append("% of ")
          .append(p.length())
          .append(" bytes</p>\n<ul>\n");
      for (TorrentFile f : files) {
        if (f.padding()) {
          continue;
        }
        b.append("<li><a href=\"")
            .append(escape(paths.file(t, f, withToken)))
            .append("\">")
            .append(escape(String.join("/", f.path())))
            .append("</a> (")
            .append(f.length())
            .append(" bytes)</li>\n");
      }
      b.append("</ul>\n");
    }
    b.append("</body></html>\n");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code text} safe inside HTML text and double- or single-quoted attributes. */
  static String escape(String text) {
    StringBuilder b = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
