package org.ilptorrent.tracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import org.ilptorrent.magnet.InfoHash;
import org.junit.jupiter.api.Test;

class AccessTicketTest {
  private static final HexFormat HEX = HexFormat.of();

  /** RFC 8032 section 7.1, test 1: the tracker key of the byte table below. */
  private static final KeyPair TRACKER =
      AccessKeys.decodePair(
          HEX.parseHex(
              "302e020100300506032b657004220420"
                  + "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"),
          HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));

  /** RFC 8032 section 7.1, test 2: the leecher key. */
  private static final KeyPair LEECHER =
      AccessKeys.decodePair(
          HEX.parseHex(
              "302e020100300506032b657004220420"
                  + "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"),
          HEX.parseHex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"));

  private static final InfoHash HASH = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");
  private static final Instant EXPIRY = Instant.ofEpochSecond(1_700_003_600L);
  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

  private static final String SIGNATURE =
      "cb1a15615bae5588766686968b2344345932d4e0384bc4502940c0aec5899a0e"
          + "52e506a8abc294f06db4e87001dd2226ba8f5e12ae16186f0694cd2f6d61b806";

  /** Ed25519 is deterministic, so the whole ticket is a fixed vector another client can check. */
  private static final String TICKET_HEX =
      "01" // version
          + "0123456789abcdef0123456789abcdef01234567" // info hash
          + "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c" // leecher key
          + "000000006553ff10" // expiry 1700003600, uint64 big endian
          + SIGNATURE; // tracker signature over "ilp-torrent access ticket v1" || bytes 0..60

  private static AccessTicket issued() {
    return AccessTicket.issue(
        TRACKER.getPrivate(), HASH, AccessKeys.raw(LEECHER.getPublic()), EXPIRY);
  }

  @Test
  void issuesTheByteTable() {
    AccessTicket t = issued();
    assertThat(t.toHex()).isEqualTo(TICKET_HEX);
    assertThat(t.toBytes()).hasSize(AccessTicket.LENGTH);
    assertThat(t.infoHash()).isEqualTo(HASH);
    assertThat(t.leecherKey()).isEqualTo(AccessKeys.raw(LEECHER.getPublic()));
    assertThat(t.expiry()).isEqualTo(EXPIRY);
  }

  @Test
  void parsesAndVerifiesTheByteTable() {
    AccessTicket t = AccessTicket.fromHex(TICKET_HEX);
    assertThat(t).isEqualTo(issued());
    t.verify(TRACKER.getPublic(), HASH, NOW);
    assertThat(AccessTicket.parse(HEX.parseHex(TICKET_HEX))).isEqualTo(t);
  }

  @Test
  void refusesEveryTamperedByte() {
    byte[] good = HEX.parseHex(TICKET_HEX);
    for (int i = 1; i < good.length; i++) {
      byte[] bad = good.clone();
      bad[i] ^= 0x01;
      AccessTicket t = AccessTicket.parse(bad);
      assertThatThrownBy(() -> t.verify(TRACKER.getPublic(), HASH, NOW))
          .as("byte %d", i)
          .isInstanceOf(InvalidTicketException.class);
    }
  }

  @Test
  void refusesTruncatedLongAndUnknownVersions() {
    byte[] good = HEX.parseHex(TICKET_HEX);
    assertThatThrownBy(() -> AccessTicket.parse(java.util.Arrays.copyOf(good, 124)))
        .isInstanceOf(InvalidTicketException.class)
        .hasMessage("access ticket: not 125 bytes");
    assertThatThrownBy(() -> AccessTicket.parse(java.util.Arrays.copyOf(good, 126)))
        .hasMessage("access ticket: not 125 bytes");
    assertThatThrownBy(() -> AccessTicket.parse(new byte[0]))
        .hasMessage("access ticket: not 125 bytes");
    byte[] v2 = good.clone();
    v2[0] = 2;
    assertThatThrownBy(() -> AccessTicket.parse(v2))
        .isInstanceOf(InvalidTicketException.class)
        .hasMessage("access ticket: unknown version");
    assertThat(AccessTicket.tryParse(v2)).isEmpty();
    assertThatThrownBy(() -> AccessTicket.fromHex(TICKET_HEX.substring(2)))
        .hasMessage("access ticket: not 250 hex digits");
  }

  @Test
  void refusesExpiredWrongHashAndWrongKey() {
    AccessTicket t = issued();
    assertThatThrownBy(() -> t.verify(TRACKER.getPublic(), HASH, EXPIRY))
        .isInstanceOfSatisfying(
            InvalidTicketException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidTicketException.Reason.EXPIRED));
    assertThatThrownBy(
            () ->
                t.verify(
                    TRACKER.getPublic(),
                    InfoHash.fromHex("89abcdef0123456789abcdef0123456789abcdef"),
                    NOW))
        .isInstanceOfSatisfying(
            InvalidTicketException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidTicketException.Reason.WRONG_TORRENT));
    assertThatThrownBy(() -> t.verify(AccessKeys.generate().getPublic(), HASH, NOW))
        .isInstanceOfSatisfying(
            InvalidTicketException.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo(InvalidTicketException.Reason.BAD_TRACKER_SIGNATURE));
  }

  @Test
  void theHolderSignsTheChallengeAndACopyWithoutTheKeyCannot() {
    AccessTicket t = issued();
    byte[] challenge = AccessKeys.newChallenge(new SecureRandom());
    byte[] good = AccessKeys.signChallenge(LEECHER.getPrivate(), HASH, challenge);
    t.verifyHolder(TRACKER.getPublic(), HASH, NOW, challenge, good);

    byte[] thief = AccessKeys.signChallenge(AccessKeys.generate().getPrivate(), HASH, challenge);
    assertThatThrownBy(() -> t.verifyHolder(TRACKER.getPublic(), HASH, NOW, challenge, thief))
        .isInstanceOfSatisfying(
            InvalidTicketException.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo(InvalidTicketException.Reason.BAD_CHALLENGE_SIGNATURE));
    byte[] otherChallenge = AccessKeys.newChallenge(new SecureRandom());
    assertThatThrownBy(() -> t.verifyHolder(TRACKER.getPublic(), HASH, NOW, otherChallenge, good))
        .isInstanceOf(InvalidTicketException.class);
    assertThat(AccessKeys.verifyChallenge(t.leecherKey(), HASH, challenge, new byte[63])).isFalse();
  }

  @Test
  void challengeSignatureByteTable() {
    byte[] challenge = new byte[32];
    // Ed25519 by the leecher key over "ilp-torrent access challenge v1" || hash || 32 zero bytes
    assertThat(HEX.formatHex(AccessKeys.signChallenge(LEECHER.getPrivate(), HASH, challenge)))
        .isEqualTo(
            "1de56944ef07478a7a2a1b069bb37306a9f6aa7548c1cc2879f7c2678ea065b5"
                + "0c23eb4bc8d68600ce5a701be62b218471b473cfcfd66925377fdeebc928f40d");
  }

  @Test
  void keysRoundTripThroughRawAndStoredForms() {
    KeyPair p = AccessKeys.generate();
    byte[] raw = AccessKeys.raw(p.getPublic());
    assertThat(raw).hasSize(32);
    assertThat(AccessKeys.publicKey(raw)).isEqualTo(p.getPublic());
    assertThat(AccessKeys.publicKey(AccessKeys.toHex(p.getPublic()))).isEqualTo(p.getPublic());
    KeyPair back = AccessKeys.decodePair(AccessKeys.encodePrivate(p.getPrivate()), raw);
    assertThat(back.getPublic()).isEqualTo(p.getPublic());
    assertThatThrownBy(
            () ->
                AccessKeys.decodePair(
                    AccessKeys.encodePrivate(p.getPrivate()),
                    AccessKeys.raw(AccessKeys.generate().getPublic())))
        .hasMessage("the private and public keys do not match");
    assertThatThrownBy(() -> AccessKeys.publicKey(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
