package dev.scwflexip.onedconf;

import com.google.gson.GsonBuilder;
import dev.scwflexip.base.Command;
import dev.scwflexip.base.CommandOptions;
import dev.scwflexip.base.DriverException;
import dev.scwflexip.base.ExitCode;
import dev.scwflexip.base.Invocation;
import dev.scwflexip.base.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code scw-flexip oned-conf --file F [--restrict | --remove]}: enables the driver in oned.conf
 * with the smallest edit (see {@link OnedConfEditor}), or undoes exactly that edit
 * ({@link OnedConfRemover}), leaving every other byte alone. Idempotent; {@code --check} only
 * reports. The JSON output is what the Ansible module reads: changed, diff,
 * messages, backup. The whole old and new texts are left out on purpose: oned.conf may hold the
 * database password, and Ansible would print them in diff mode.
 */
public final class OnedConfCommand implements Command {
  static final String DEFAULT_DRIVER = "scw-flexip";
  static final String DEFAULT_ATTRIBUTE = "SCW_FLEXIP_ID";
  private static final Pattern DRIVER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Clock clock;
  private final Duration lockTimeout;

  public OnedConfCommand() {
    this(Clock.systemUTC(), Duration.ofSeconds(30));
  }

  OnedConfCommand(Clock clock, Duration lockTimeout) {
    this.clock = clock;
    this.lockTimeout = lockTimeout;
  }

  @Override
  public String name() {
    return "oned-conf";
  }

  @Override
  public String summary() {
    return "add the driver to oned.conf (IPAM_MAD -i list, INHERIT_VNET_ATTR, --restrict), or --remove it";
  }

  private static Options options() {
    Options o = new Options();
    o.addOption(Option.builder().longOpt("file").hasArg().argName("FILE").desc("the oned.conf to edit").build());
    o.addOption(Option.builder().longOpt("check").desc("report what would change; write nothing").build());
    o.addOption(Option.builder().longOpt("format").hasArg().argName("json|text").desc("output (default text)").build());
    o.addOption(Option.builder().longOpt("driver").hasArg().argName("NAME")
        .desc("IPAM driver to list (default " + DEFAULT_DRIVER + ")").build());
    o.addOption(Option.builder().longOpt("attribute").hasArg().argName("ATTR")
        .desc("address-range attribute for INHERIT_VNET_ATTR (default " + DEFAULT_ATTRIBUTE + ")").build());
    o.addOption(Option.builder().longOpt("restrict")
        .desc("also make the driver's attributes admin-only (VNET_RESTRICTED_ATTR, VM_RESTRICTED_ATTR)").build());
    o.addOption(Option.builder().longOpt("remove")
        .desc("undo the edit instead (with --restrict's lines): take the driver out of the -i list and remove the"
            + " lines the edit added, every other byte as it is").build());
    o.addOption(Option.builder().longOpt("backup-dir").hasArg().argName("DIR")
        .desc("where the backup of a changed file goes (default: beside it)").build());
    o.addOption(CommandOptions.help());
    return o;
  }

  @Override
  public int run(Invocation inv, String[] args) {
    CommandLine cl = CommandOptions.parse(options(), args, "scw-flexip oned-conf --file FILE [options]",
        "Enable the IPAM driver in oned.conf with the smallest edit, or --remove it again; every other byte stays.",
        "\nExit status: 0 done (changed or not), 1 failure (file left as it was), 2 usage.", inv.out);
    if (cl == null) {
      return ExitCode.OK;
    }
    if (!cl.hasOption("file")) {
      throw new UsageException("--file is required");
    }
    String format = cl.getOptionValue("format", "text");
    if (!format.equals("json") && !format.equals("text")) {
      throw new UsageException("--format must be json or text");
    }
    String driver = cl.getOptionValue("driver", DEFAULT_DRIVER);
    if (!DRIVER_NAME.matcher(driver).matches()) {
      throw new UsageException("--driver '" + driver + "' is not a plain driver directory name");
    }
    String attribute = cl.getOptionValue("attribute", DEFAULT_ATTRIBUTE);
    if (!ATTRIBUTE_NAME.matcher(attribute).matches()) {
      throw new UsageException("--attribute '" + attribute + "' is not an attribute name");
    }
    Path backupDir = cl.hasOption("backup-dir") ? Path.of(cl.getOptionValue("backup-dir")) : null;
    Path file = Path.of(cl.getOptionValue("file"));

    if (cl.hasOption("remove") && cl.hasOption("restrict")) {
      throw new UsageException("--remove also removes what --restrict added: give one of them");
    }
    ConfChange change = cl.hasOption("remove") ? new OnedConfRemover(driver, attribute)
        : new OnedConfEditor(driver, attribute, cl.hasOption("restrict"));
    Report report = apply(file, change, cl.hasOption("check"), backupDir);
    if (format.equals("json")) {
      inv.out.println(new GsonBuilder().disableHtmlEscaping().serializeNulls().create().toJson(report.asMap()));
    } else {
      inv.out.print(report.asText());
    }
    return ExitCode.OK;
  }

  private Report apply(Path file, ConfChange editor, boolean check, Path backupDir) {
    Path real;
    try {
      // Edit the file a symlink points to: renaming over the link would replace the link.
      real = file.toRealPath();
    } catch (NoSuchFileException e) {
      throw fail(file, "no such file");
    } catch (IOException e) {
      throw fail(file, String.valueOf(e.getMessage()));
    }
    if (check) {
      return Report.of(file, true, edit(file, editor, read(file, real)), null);
    }
    ConfFileStore store = new ConfFileStore(clock, lockTimeout);
    try (ConfFileStore.HeldLock lock = store.lock(real)) {
      byte[] bytes = read(file, real);
      OnedConfEditor.Outcome outcome = edit(file, editor, bytes);
      Path backup = null;
      if (outcome.changed()) {
        backup = store.backup(real, bytes, backupDir);
        store.replace(real, ConfText.decode(bytes).encode(outcome.after()));
      }
      return Report.of(file, false, outcome, backup);
    } catch (IOException e) {
      throw fail(file, "cannot write: " + e.getMessage());
    }
  }

  private static byte[] read(Path shown, Path real) {
    try {
      return Files.readAllBytes(real);
    } catch (IOException e) {
      throw fail(shown, "cannot read: " + e.getMessage());
    }
  }

  private static OnedConfEditor.Outcome edit(Path file, ConfChange editor, byte[] bytes) {
    try {
      return editor.edit(ConfText.decode(bytes).text());
    } catch (OnedConfEditor.EditException e) {
      throw fail(file, e.getMessage() + "; file left unchanged");
    }
  }

  private static DriverException fail(Path file, String message) {
    return new DriverException("scw-flexip oned-conf: " + file + ": " + message);
  }

  /** What happened, for both output formats. */
  private record Report(Path file, boolean check, OnedConfEditor.Outcome outcome, Path backup, String diff) {
    static Report of(Path file, boolean check, OnedConfEditor.Outcome outcome, Path backup) {
      return new Report(file, check, outcome, backup, UnifiedDiff.of(outcome.before(), outcome.after(), file.toString()));
    }

    Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("changed", outcome.changed());
      m.put("check", check);
      m.put("file", file.toString());
      m.put("diff", diff);
      m.put("messages", outcome.messages());
      m.put("backup", backup == null ? null : backup.toString());
      return m;
    }

    String asText() {
      StringBuilder out = new StringBuilder(file.toString()).append(": ");
      if (!outcome.changed()) {
        out.append("already up to date");
      } else if (check) {
        out.append("would change (check mode, nothing written)");
      } else {
        out.append("changed; backup in ").append(backup);
      }
      out.append('\n');
      for (String message : outcome.messages()) {
        out.append("  ").append(message).append('\n');
      }
      return out.append(diff).toString();
    }
  }
}
