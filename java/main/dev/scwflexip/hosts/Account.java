package dev.scwflexip.hosts;

/** A local user as /etc/passwd lists it. */
public record Account(String name, int uid, String home) {
}
