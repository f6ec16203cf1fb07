package dossier.cli;

import dossier.DossierException;
import dossier.gates.TrackAnalysis;
import dossier.render.StatsReport;
import dossier.source.Metric;
import dossier.spec.SpecLoader;
import dossier.spec.TrackSpec;
import dossier.stats.BootstrapSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "stats", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "Print the analysis of a track, or of any sweep without a spec.",
    footerHeading = "%nExamples:%n",
    footer = {"  dossier stats track6 --format json",
        "  dossier stats --data FILE.csv --baseline NAME [--metric f1_buy] [--factor F] [--run ID]",
        "  dossier stats --db URL --factor F --run ID --baseline NAME"})
final class StatsCommand implements Callable<Integer> {
  enum Format { json, text }

  @ParentCommand private Main main;
  @Spec private CommandSpec spec;
  @Mixin private SourceOptions source;

  @Parameters(paramLabel = "TRACK", arity = "0..1", description = "A track with a spec, e.g. track6.")
  private String track;

  @Option(names = "--data", paramLabel = "FILE", description = "A snapshot CSV to analyse without a spec.")
  private Path data;

  @Option(names = "--baseline", paramLabel = "NAME", description = "Without a spec: the baseline variant.")
  private String baseline;

  @Option(names = "--metric", paramLabel = "COLUMN", defaultValue = "f1_buy",
      description = "Without a spec: the metric compared (default: ${DEFAULT-VALUE}).")
  private String metric;

  @Option(names = "--factor", paramLabel = "F",
      description = "Without a spec: the factor (needed when the rows hold several).")
  private String factor;

  @Option(names = "--run", paramLabel = "ID", description = "Without a spec: only this run.")
  private String run;

  @Option(names = "--format", paramLabel = "<format>", defaultValue = "text",
      description = "json or text (default: ${DEFAULT-VALUE}).")
  private Format format;

  @Override
  public Integer call() {
    Path data = main.file(this.data);
    PrintWriter err = spec.commandLine().getErr();
    String name;
    String sourceName;
    TrackAnalysis analysis;
    if (track != null) {
      if (data != null || baseline != null) {
        throw DossierException.usage("give a TRACK or --data/--baseline, not both");
      }
      TrackSpec trackSpec = new SpecLoader(main.project).load(track);
      SourceOptions.Loaded loaded = source.load(trackSpec, main, err);
      analysis = TrackAnalysis.of(trackSpec, loaded.rows(), loaded.source());
      name = track;
      sourceName = loaded.source();
    } else {
      if (baseline == null) {
        throw DossierException.usage("give a TRACK, or --baseline NAME with --data FILE or --db URL");
      }
      Metric m = Metric.byColumn(metric).orElseThrow(() -> DossierException.usage(
          "unknown metric '" + metric + "' (known: " + Metric.knownColumns() + ")"));
      SourceOptions.Loaded loaded = source.sweep(data, run, factor, main, err,
          "no rows to analyse: give --data FILE or --db URL");
      sourceName = loaded.source();
      analysis = TrackAnalysis.adhoc(loaded.rows(), sourceName, baseline, m, Optional.ofNullable(factor),
          Optional.ofNullable(run), BootstrapSettings.DEFAULT);
      name = "sweep";
    }
    Pipeline.warnTies(analysis, sourceName, err);
    PrintWriter out = spec.commandLine().getOut();
    out.print(format == Format.json ? StatsReport.json(name, sourceName, analysis)
        : StatsReport.text(name, sourceName, analysis));
    out.flush();
    return 0;
  }
}
