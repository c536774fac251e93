package org.ilptorrent.cli.internal;

import java.io.PrintWriter;
import java.util.List;
import org.ilptorrent.webtorrent.WebTorrent;
import org.ilptorrent.webtorrent.webrtc.WebRtcTransport;
import org.ilptorrent.webtorrent.webrtc.WebRtcUnavailableException;
import picocli.CommandLine.Option;

/**
 * {@code --no-webrtc}, and otherwise WebRTC peers besides TCP for a torrent with a WebSocket
 * tracker (the trackers that carry WebRTC offers), so browsers and node WebTorrent can connect.
 */
final class WebRtcOption {
  @Option(
      names = "--no-webrtc",
      description = "Peers over TCP only, even when the torrent has a ws:// or wss:// tracker.")
  boolean off;

  /**
   * Adds the WebRTC transport to {@code client} when it is on and {@code announce} has a WebSocket
   * tracker; where libwebrtc does not load, says why on {@code err} once and leaves TCP.
   */
  WebTorrent.Builder apply(WebTorrent.Builder client, List<String> announce, PrintWriter err) {
    boolean webSocket =
        announce.stream().anyMatch(u -> u.startsWith("ws://") || u.startsWith("wss://"));
    if (off || !webSocket) {
      return client;
    }
    try {
      client.transport(WebRtcTransport.builder().start());
    } catch (WebRtcUnavailableException e) {
      err.println("WebRTC off, peers over TCP only: " + e.getMessage());
      err.flush();
    }
    return client;
  }
}
