package com.waltalk.relay.state;

import java.util.UUID;

/** One row of {@code presence}: which relay and connection hold a user's session. Immutable. */
public record PresenceRecord(String user, String relayId, UUID sessionId) {
}
