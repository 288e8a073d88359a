package dev.scwflexip.onedconf;

/**
 * A value as it sits in the file. {@code start}/{@code end} cover the whole token, quotes
 * included; {@code contentStart}/{@code contentEnd} cover what is between the quotes (the same
 * span for an unquoted value). {@code text} is the content with backslash escapes resolved.
 */
record ConfValue(int start, int end, int contentStart, int contentEnd, boolean quoted, String text) {
}
