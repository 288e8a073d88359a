package dev.scwflexip.onedconf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {
  @Test
  void equalTextsGiveNoDiff() {
    assertEquals("", UnifiedDiff.of("a\n", "a\n", "f"));
  }

  @Test
  void farApartChangesMakeTwoHunks() {
    String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
    String after = "1\nTWO\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n";
    assertEquals("--- f (before)\n+++ f (after)\n"
        + "@@ -1,5 +1,5 @@\n 1\n-2\n+TWO\n 3\n 4\n 5\n"
        + "@@ -10,3 +10,4 @@\n 10\n 11\n 12\n+13\n", UnifiedDiff.of(before, after, "f"));
  }

  @Test
  void nearChangesShareAHunk() {
    assertEquals("--- f (before)\n+++ f (after)\n@@ -1,3 +1,3 @@\n-a\n+A\n b\n-c\n+C\n",
        UnifiedDiff.of("a\nb\nc\n", "A\nb\nC\n", "f"));
  }

  @Test
  void marksAMissingFinalNewlineAndStripsCarriageReturns() {
    assertEquals("--- f (before)\n+++ f (after)\n@@ -1 +1,2 @@\n-x\n\\ No newline at end of file\n+x\n+y\n"
        + "\\ No newline at end of file\n", UnifiedDiff.of("x", "x\r\ny", "f"));
  }

  @Test
  void insertionIntoAnEmptyFile() {
    assertEquals("--- f (before)\n+++ f (after)\n@@ -0,0 +1 @@\n+a\n", UnifiedDiff.of("", "a\n", "f"));
  }
}
