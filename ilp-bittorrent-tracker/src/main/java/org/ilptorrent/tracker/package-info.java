/**
 * Values shared by the tracker server, the tracker client and peers: the access tickets a tracker
 * issues when it admits a leecher to a paid swarm ({@link org.ilptorrent.tracker.AccessTicket}) and
 * their Ed25519 keys and challenge signatures ({@link org.ilptorrent.tracker.AccessKeys}).
 */
package org.ilptorrent.tracker;
