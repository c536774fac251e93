package org.ilptorrent.tracker.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A swarm holds no peer that joined it free once an admitted peer is in it, whatever order the
 * tracker learns that the torrent is paid in.
 */
class SwarmTest {
  private final Swarm swarm = new Swarm(100);

  @Test
  void theFirstAdmittedPeerRemovesThePeersThatJoinedFree() {
    swarm.announce("free-1", null, "started", false, 1);
    swarm.announce("free-2", null, "started", true, 1);
    assertThat(swarm.othersWithAddress("x", 10)).isEmpty();
    assertThat(swarm.incomplete + swarm.complete).isEqualTo(2);

    swarm.announce("seeder", null, "started", true, 2, null, true);

    assertThat(swarm.peer("free-1")).isNull();
    assertThat(swarm.peer("free-2")).isNull();
    assertThat(swarm.peer("seeder").publisher).isTrue();
    assertThat(swarm.complete).isEqualTo(1);
    assertThat(swarm.incomplete).isZero();
    assertThat(swarm.gated).isTrue();
  }

  @Test
  void aPeerThatJoinedFreeAndPaysTakesASlotOfItsPayment() {
    swarm.announce("payer-1", null, "started", false, 1);
    assertThat(swarm.hasRoom("payer-1", "paid", 1))
        .as("a slot is free: the free record holds none")
        .isTrue();
    swarm.announce("payer-1", null, "started", false, 2, "paid", false);
    assertThat(swarm.peer("payer-1").entitlement).isEqualTo("paid");
    assertThat(swarm.hasRoom("payer-2", "paid", 1)).as("its one slot is taken").isFalse();
    assertThat(swarm.hasRoom("payer-1", "paid", 1)).isTrue();
  }

  @Test
  void aSwarmWithoutAdmittedPeersKeepsItsFreePeers() {
    swarm.announce("free-1", null, "started", false, 1);
    swarm.announce("free-2", null, "started", false, 1);
    swarm.announce("free-1", null, "stopped", false, 2);
    assertThat(swarm.peer("free-2")).isNotNull();
    assertThat(swarm.gated).isFalse();
  }
}
