package dev.scwflexip.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package layers of docs/architecture.md, checked on the compiled driver and emulator: a
 * new cycle or an import that points up a layer fails the build.
 */
class LayeringTest {
  static JavaClasses classes;

  /** Each package, and the project packages it may import (besides its own and {@code base}). */
  static final Map<String, List<String>> MAY_USE = Map.ofEntries(
      Map.entry("base", List.of()),
      Map.entry("hostfs", List.of()),
      Map.entry("config", List.of()),
      Map.entry("one", List.of()),
      Map.entry("oneadmin", List.of()),
      Map.entry("journal", List.of("hostfs")),
      Map.entry("scaleway", List.of("config")),
      Map.entry("stats", List.of("hostfs")),
      Map.entry("ipam", List.of("config", "one", "scaleway", "journal", "hostfs", "stats")),
      Map.entry("vnm", List.of("config", "one", "scaleway", "journal", "hostfs", "stats")),
      Map.entry("reconcile", List.of("config", "one", "scaleway", "journal", "hostfs", "oneadmin", "stats")),
      Map.entry("onedconf", List.of()),
      Map.entry("hosts", List.of("oneadmin")),
      // operations commands: read-only entry points of the features they report on (docs/architecture.md)
      Map.entry("metrics", List.of("config", "stats", "reconcile", "scaleway")),
      Map.entry("doctor", List.of("config", "hostfs", "scaleway", "journal", "stats", "onedconf")),
      Map.entry("emulator", List.of()));

  @BeforeAll
  static void load() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.scwflexip");
  }

  @Test
  void packagesFormNoCycle() {
    slices().matching("dev.scwflexip.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void nothingImportsTheCommandLineLayer() {
    noClasses().that().resideOutsideOfPackage("dev.scwflexip.cli..")
        .should().dependOnClassesThat().resideInAPackage("dev.scwflexip.cli..")
        .because("cli dispatches to the features; nothing depends on it").check(classes);
  }

  @Test
  void eachPackageImportsOnlyTheLayersBelowIt() {
    for (Map.Entry<String, List<String>> layer : MAY_USE.entrySet()) {
      String me = layer.getKey();
      for (String other : MAY_USE.keySet()) {
        if (other.equals(me) || other.equals("base") || layer.getValue().contains(other)) {
          continue;
        }
        noClasses().that().resideInAPackage("dev.scwflexip." + me + "..")
            .should().dependOnClassesThat().resideInAPackage("dev.scwflexip." + other + "..")
            .because(me + " may use only " + layer.getValue() + " and base (docs/architecture.md)")
            .allowEmptyShould(true)
            .check(classes);
      }
    }
  }

  @Test
  void theDriverNeverDependsOnTheEmulator() {
    noClasses().that().resideOutsideOfPackage("dev.scwflexip.emulator..")
        .should().dependOnClassesThat().resideInAPackage("dev.scwflexip.emulator..")
        .because("the emulator is a test and demo tool, started by name from the dispatch only").check(classes);
  }

  @Test
  void theBaseLayerUsesNoOtherPackageOfTheProject() {
    noClasses().that().resideInAPackage("dev.scwflexip.base..")
        .should().dependOnClassesThat().resideOutsideOfPackages("dev.scwflexip.base..", "java..", "org.apache.commons.cli..")
        .check(classes);
  }
}
