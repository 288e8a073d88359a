package dev.scwflexip.metrics;

import java.util.Locale;

/**
 * Prometheus' text exposition format (version 0.0.4), as the node_exporter textfile collector
 * reads it: each family opens with its {@code # HELP} and {@code # TYPE} lines, then its samples,
 * {@code name{label="value",…} number}. Label values escape backslash, double quote and line
 * feed; help text escapes backslash and line feed.
 */
final class Exposition {
  private final StringBuilder text = new StringBuilder();

  /** Starts a family: {@code type} is gauge or counter. */
  Exposition family(String name, String type, String help) {
    text.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
    text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    return this;
  }

  /** One sample; {@code labels} alternate names and values. */
  Exposition sample(String name, double value, String... labels) {
    text.append(name);
    if (labels.length > 0) {
      text.append('{');
      for (int i = 0; i + 1 < labels.length; i += 2) {
        if (i > 0) {
          text.append(',');
        }
        text.append(labels[i]).append("=\"").append(escape(labels[i + 1])).append('"');
      }
      text.append('}');
    }
    return append(value);
  }

  private Exposition append(double value) {
    text.append(' ');
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      text.append((long) value);
    } else {
      text.append(String.format(Locale.ROOT, "%.3f", value));
    }
    text.append('\n');
    return this;
  }

  static String escape(String value) {
    return String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  String text() {
    return text.toString();
  }
}
