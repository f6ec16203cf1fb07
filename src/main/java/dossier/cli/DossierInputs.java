package dossier.cli;

import dossier.DossierException;
import dossier.render.Blocks;
import dossier.spec.SpecLoader;
import dossier.spec.TrackSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The files a dossier's numbers depend on, found from its first line: the spec it names
 * ({@code <!-- dossier:spec track6 … -->}), and the snapshot, readiness file and query that spec names.
 * (The layouts ship inside the tool.) The pre-commit hook checks every dossier one of whose inputs
 * is staged, so that a commit of a new snapshot or spec alone cannot leave a dossier stale.
 */
final class DossierInputs {
  private final Path project;
  private final Map<String, Inputs> bySpec = new HashMap<>();

  DossierInputs(Path project) {
    this.project = project;
  }

  /** The files of one spec, on their real paths. */
  record Inputs(Path spec, Optional<Path> snapshot, Optional<Path> readiness, Optional<Path> query) {
    /** Every one of them: a change to any may change the dossier. */
    List<Path> all() {
      List<Path> out = new ArrayList<>(List.of(spec));
      snapshot.ifPresent(out::add);
      readiness.ifPresent(out::add);
      query.ifPresent(out::add);
      return out;
    }

    /** Those a computation reads: the rows come from the database (by the query) or from the snapshot. */
    List<Path> read(boolean database) {
      List<Path> out = new ArrayList<>(List.of(spec));
      readiness.ifPresent(out::add);
      (database ? query : snapshot).ifPresent(out::add);
      return out;
    }
  }

  /** The inputs of the spec named {@code spec}; the spec alone when it cannot be read. */
  Inputs of(String spec) {
    return bySpec.computeIfAbsent(spec, name -> {
      Path file = real(project.resolve(SpecLoader.DOSSIERS).resolve(name + ".yaml"));
      try {
        TrackSpec loaded = new SpecLoader(project).load(name);
        return new Inputs(file, loaded.snapshot().map(DossierInputs::real), loaded.readiness().map(DossierInputs::real),
            loaded.query().map(DossierInputs::real));
      } catch (DossierException e) {
        // An invalid spec: its dossier is checked when the spec is staged, and the check says what is wrong.
        return new Inputs(file, Optional.empty(), Optional.empty(), Optional.empty());
      }
    });
  }

  /** Whether an input of the dossier at {@code file} is among {@code staged} (real paths). */
  boolean dependsOn(Path file, Set<Path> staged) {
    return spec(file).map(name -> of(name).all().stream().anyMatch(staged::contains)).orElse(false);
  }

  /** The spec a dossier file's first line names. */
  static Optional<String> spec(Path file) {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String first = in.readLine();
      return first == null ? Optional.empty() : Blocks.firstLineSpec(first);
    } catch (IOException | java.io.UncheckedIOException e) {
      return Optional.empty();
    }
  }

  /** One name per file, as git's paths and the spec's are compared. */
  static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }
}
