package dev.scwflexip.emulator;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The query of a list call (docs/scaleway-api.md#listing-and-paging), validated. Empty sets mean "no filter". */
record ListFilter(Set<String> tags, Set<String> statuses, Set<String> serverIds, String projectId,
    String organizationId, boolean descending, int page, int pageSize) {

  static final Set<String> STATUSES =
      Set.of("unknown", "ready", "updating", "attached", "error", "detaching", "locked");

  static ListFilter parse(Map<String, List<String>> query) {
    for (String key : query.keySet()) {
      if (!Set.of("tags", "status", "server_ids", "project_id", "organization_id", "order_by", "page",
          "page_size").contains(key)) {
        throw ApiError.invalid(key, "unknown", "unknown query parameter");
      }
    }
    String orderBy = last(query, "order_by", "created_at_asc");
    if (!orderBy.equals("created_at_asc") && !orderBy.equals("created_at_desc")) {
      throw ApiError.invalid("order_by", "constraint", "must be created_at_asc or created_at_desc");
    }
    int page = integer(query, "page", 1);
    if (page < 1) {
      throw ApiError.invalid("page", "constraint", "must be greater than 0");
    }
    int pageSize = integer(query, "page_size", 20);
    if (pageSize < 1 || pageSize > 100) {
      throw ApiError.invalid("page_size", "constraint", "must be between 1 and 100");
    }
    Set<String> statuses = Set.copyOf(query.getOrDefault("status", List.of()));
    for (String s : statuses) {
      if (!STATUSES.contains(s)) {
        throw ApiError.invalid("status", "constraint", "unknown status '" + s + "'");
      }
    }
    Set<String> serverIds = Set.copyOf(query.getOrDefault("server_ids", List.of()));
    for (String s : serverIds) {
      Uuids.require("server_ids", s);
    }
    String projectId = last(query, "project_id", null);
    String organizationId = last(query, "organization_id", null);
    if (projectId != null) {
      Uuids.require("project_id", projectId);
    }
    if (organizationId != null) {
      Uuids.require("organization_id", organizationId);
    }
    return new ListFilter(Set.copyOf(query.getOrDefault("tags", List.of())), statuses, serverIds,
        projectId, organizationId, orderBy.equals("created_at_desc"), page, pageSize);
  }

  boolean filters() {
    return !tags.isEmpty() || !statuses.isEmpty() || !serverIds.isEmpty() || projectId != null
        || organizationId != null;
  }

  boolean matches(EmulatedFip f) {
    if (!statuses.isEmpty() && !statuses.contains(f.status)) {
      return false;
    }
    if (!serverIds.isEmpty() && (f.serverId == null || !serverIds.contains(f.serverId))) {
      return false;
    }
    // organization_id equals project_id in the emulator
    if (projectId != null && !projectId.equals(f.projectId)
        || organizationId != null && !organizationId.equals(f.projectId)) {
      return false;
    }
    if (!tags.isEmpty()) {
      for (String t : f.tags) {
        if (tags.contains(t)) {
          return true;
        }
      }
      return false;
    }
    return true;
  }

  private static String last(Map<String, List<String>> query, String key, String fallback) {
    List<String> values = query.get(key);
    return values == null || values.isEmpty() ? fallback : values.get(values.size() - 1);
  }

  private static int integer(Map<String, List<String>> query, String key, int fallback) {
    String v = last(query, key, null);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw ApiError.invalid(key, "format", "must be an integer");
    }
  }
}
