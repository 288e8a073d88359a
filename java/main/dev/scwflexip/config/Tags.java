package dev.scwflexip.config;

import java.util.List;

/**
 * The tags scw-flexip puts on Flexible IPs. The cloud tag marks an IP as this cloud's; the entry
 * tag ties a created IP to the journal entry written before the create was sent; the adopted tag
 * marks an IP that existed before and that the driver must never delete on its own.
 */
public final class Tags {
  public static final String PREFIX = "scw-flexip:";
  public static final String CLOUD = PREFIX + "cloud=";
  public static final String ENTRY = PREFIX + "entry=";
  public static final String ADOPTED = PREFIX + "adopted";
  /**
   * Put on an existing IP by the operator (with the token, at Scaleway): a range of this cloud
   * may adopt it. Users cannot set tags, so this is a decision only the operator makes.
   */
  public static final String ADOPTABLE = PREFIX + "adoptable=";
  /**
   * Ties the two Flexible IPs of a dual-stack range: each names the other's id. Written by the
   * driver when it creates or adopts the pair; users cannot set tags, so a hook or unregister
   * may trust it where the range's {@code SCW_FLEXIP_ID6} is only a claim.
   */
  public static final String PAIR = PREFIX + "pair=";

  private Tags() {}

  public static String cloud(String name) {
    return CLOUD + name;
  }

  public static String entry(String id) {
    return ENTRY + id;
  }

  /** The journal entry id this IP was created under, or null. */
  public static String entryOf(List<String> tags) {
    for (String t : tags) {
      if (t.startsWith(ENTRY)) {
        return t.substring(ENTRY.length());
      }
    }
    return null;
  }

  public static String pair(String otherId) {
    return PAIR + otherId;
  }

  /** The id of the other member of this IP's dual-stack pair, or null. */
  public static String pairOf(List<String> tags) {
    for (String t : tags) {
      if (t.startsWith(PAIR)) {
        return t.substring(PAIR.length());
      }
    }
    return null;
  }

  public static boolean isOurs(List<String> tags, String cloud) {
    return tags.contains(cloud(cloud));
  }

  public static boolean isAdopted(List<String> tags) {
    return tags.contains(ADOPTED);
  }

  public static String adoptable(String cloud) {
    return ADOPTABLE + cloud;
  }

  /**
   * Created by this driver, and so deletable by it: the entry tag is written only in the create
   * call, and an adopted IP carries the adopted tag. Nothing a range says counts here.
   */
  public static boolean isCreatedHere(List<String> tags, String cloud) {
    return isOurs(tags, cloud) && entryOf(tags) != null && !isAdopted(tags);
  }

  /** Any tag of scw-flexip's other than {@code except}: the IP is, or was, managed by a cloud. */
  public static String otherDriverTag(List<String> tags, String except) {
    for (String t : tags) {
      if (t.startsWith(PREFIX) && !t.equals(except)) {
        return t;
      }
    }
    return null;
  }
}
