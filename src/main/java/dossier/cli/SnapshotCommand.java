package dossier.cli;

import dossier.DossierException;
import dossier.render.AtomicFile;
import dossier.source.RowsDigest;
import dossier.source.SnapshotWriter;
import dossier.spec.SpecLoader;
import dossier.spec.TrackSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "snapshot", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Write a track's current database rows to its snapshot CSV, in canonical order, so that the "
        + "dossier can be regenerated without the database.")
final class SnapshotCommand implements Callable<Integer> {
  @ParentCommand private Main main;
  @Spec private CommandSpec spec;
  @Mixin private SourceOptions source;

  @Parameters(paramLabel = "TRACK", description = "The track, e.g. track6.")
  private String track;

  @Override
  public Integer call() {
    TrackSpec trackSpec = new SpecLoader(main.project).load(track);
    if (!source.database(main)) {
      throw DossierException.usage("no database configured: pass --db URL, or set DOSSIER_DB_URL or PGHOST");
    }
    Path file = trackSpec.snapshot().orElseThrow(() -> DossierException.usage(trackSpec.file()
        + ": the spec names no snapshot; add 'snapshot: data/<name>.csv'"));
    main.paths().toWrite(file, SourceOptions.shown(main, file)); // before the database is read
    SourceOptions.Loaded loaded = source.load(trackSpec, main, spec.commandLine().getErr());
    AtomicFile.write(file, SnapshotWriter.write(loaded.rows()));
    PrintWriter out = spec.commandLine().getOut();
    out.println(String.format(java.util.Locale.ROOT, "wrote %s: %d rows from %s, SHA-256 %s",
        SourceOptions.shown(main, file), loaded.rows().size(), loaded.source(), RowsDigest.sha256(loaded.rows())));
    out.flush();
    return 0;
  }
}
