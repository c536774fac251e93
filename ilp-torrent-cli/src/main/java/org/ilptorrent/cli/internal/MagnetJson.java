package org.ilptorrent.cli.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ilptorrent.magnet.InfoHash;
import org.ilptorrent.magnet.MagnetParameter;
import org.ilptorrent.magnet.MagnetUri;
import org.ilptorrent.magnet.PaymentPointer;

/** The JSON shape of {@code magnet decode}. */
final class MagnetJson {
  private MagnetJson() {}

  static ObjectNode of(MagnetUri m) {
    ObjectNode json = Json.object();
    json.put("infoHash", m.infoHash().map(InfoHash::toHex).orElse(null));
    json.put("infoHashV2", m.infoHashV2().map(InfoHash::toHex).orElse(null));
    json.put("name", m.name().orElse(null));
    json.set("announce", Json.strings(m.announce()));
    json.set("urlList", Json.strings(m.urlList()));
    if (m.paymentPointer().isEmpty() && m.verifier().isEmpty()) {
      json.putNull("license"); // a free magnet, as info --json shows a free torrent
    } else {
      ObjectNode license = json.putObject("license");
      license.put("paymentPointer", m.paymentPointer().map(PaymentPointer::toString).orElse(null));
      license.put("verifier", m.verifier().map(Object::toString).orElse(null));
    }
    json.set("params", params(m));
    return json;
  }

  /** Every parameter in the canonical order, values decoded; unknown ones as written. */
  private static ArrayNode params(MagnetUri m) {
    ArrayNode params = Json.object().arrayNode();
    m.infoHash().ifPresent(h -> add(params, "xt", h.toUrn()));
    m.infoHashV2().ifPresent(h -> add(params, "xt", h.toUrn()));
    m.name().ifPresent(n -> add(params, "dn", n));
    m.announce().forEach(v -> add(params, "tr", v));
    m.webSeeds().forEach(v -> add(params, "ws", v));
    m.acceptableSources().forEach(v -> add(params, "as", v));
    m.exactSources().forEach(v -> add(params, "xs", v));
    m.keywords().forEach(v -> add(params, "kt", v));
    m.peerAddresses().forEach(v -> add(params, "x.pe", v.toString()));
    m.selectOnly().forEach(i -> add(params, "so", Integer.toString(i)));
    m.index().ifPresent(i -> add(params, "ix", Integer.toString(i)));
    for (MagnetParameter p : m.extraParameters()) {
      add(params, p.key(), p.rawValue());
    }
    m.paymentPointer().ifPresent(p -> add(params, "pp", p.toString()));
    m.verifier().ifPresent(v -> add(params, "vr", v.toString()));
    return params;
  }

  private static void add(ArrayNode params, String key, String value) {
    params.addObject().put("key", key).put("value", value);
  }
}
