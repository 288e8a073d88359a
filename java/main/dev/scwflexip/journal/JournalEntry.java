package dev.scwflexip.journal;

/**
 * One unit of work in flight or done for an address range. Written before the create is sent,
 * so a crash at any point leaves an entry that reconcile can match to the IP (by its entry tag)
 * or prove never existed.
 */
public final class JournalEntry {
  /** Written before {@code POST /fips}; {@code fipId} may still be null. */
  public static final String CREATING = "creating";
  /** The IP exists; its MAC or the reply to oned may not be done yet. */
  public static final String CREATED = "created";
  /** The range is registered in oned with this IP. */
  public static final String ACTIVE = "active";
  /** Unregister has started: detach and delete (or forget) are under way. */
  public static final String RELEASING = "releasing";

  public String id;
  public String state;
  public String fipId;
  public String ip;
  public String mac;
  public String zone;
  /** True when this driver created the IP (so it may delete it); false when it was adopted. */
  public boolean created;
  public String createdAt;
  public String updatedAt;

  public JournalEntry() {}

  public JournalEntry(String id, String state, String zone, boolean created, String now) {
    this.id = id;
    this.state = state;
    this.zone = zone;
    this.created = created;
    this.createdAt = now;
    this.updatedAt = now;
  }

  @Override
  public String toString() {
    return "entry " + id + " (" + state + ", " + (fipId == null ? "no IP yet" : fipId + " " + ip) + ")";
  }
}
