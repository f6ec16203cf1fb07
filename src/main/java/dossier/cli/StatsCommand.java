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
import picocli.CommandLine.Model.CommandSpec;

final class StatsCommand implements Callable<Integer> {
  enum Format { json, text }

  private final Main main;
  final CommandSpec spec;

  StatsCommand(Main main) {
    this.main = main;
    spec = Cli.command(this, "stats", "Print the analysis of a track, or of any sweep without a spec.");
    spec.usageMessage().footerHeading("%nExamples:%n").footer(
        "  dossier stats track6 --format json",
        "  dossier stats --data FILE.csv --baseline NAME [--metric f1_buy] [--factor F] [--run ID]",
        "  dossier stats --db URL --factor F --run ID --baseline NAME");
    SourceOptions.addTo(spec);
    spec.addPositional(Cli.positional(String.class, "TRACK", "0..1", "A track with a spec, e.g. track6."));
    spec.addOption(Cli.option(Path.class, "FILE", "A snapshot CSV to analyse without a spec.", "--data").build());
    spec.addOption(Cli.option(String.class, "NAME", "Without a spec: the baseline variant.", "--baseline").build());
    spec.addOption(Cli.option(String.class, "COLUMN", "Without a spec: the metric compared (default: "
        + "${DEFAULT-VALUE}).", "--metric").defaultValue("f1_buy").build());
    spec.addOption(Cli.option(String.class, "F", "Without a spec: the factor (needed when the rows hold several).",
        "--factor").build());
    spec.addOption(Cli.option(String.class, "ID", "Without a spec: only this run.", "--run").build());
    spec.addOption(Cli.option(Format.class, "<format>", "json or text (default: ${DEFAULT-VALUE}).", "--format")
        .defaultValue("text").build());
  }

  @Override
  public Integer call() {
    SourceOptions source = SourceOptions.of(spec);
    String track = Cli.positional(spec, 0);
    Path data = main.file(Cli.value(spec, "--data"));
    String baseline = Cli.value(spec, "--baseline");
    String metric = Cli.value(spec, "--metric");
    String factor = Cli.value(spec, "--factor");
    String run = Cli.value(spec, "--run");
    Format format = Cli.value(spec, "--format");
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
    PrintWriter out = spec.commandLine().getOut();
    out.print(format == Format.json ? StatsReport.json(name, sourceName, analysis)
        : StatsReport.text(name, sourceName, analysis));
    out.flush();
    return 0;
  }
}
