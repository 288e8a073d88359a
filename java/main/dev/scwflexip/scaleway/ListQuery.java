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
  /** How many pages to read at most; 0 for all of them. */
  public int maxPages;
  /** IPs per page (1 to 100); 0 for the client's default, 100. */
  public int pageSize;

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

  /**
   * Only the first page, of {@code size} IPs: a cheap read that shows the API answers and accepts
   * the token (doctor), not a complete list.
   */
  public ListQuery firstPageOnly(int size) {
    if (size < 1 || size > 100) {
      throw new IllegalArgumentException("page size must be from 1 to 100, got " + size);
    }
    this.maxPages = 1;
    this.pageSize = size;
    return this;
  }

  public ListQuery server(String id) {
    serverIds.add(id);
    return this;
  }
}
