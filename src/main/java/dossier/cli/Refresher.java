package dossier.cli;

import dossier.DossierException;
import dossier.Utf8;
import dossier.render.AtomicFile;
import dossier.render.Blocks;
import dossier.spec.SpecLoader;
import dossier.spec.TrackSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Recomputes the generated blocks of a dossier from its spec and its rows, and splices them into
 * the file: what {@code refresh}, {@code check} and the pre-commit hook share.
 */
final class Refresher {
  private final Main main;
  private final SourceOptions source;
  private final PrintWriter err;
  // How the error for a block that people edited says to discard the edit; null: discard it (--force).
  private final String discard;

  Refresher(Main main, SourceOptions source, PrintWriter err) {
    this(main, source, err, "`--force`");
  }

  /**
   * @param discard how to discard a person's edit inside a block, for its error ({@code {file}} stands
   *     for the dossier); null to discard it
   */
  Refresher(Main main, SourceOptions source, PrintWriter err, String discard) {
    this.main = main;
    this.source = source;
    this.err = err;
    this.discard = discard;
  }

  /**
   * A dossier's current text and what it would be with fresh numbers.
   *
   * @param changed the names of the blocks whose content changes
   * @param oldBlocks the current content of each changed block
   * @param newBlocks the fresh content of each changed block
   * @param staleFigures figures (paths relative to the dossier) that are missing or differ
   */
  record Outcome(Path file, String shown, String old, String fresh, List<String> changed,
      Map<String, String> oldBlocks, Map<String, String> newBlocks, List<String> staleFigures,
      Pipeline.Rendered rendered) {
    /** Whether a number changed: a block's content, or a figure (checksums added to an old dossier are not). */
    boolean stale() {
      return !changed.isEmpty() || !staleFigures.isEmpty();
    }

    /** What a refresh writes, relative to the project: the dossier and its changed figures. */
    List<String> touched() {
      List<String> out = new ArrayList<>();
      if (!old.equals(fresh)) {
        out.add(shown);
      }
      Path dir = Path.of(shown).getParent();
      staleFigures.forEach(f -> out.add(dir == null ? f : dir.resolve(f).toString().replace('\\', '/')));
      return out;
    }
  }

  /**
   * The outcome for a dossier's text (for the hook, the staged text), without writing anything.
   *
   * <p>A current dossier, the common case of a check or a commit, is the rendered text itself: it is
   * rendered from the spec its first line names and compared, without parsing its blocks (a
   * Markdown parse of the whole file, the largest single cost of checking it). Any other text is
   * parsed first, and what the parse finds wrong is reported before anything the rendering says;
   * the rendering's notes are held back until then ({@link TaskErr}), so the output is the same
   * either way.
   */
  Outcome compute(Path file, String text) {
    String shown = SourceOptions.shown(main, file);
    Optional<String> named = Blocks.firstLineSpec(text);
    if (named.isEmpty()) {
      return compute(file, shown, text, Blocks.parse(text, shown));
    }
    TaskErr held = new TaskErr();
    Pipeline.Rendered rendered;
    try {
      rendered = Pipeline.render(new SpecLoader(main.project).load(named.get()), source, main, held);
    } catch (RuntimeException e) {
      Blocks.Parsed old = Blocks.parse(text, shown);
      if (!old.spec().equals(named)) {
        return compute(file, shown, text, old);
      }
      held.replayInto(err);
      throw e;
    }
    if (rendered.markdown().equals(text)) {
      held.replayInto(err);
      return new Outcome(file, shown, text, text, List.of(), Map.of(), Map.of(), rendered.staleFigures(file),
          rendered);
    }
    Blocks.Parsed old = Blocks.parse(text, shown);
    if (!old.spec().equals(named)) {
      return compute(file, shown, text, old);
    }
    held.replayInto(err);
    return splice(file, shown, text, old, rendered, discard(shown));
  }

  /** The outcome for a parsed text: rendered from the spec it names. */
  private Outcome compute(Path file, String shown, String text, Blocks.Parsed old) {
    String specName = old.spec().orElseThrow(() -> new DossierException(shown
        + ":1: no <!-- dossier:spec TRACK … --> first line, so the spec this dossier comes from is unknown; put"
        + " that line back, or write the dossier anew with `dossier generate TRACK --force`"));
    TrackSpec spec = new SpecLoader(main.project).load(specName);
    return splice(file, shown, text, old, Pipeline.render(spec, source, main, err), discard(shown));
  }

  private String discard(String shown) {
    return discard == null ? null : discard.replace("{file}", shown);
  }

  /**
   * {@code text} (parsed: {@code old}) with the blocks of {@code rendered} in place of its own. The
   * rendering's tables are checked only when that changes the text: a dossier whose numbers are
   * current keeps every byte, whatever else its rendering holds.
   */
  static Outcome splice(Path file, String shown, String text, Blocks.Parsed old, Pipeline.Rendered rendered) {
    return splice(file, shown, text, old, rendered, "`--force`");
  }

  /** @param discard how to discard a person's edit inside a block, for its error; null to discard it */
  static Outcome splice(Path file, String shown, String text, Blocks.Parsed old, Pipeline.Rendered rendered,
      String discard) {
    // A dossier nobody edited is the rendered text itself, and a current dossier splices into its own
    // text: parsing the same text again gives the same blocks (and no error, as it gave none).
    Blocks.Parsed fresh = rendered.markdown().equals(text) ? old : Blocks.parseRendered(rendered.markdown());
    String spliced = Blocks.splice(old, fresh, shown, discard);
    boolean changes = !spliced.equals(text);
    if (changes) {
      rendered.checkTables();
    }
    Map<String, String> before = old.contents();
    Map<String, String> after = changes ? Blocks.parse(spliced, shown).contents() : before;
    List<String> changed = new ArrayList<>();
    Map<String, String> oldBlocks = new LinkedHashMap<>();
    Map<String, String> newBlocks = new LinkedHashMap<>();
    before.forEach((name, content) -> {
      if (!content.equals(after.get(name))) {
        changed.add(name);
        oldBlocks.put(name, content);
        newBlocks.put(name, after.get(name));
      }
    });
    String provenance = Pipeline.Rendered.PROVENANCE;
    if (changed.equals(List.of(provenance)) && rendered.sameButSource(oldBlocks.get(provenance))) {
      // The same rows from another source: no number changed, and the footer keeps naming where the
      // rows came from when one last did.
      spliced = Blocks.withContent(Blocks.parse(spliced, shown), provenance, oldBlocks.get(provenance));
      changed.clear();
      oldBlocks.clear();
      newBlocks.clear();
    }
    return new Outcome(file, shown, text, spliced, changed, oldBlocks, newBlocks, rendered.staleFigures(file),
        rendered);
  }

  Outcome compute(Path file) {
    String shown = SourceOptions.shown(main, file);
    main.paths().toRead(file, shown);
    return compute(file, read(file, shown));
  }

  /** Refreshes the file in place when its numbers changed; the file is untouched otherwise. */
  Outcome refresh(Path file) {
    return write(compute(file));
  }

  /** Writes what {@code o} says is stale: its figures, its dossier. */
  private Outcome write(Outcome o) {
    if (!o.old().equals(o.fresh())) {
      main.paths().toWrite(o.file(), o.shown()); // before its figures: a refused dossier writes nothing
    }
    if (!o.staleFigures().isEmpty()) {
      o.rendered().writeFigures(o.file(), main);
    }
    if (!o.old().equals(o.fresh())) {
      AtomicFile.write(o.file(), o.fresh());
    }
    return o;
  }

  /** The files named, or every dossier under dossiers/ (a Markdown file with a dossier:spec line). */
  List<Path> files(List<Path> named) {
    if (!named.isEmpty()) {
      return named.stream().map(main::dossierFile).toList();
    }
    Path dir = main.project.resolve(SpecLoader.DOSSIERS);
    if (!Files.isDirectory(dir)) {
      throw DossierException.usage("no " + SpecLoader.DOSSIERS + "/ folder in " + main.project);
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths.filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p))
          .filter(Refresher::isDossier)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new DossierException(dir + ": cannot list dossiers: " + e.getMessage(), e);
    }
  }

  private static boolean isDossier(Path p) {
    try (Stream<String> lines = Files.lines(p, StandardCharsets.UTF_8)) {
      return lines.findFirst().map(l -> l.startsWith("<!-- dossier:spec ")).orElse(false);
    } catch (IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }

  static String read(Path file, String shown) {
    try {
      return Utf8.decode(Files.readAllBytes(file));
    } catch (NoSuchFileException e) {
      throw new DossierException(shown + ": no such file");
    } catch (Utf8.Malformed e) {
      throw new DossierException(shown + ": not UTF-8 text; the file is left as it was");
    } catch (IOException e) {
      throw new DossierException(shown + ": cannot read: " + e.getMessage(), e);
    }
  }
}
