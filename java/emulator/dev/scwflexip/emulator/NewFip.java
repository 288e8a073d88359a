package dev.scwflexip.emulator;

import java.util.List;

/** A validated create request; {@code serverId} and {@code reverse} may be null. */
record NewFip(String projectId, String description, List<String> tags, String serverId,
    String reverse, boolean ipv6) {
}
