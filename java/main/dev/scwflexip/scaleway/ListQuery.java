package dev.scwflexip.scaleway;

import java.util.ArrayList;
import java.util.List;

/** Filters for {@code GET /fips}; lists are sent as repeated query keys and match any value. */
public final class ListQuery {
  public final List<String> tags = new ArrayList<>();
  public final List<String> statuses = new ArrayList<>();
  public final List<String> serverIds = new ArrayList<>();
  public String projectId;
  /** Told the number of IPs read so far after each page; null for none. */
  public java.util.function.IntConsumer progress;

  public static ListQuery tagged(String tag) {
    ListQuery q = new ListQuery();
    q.tags.add(tag);
    return q;
  }

  public ListQuery project(String id) {
    this.projectId = id;
    return this;
  }

  public ListQuery status(String s) {
    statuses.add(s);
    return this;
  }

  public ListQuery onPage(java.util.function.IntConsumer listener) {
    this.progress = listener;
    return this;
  }

  public ListQuery server(String id) {
    serverIds.add(id);
    return this;
  }
}
