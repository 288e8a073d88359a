package dev.scwflexip.emulator;

import java.util.regex.Pattern;

/** UUID syntax checks that answer 400 invalid_arguments, as the API does for malformed ids. */
final class Uuids {
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private Uuids() {
  }

  static boolean valid(String s) {
    return s != null && UUID.matcher(s).matches();
  }

  static String require(String argument, String value) {
    if (!valid(value)) {
      throw ApiError.invalid(argument, "format", "must be a UUID");
    }
    return value;
  }
}
