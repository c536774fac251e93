package org.ilptorrent.cli.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.ilptorrent.magnet.License;
import org.ilptorrent.magnet.PartialLicense;
import org.ilptorrent.parse.FileEntry;
import org.ilptorrent.parse.TorrentIdentity;
import org.ilptorrent.parse.TorrentInfo;

/** The JSON shape of {@code info --json}: parse-torrent's keys. */
final class TorrentJson {
  private TorrentJson() {}

  static ObjectNode of(TorrentInfo t) {
    ObjectNode json = Json.object();
    json.put("infoHash", t.infoHash().toHex());
    json.put("name", t.name());
    json.put("length", t.length());
    json.put("pieceLength", t.pieceLength());
    json.put("lastPieceLength", t.lastPieceLength());
    json.set("pieces", Json.strings(t.pieces()));
    ArrayNode files = json.putArray("files");
    for (FileEntry f : t.files()) {
      files
          .addObject()
          .put("path", f.path())
          .put("name", f.name())
          .put("length", f.length())
          .put("offset", f.offset());
    }
    json.set("announce", Json.strings(t.announce()));
    json.set("urlList", Json.strings(t.urlList()));
    json.put("private", t.isPrivate());
    json.put("created", t.created().map(Instant::toString).orElse(null));
    json.put("createdBy", t.createdBy().orElse(null));
    json.put("comment", t.comment().orElse(null));
    if (t.license().isPresent()) {
      License l = t.license().get();
      ObjectNode license = json.putObject("license");
      license.put("amount", l.amount().toString());
      license.put("assetCode", l.assetCode());
      license.put("assetScale", l.assetScale());
      license.put("paymentPointer", l.paymentPointer().toString());
      license.put("verifier", l.verifier().toString());
      license.put("committed", t.isLicenseCommitted());
    } else {
      json.putNull("license");
    }
    return json;
  }

  static ObjectNode of(TorrentIdentity id) {
    ObjectNode json = Json.object();
    json.put("infoHash", id.infoHash().toHex());
    json.put("name", id.name().orElse(null));
    json.set("announce", Json.strings(id.announce()));
    json.set("urlList", Json.strings(id.urlList()));
    if (id.license().isPresent()) {
      PartialLicense l = id.license().get();
      json.putObject("license")
          .put("paymentPointer", l.paymentPointer().toString())
          .put("verifier", l.verifier().toString());
    } else {
      json.putNull("license");
    }
    return json;
  }
}
