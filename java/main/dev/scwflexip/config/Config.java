package dev.scwflexip.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.scwflexip.base.DriverException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The driver's JSON configuration ({@code /etc/one/scw-flexip.json}). Every problem is reported
 * as one line that names the file and the key. IPv6 and dual-stack ranges need {@code gateway6}
 * (see the field), unless each such range sets its own {@code GATEWAY6}.
 */
public final class Config {
  public static final Set<String> ZONES =
      Set.of("fr-par-1", "fr-par-2", "nl-ams-1", "nl-ams-2", "pl-waw-2", "pl-waw-3");
  public static final Set<String> MAC_TYPES = Set.of("kvm", "xen", "vmware");
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final String IPV4_RE = "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
  private static final Pattern IPV4 = Pattern.compile(IPV4_RE);
  private static final Pattern CLOUD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
  private static final Set<String> KEYS = Set.of("api_url", "zone", "project_id", "token_file",
      "state_file", "mac_type", "network_mask", "gateway", "dns", "server_id_file", "cloud",
      "runtime_dir", "action_deadline_seconds", "lock_timeout_seconds", "adopted_release",
      "reconcile_grace_seconds", "host_servers", "ipam_name", "adoption", "match_nics_by_address",
      "reconcile_deadline_seconds", "routes", "gateway6", "frontend_name", "managed_by");
  /** One route of OpenNebula's ROUTES: "DESTINATION[/LEN] via GATEWAY". */
  private static final String ROUTE = IPV4_RE + "(/(3[0-2]|[12]?\\d))? via " + IPV4_RE;
  private static final Pattern ROUTES = Pattern.compile(ROUTE + "(\\s*,\\s*" + ROUTE + ")*");
  private static final Pattern IPAM_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  public static final Set<String> ADOPTION = Set.of("tagged", "any", "off");

  public final Path file;
  public final String apiUrl;
  public final String zone;
  public final String projectId;
  public final Path tokenFile;
  public final Path stateFile;
  public final String macType;
  public final String networkMask;
  public final String gateway;
  public final List<String> dns;
  public final Path serverIdFile;
  public final String cloud;
  /** Where hooks keep their per-Flexible-IP lock files. */
  public final Path runtimeDir;
  /** Total time one IPAM action or hook may spend talking to the API. */
  public final int actionDeadlineSeconds;
  public final int lockTimeoutSeconds;
  /** What unregister does with an adopted IP: "forget" (default) or "delete". */
  public final String adoptedRelease;
  public final int reconcileGraceSeconds;
  /** OpenNebula host name → Elastic Metal server id, for reconcile's wrong-server repair. */
  public final Map<String, String> hostServers;
  /** The driver's name in oned.conf's -i list and in ranges' IPAM_MAD. */
  public final String ipamName;
  /**
   * Which existing Flexible IPs a range may adopt: "tagged" (default) only those the operator
   * marked with {@code scw-flexip:adoptable=<cloud>}, "any" every untagged IP of the project
   * (for clouds whose users are all trusted), "off" none.
   */
  public final String adoption;
  /**
   * Whether hooks may recognise a NIC without SCW_FLEXIP_ID by its address alone. Off by
   * default: any user can lease an address of their choosing from a network of their own.
   */
  public final boolean matchNicsByAddress;
  /** Total time reconcile may spend reading the Flexible IPs of the project. */
  public final int reconcileDeadlineSeconds;
  /**
   * {@code ROUTES} for the guests' context (OpenNebula 7.2 and later), e.g.
   * {@code "62.210.0.1/32 via 0.0.0.0"}: a link route to the off-link gateway, so that netplan and
   * systemd-networkd install the default route. Empty for none (docs/guests.md).
   */
  public final String routes;
  /**
   * {@code gateway6}: the IPv6 gateway that IPv6 and dual-stack ranges give their guests
   * ({@code GATEWAY6}, so {@code ETHx_IP6_GATEWAY} in the context), an IPv6 link-local address
   * such as {@code fe80::1}. Empty by default; registering an {@code IP6}, {@code IP6_STATIC} or
   * {@code IP4_6} range then fails unless the range sets {@code GATEWAY6} itself.
   */
  public final String gateway6;
  /**
   * This frontend's server name in OpenNebula's zone (as {@code onezone show 0} lists it), for
   * {@code --leader-only}: with HA, only the Raft leader runs the periodic reconcile and metrics.
   * Null when unset.
   */
  public final String frontendName;

  private Config(Path file, JsonObject o) {
    this.file = file;
    for (String k : o.keySet()) {
      if (!KEYS.contains(k)) {
        throw bad("unknown key '" + k + "'");
      }
    }
    apiUrl = stripSlash(str(o, "api_url", "https://api.scaleway.com"));
    if (!apiUrl.startsWith("https://") && !apiUrl.startsWith("http://")) {
      throw bad("api_url must start with https:// (got '" + apiUrl + "')");
    }
    zone = str(o, "zone", "fr-par-1");
    if (!ZONES.contains(zone)) {
      throw bad("zone '" + zone + "' is not a Flexible IP zone " + new java.util.TreeSet<>(ZONES));
    }
    projectId = required(o, "project_id");
    if (!UUID.matcher(projectId).matches()) {
      throw bad("project_id must be a UUID (got '" + projectId + "')");
    }
    tokenFile = Path.of(required(o, "token_file"));
    stateFile = Path.of(str(o, "state_file", "/var/lib/one/scw-flexip/journal.json"));
    macType = str(o, "mac_type", "kvm");
    if (!MAC_TYPES.contains(macType)) {
      throw bad("mac_type must be one of kvm, xen, vmware (got '" + macType + "')");
    }
    networkMask = str(o, "network_mask", "255.255.255.255");
    if (!IPV4.matcher(networkMask).matches()) {
      throw bad("network_mask must be a dotted quad (got '" + networkMask + "')");
    }
    gateway = str(o, "gateway", "62.210.0.1");
    if (!IPV4.matcher(gateway).matches()) {
      throw bad("gateway must be an IPv4 address (got '" + gateway + "')");
    }
    dns = strList(o, "dns");
    for (String d : dns) {
      if (d.isBlank() || d.contains(" ")) {
        throw bad("dns entries must be single addresses (got '" + d + "')");
      }
    }
    String sid = str(o, "server_id_file", null);
    serverIdFile = sid == null ? null : Path.of(sid);
    cloud = str(o, "cloud", "opennebula");
    if (!CLOUD.matcher(cloud).matches()) {
      throw bad("cloud must be 1-63 letters, digits, '.', '_' or '-' (got '" + cloud + "')");
    }
    runtimeDir = Path.of(str(o, "runtime_dir", "/var/lib/one/scw-flexip/run"));
    if (!runtimeDir.isAbsolute()) {
      throw bad("runtime_dir must be an absolute path (got '" + runtimeDir + "')");
    }
    actionDeadlineSeconds = integer(o, "action_deadline_seconds", 50, 5, 600);
    lockTimeoutSeconds = integer(o, "lock_timeout_seconds", 20, 1, 600);
    adoptedRelease = str(o, "adopted_release", "forget");
    if (!adoptedRelease.equals("forget") && !adoptedRelease.equals("delete")) {
      throw bad("adopted_release must be 'forget' or 'delete' (got '" + adoptedRelease + "')");
    }
    reconcileGraceSeconds = integer(o, "reconcile_grace_seconds", 900, 0, 86400 * 30);
    hostServers = serverMap(strMap(o, "host_servers"));
    ipamName = str(o, "ipam_name", "scw-flexip");
    if (!IPAM_NAME.matcher(ipamName).matches()) {
      throw bad("ipam_name must be 1-64 letters, digits, '_' or '-' (got '" + ipamName + "')");
    }
    adoption = str(o, "adoption", "tagged");
    if (!ADOPTION.contains(adoption)) {
      throw bad("adoption must be 'tagged', 'any' or 'off' (got '" + adoption + "')");
    }
    matchNicsByAddress = bool(o, "match_nics_by_address", false);
    reconcileDeadlineSeconds = integer(o, "reconcile_deadline_seconds", 300, 5, 86400);
    // a note for people (the role says who owns the file); only its type matters here
    str(o, "managed_by", null);
    String frontend = str(o, "frontend_name", null);
    if (frontend != null && (frontend.isEmpty() || frontend.length() > 128 || !frontend.chars().allMatch(c -> c > ' '))) {
      throw bad("frontend_name must be 1-128 characters without blanks (got '" + frontend + "')");
    }
    frontendName = frontend;
    routes = str(o, "routes", "");
    if (!routes.isEmpty() && !ROUTES.matcher(routes).matches()) {
      throw bad("routes must be 'DESTINATION/LEN via GATEWAY', comma-separated, IPv4 (got '" + routes + "')");
    }
    gateway6 = str(o, "gateway6", "");
    if (!gateway6.isEmpty() && !isLinkLocalIpv6(gateway6)) {
      throw bad("gateway6 must be an IPv6 link-local address such as fe80::1 (got '" + gateway6 + "')");
    }
  }

  public static Config load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new DriverException("config " + file + ": file not found");
    } catch (IOException e) {
      throw new DriverException("config " + file + ": cannot read: " + e.getMessage());
    }
    return parse(file, text);
  }

  public static Config parse(Path file, String text) {
    JsonElement root;
    try {
      root = JsonParser.parseString(text);
    } catch (JsonParseException e) {
      throw new DriverException("config " + file + ": not valid JSON: " + firstLine(e.getMessage()));
    }
    if (root == null || !root.isJsonObject()) {
      throw new DriverException("config " + file + ": must be a JSON object");
    }
    return new Config(file, root.getAsJsonObject());
  }

  /**
   * The Scaleway secret key, read from {@code token_file} on each call so it is held no longer
   * than needed and never copied into argv or the environment.
   */
  public String readToken() {
    String token;
    try {
      token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw new DriverException("token file " + tokenFile + ": file not found");
    } catch (IOException e) {
      throw new DriverException("token file " + tokenFile + ": cannot read: " + e.getClass().getSimpleName());
    }
    if (token.isEmpty()) {
      throw new DriverException("token file " + tokenFile + ": empty");
    }
    if (token.indexOf('\n') >= 0 || token.indexOf(' ') >= 0) {
      throw new DriverException("token file " + tokenFile + ": must hold one token on one line");
    }
    return token;
  }

  /** This host's Elastic Metal server id, from {@code server_id_file} ("zone/uuid" or "uuid"). */
  public String readServerId() {
    if (serverIdFile == null) {
      throw new DriverException("config " + file + ": server_id_file is not set, so this host's server is unknown");
    }
    String raw;
    try {
      raw = Files.readString(serverIdFile, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw new DriverException("server id file " + serverIdFile + ": file not found");
    } catch (IOException e) {
      throw new DriverException("server id file " + serverIdFile + ": cannot read: " + e.getMessage());
    }
    String id = raw;
    int slash = raw.lastIndexOf('/');
    if (slash >= 0) {
      String z = raw.substring(0, slash);
      id = raw.substring(slash + 1);
      if (!z.equals(zone)) {
        throw new DriverException("server id file " + serverIdFile + ": server is in zone " + z
            + " but the driver is configured for " + zone);
      }
    }
    if (!UUID.matcher(id).matches()) {
      throw new DriverException("server id file " + serverIdFile + ": expected 'zone/uuid' or 'uuid', got '" + raw + "'");
    }
    return id.toLowerCase(java.util.Locale.ROOT);
  }

  /** The tag that marks a Flexible IP as belonging to this OpenNebula cloud. */
  public String cloudTag() {
    return Tags.cloud(cloud);
  }

  private DriverException bad(String what) {
    return new DriverException("config " + file + ": " + what);
  }

  private String required(JsonObject o, String key) {
    String v = str(o, key, null);
    if (v == null || v.isBlank()) {
      throw bad("'" + key + "' is required");
    }
    return v;
  }

  private String str(JsonObject o, String key, String dflt) {
    JsonElement e = o.get(key);
    if (e == null || e.isJsonNull()) {
      return dflt;
    }
    if (!e.isJsonPrimitive() || !((JsonPrimitive) e).isString()) {
      throw bad("'" + key + "' must be a string");
    }
    return e.getAsString().strip();
  }

  private int integer(JsonObject o, String key, int dflt, int min, int max) {
    JsonElement e = o.get(key);
    if (e == null || e.isJsonNull()) {
      return dflt;
    }
    try {
      int v = e.getAsJsonPrimitive().getAsInt();
      if (v < min || v > max || !e.getAsJsonPrimitive().isNumber()) {
        throw new NumberFormatException();
      }
      return v;
    } catch (RuntimeException ex) {
      throw bad("'" + key + "' must be a whole number from " + min + " to " + max);
    }
  }

  /** host name → server uuid; values are "uuid" or "zone/uuid" in this zone. */
  private Map<String, String> serverMap(Map<String, String> raw) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> x : raw.entrySet()) {
      String v = x.getValue();
      int slash = v.lastIndexOf('/');
      String id = slash < 0 ? v : v.substring(slash + 1);
      if (slash >= 0 && !v.substring(0, slash).equals(zone) || !UUID.matcher(id).matches()) {
        throw bad("host_servers: '" + x.getKey() + "' must map to a server id in zone " + zone
            + " ('uuid' or '" + zone + "/uuid'), got '" + v + "'");
      }
      out.put(x.getKey(), id.toLowerCase(java.util.Locale.ROOT));
    }
    return Collections.unmodifiableMap(out);
  }

  private boolean bool(JsonObject o, String key, boolean dflt) {
    JsonElement e = o.get(key);
    if (e == null || e.isJsonNull()) {
      return dflt;
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
      throw bad("'" + key + "' must be true or false");
    }
    return e.getAsBoolean();
  }

  private List<String> strList(JsonObject o, String key) {
    JsonElement e = o.get(key);
    if (e == null || e.isJsonNull()) {
      return List.of();
    }
    if (!e.isJsonArray()) {
      throw bad("'" + key + "' must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonElement x : (JsonArray) e) {
      if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isString()) {
        throw bad("'" + key + "' must be a list of strings");
      }
      out.add(x.getAsString().strip());
    }
    return Collections.unmodifiableList(out);
  }

  private Map<String, String> strMap(JsonObject o, String key) {
    JsonElement e = o.get(key);
    if (e == null || e.isJsonNull()) {
      return Map.of();
    }
    if (!e.isJsonObject()) {
      throw bad("'" + key + "' must be an object of strings");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> x : e.getAsJsonObject().entrySet()) {
      if (!x.getValue().isJsonPrimitive() || !x.getValue().getAsJsonPrimitive().isString()) {
        throw bad("'" + key + "' must be an object of strings");
      }
      out.put(x.getKey(), x.getValue().getAsString().strip());
    }
    return Collections.unmodifiableMap(out);
  }

  /** Only hex digits and colons, so the JDK parses it as a literal and never asks DNS. */
  private static boolean isLinkLocalIpv6(String s) {
    if (s.indexOf(':') < 0 || !s.chars().allMatch(c -> c == ':' || Character.digit(c, 16) >= 0)) {
      return false;
    }
    try {
      java.net.InetAddress a = java.net.InetAddress.getByName(s);
      return a instanceof java.net.Inet6Address && a.isLinkLocalAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
