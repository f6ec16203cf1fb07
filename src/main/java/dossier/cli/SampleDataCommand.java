package dossier.cli;

import dossier.DossierException;
import dossier.sample.BigSweep;
import dossier.sample.SampleData;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

final class SampleDataCommand implements Callable<Integer> {
  private final Main main;
  final CommandSpec spec;

  SampleDataCommand(Main main) {
    this.main = main;
    spec = Cli.command(this, "sample-data",
        "Regenerate the committed sample sweeps (deterministic) under dossiers/data/.");
    spec.addOption(Cli.option(Path.class, "DIR",
        "Folder to write to (default: dossiers/data; with --big, the project folder, default -C).", "--out").build());
    // Benchmarks (bench/run.sh): synthetic sweeps of any size, each with its spec. Hidden from the help.
    spec.addOption(Cli.option(List.class, "VxCxF", "Write a synthetic sweep of V variants x C cryptos x F folds and "
        + "its spec (DIR/dossiers/data/big-VxCxF.csv, DIR/dossiers/big-VxCxF.yaml); repeatable.", "--big")
        .auxiliaryTypes(String.class).hidden(true).build());
    spec.addOption(Cli.option(double.class, "FRACTION",
        "With --big: the fraction of cells with an earlier, superseded attempt (default 0.25).", "--retried")
        .defaultValue("0.25").hidden(true).build());
    spec.addOption(Cli.option(long.class, "N", "With --big: the generator's seed.", "--seed")
        .defaultValue(String.valueOf(BigSweep.DEFAULT_SEED)).hidden(true).build());
  }

  @Override
  public Integer call() {
    Path out = main.file(Cli.value(spec, "--out"));
    List<String> big = Cli.value(spec, "--big");
    if (big != null && !big.isEmpty()) {
      return big(big, out, Cli.value(spec, "--retried"), Cli.value(spec, "--seed"));
    }
    Path dir = out != null ? out : main.project.resolve("dossiers").resolve("data");
    SampleData.writeAll(dir);
    spec.commandLine().getOut().println("wrote the sample sweeps to " + dir);
    spec.commandLine().getOut().flush();
    return 0;
  }

  private Integer big(List<String> big, Path out, double retried, long seed) {
    if (!(retried >= 0 && retried <= 1)) {
      throw DossierException.usage("--retried must be a fraction in [0, 1], not " + retried);
    }
    List<BigSweep.Size> sizes = big.stream().map(BigSweep.Size::parse).toList();
    Path project = out != null ? out : main.project;
    for (BigSweep.Size size : sizes) {
      List<Path> written = BigSweep.write(project, size, retried, seed);
      spec.commandLine().getOut().println("wrote " + written.get(0) + " and " + written.get(1) + " ("
          + BigSweep.describe(size, retried) + ")");
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
