/** Test fixtures: real torrents, their expected parsed values, content and corrupt twins. */
module org.ilptorrent.fixtures {
  requires com.fasterxml.jackson.databind;
  requires jdk.httpserver;

  exports org.ilptorrent.fixtures;

  opens org.ilptorrent.fixtures to
      com.fasterxml.jackson.databind;
}
