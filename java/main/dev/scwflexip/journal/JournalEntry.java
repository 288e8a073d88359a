package dev.scwflexip.journal;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * One unit of Flexible IP work in flight or done for an address range, and the only place its
 * state changes. Written before the create is sent, so a crash at any point leaves an entry that
 * reconcile can match to the IP (by its entry tag) or prove never existed. The life of an entry:
 *
 * <pre>
 *   beginCreate ──▶ CREATING ──created──▶ CREATED ──active──▶ ACTIVE ──beginRelease──▶ RELEASING ──▶ (dropped)
 *   beginAdopt  ─────────────────────────▶ CREATED
 *   beginUnrecordedRelease ──────────────────────────────────────────────────────────▶ RELEASING
 *   reconcile:  CREATING or CREATED ──completed──▶ ACTIVE
 * </pre>
 *
 * A transition that the table does not allow throws: it is a bug, never an operator's problem.
 * Entries leave the journal when their work is done (see {@link Journal#update}). The on-disk
 * field names and state words are the ones of the first release.
 *
 * <p>A dual-stack range is one entry for two IPs: {@code fipId}/{@code ip} name the IPv4 and the
 * optional {@code fipId6}/{@code ip6} the IPv6, recorded by {@link #secondCreated} while the entry
 * is CREATED. Both carry the entry's tag, so reconcile finds either after a crash. A release
 * that does not know these fields reads such an entry as its IPv4 alone. An IPv6-only range's
 * single IP is in {@code fipId}/{@code ip}.
 */
public final class JournalEntry {
  /** The states, by the words written to disk. */
  public enum State {
    /** Written before {@code POST /fips}; the IP id may still be unknown. */
    CREATING("creating"),
    /** The IP exists (created or being adopted); its MAC or the reply to oned may not be done yet. */
    CREATED("created"),
    /** The range is registered in oned with this IP. */
    ACTIVE("active"),
    /** Unregister has started: detach and delete (or hand back) are under way. */
    RELEASING("releasing");

    public final String word;

    State(String word) {
      this.word = word;
    }

    static State of(String word) {
      for (State s : values()) {
        if (s.word.equals(word)) {
          return s;
        }
      }
      return null;
    }
  }

  /** Which state each state may move to. */
  public static final Map<State, Set<State>> TRANSITIONS = Map.of(
      State.CREATING, EnumSet.of(State.CREATED, State.ACTIVE),
      State.CREATED, EnumSet.of(State.ACTIVE, State.RELEASING),
      State.ACTIVE, EnumSet.of(State.RELEASING),
      State.RELEASING, EnumSet.of(State.RELEASING));

  /**
   * Fields added after the first release: written only when set, so an entry without them looks
   * exactly as that release wrote it.
   */
  static final Set<String> OPTIONAL_FIELDS = Set.of("fipId6", "ip6");

  private String id;
  /** Kept as the word read from disk, so a state this release does not know survives a rewrite. */
  private String state;
  private String fipId;
  private String ip;
  /** The IPv6 member of a dual-stack range; absent (null) for every other range. */
  private String fipId6;
  private String ip6;
  private String mac;
  private String zone;
  /** True when this driver created the IP (so it may delete it); false when it was adopted. */
  private boolean created;
  private String createdAt;
  private String updatedAt;

  private JournalEntry() {
    // for Gson
  }

  private JournalEntry(String id, State state, String zone, boolean created, String now) {
    this.id = id;
    this.state = state.word;
    this.zone = zone;
    this.created = created;
    this.createdAt = now;
    this.updatedAt = now;
  }

  /** A create about to be sent: journaled first, so a crash leaves a trace. */
  public static JournalEntry beginCreate(String id, String zone, String now) {
    return new JournalEntry(id, State.CREATING, zone, true, now);
  }

  /** An existing IP being taken over by a range. */
  public static JournalEntry beginAdopt(String id, String fipId, String ip, String zone, String now) {
    JournalEntry e = new JournalEntry(id, State.CREATED, zone, false, now);
    e.fipId = fipId;
    e.ip = ip;
    return e;
  }

  /** An existing dual-stack pair being taken over by a range. */
  public static JournalEntry beginAdoptPair(String id, String fipId, String ip, String fipId6, String ip6, String zone,
      String now) {
    JournalEntry e = beginAdopt(id, fipId, ip, zone, now);
    e.fipId6 = fipId6;
    e.ip6 = ip6;
    return e;
  }

  /** The release of an IP that no entry recorded (e.g. journaled on another frontend). */
  public static JournalEntry beginUnrecordedRelease(String id, String fipId, String ip, String zone, boolean created,
      String now) {
    JournalEntry e = new JournalEntry(id, State.RELEASING, zone, created, now);
    e.fipId = fipId;
    e.ip = ip;
    return e;
  }

  /** The same for a dual-stack pair. */
  public static JournalEntry beginUnrecordedPairRelease(String id, String fipId, String ip, String fipId6, String ip6,
      String zone, boolean created, String now) {
    JournalEntry e = beginUnrecordedRelease(id, fipId, ip, zone, created, now);
    e.fipId6 = fipId6;
    e.ip6 = ip6;
    return e;
  }

  /** The create call answered: the IP exists. */
  public JournalEntry created(String fipId, String ip, String now) {
    move(State.CREATED, now);
    this.fipId = fipId;
    this.ip = ip;
    return this;
  }

  /**
   * The second create of a dual-stack range answered: the IPv6 member exists too. The entry stays
   * CREATED; only an entry whose first IP exists may record it.
   */
  public JournalEntry secondCreated(String fipId6, String ip6, String now) {
    if (state() != State.CREATED || fipId == null) {
      throw new IllegalStateException("journal entry " + id + " cannot record a second IP in state '" + state + "'");
    }
    this.fipId6 = fipId6;
    this.ip6 = ip6;
    this.updatedAt = now;
    return this;
  }

  /** The IP has its virtual MAC and the reply to oned is ready. */
  public JournalEntry active(String mac, String now) {
    move(State.ACTIVE, now);
    this.mac = mac;
    return this;
  }

  /** Reconcile found a range using the IP of an unfinished register: it did finish. */
  public JournalEntry completed(String fipId, String ip, String now) {
    move(State.ACTIVE, now);
    if (this.fipId == null) {
      this.fipId = fipId;
    }
    if (this.ip == null) {
      this.ip = ip;
    }
    return this;
  }

  /** Reconcile found the IPv6 member of an unfinished dual-stack register by its entry tag. */
  public JournalEntry completedPair(String fipId, String ip, String fipId6, String ip6, String now) {
    completed(fipId, ip, now);
    if (this.fipId6 == null) {
      this.fipId6 = fipId6;
      this.ip6 = ip6;
    }
    return this;
  }

  /** Unregister starts: detach, then delete or hand back. */
  public JournalEntry beginRelease(String now) {
    move(State.RELEASING, now);
    return this;
  }

  private void move(State to, String now) {
    State from = state();
    if (from == null || !TRANSITIONS.get(from).contains(to)) {
      throw new IllegalStateException("journal entry " + id + " cannot go from '" + state + "' to '" + to.word + "'");
    }
    state = to.word;
    updatedAt = now;
  }

  public String id() {
    return id;
  }

  /** The state, or null for a word this release does not know. */
  public State state() {
    return State.of(state);
  }

  /** The state as written on disk. */
  public String stateWord() {
    return state;
  }

  public String fipId() {
    return fipId;
  }

  public String ip() {
    return ip;
  }

  public String fipId6() {
    return fipId6;
  }

  public String ip6() {
    return ip6;
  }

  /** Whether {@code id} is one of this entry's IPs. */
  public boolean names(String id) {
    return id != null && (id.equalsIgnoreCase(fipId) || id.equalsIgnoreCase(fipId6));
  }

  public String mac() {
    return mac;
  }

  public String zone() {
    return zone;
  }

  public boolean created() {
    return created;
  }

  public String createdAt() {
    return createdAt;
  }

  public String updatedAt() {
    return updatedAt;
  }

  @Override
  public String toString() {
    return "entry " + id + " (" + state + ", " + (fipId == null ? "no IP yet" : fipId + " " + ip)
        + (fipId6 == null ? "" : " + " + fipId6 + " " + ip6) + ")";
  }
}
