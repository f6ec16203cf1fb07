package dossier.cli;

import dossier.DossierException;
import dossier.sample.BigSweep;
import dossier.sample.SampleData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "sample-data", mixinStandardHelpOptions = true,
    description = "Regenerate the committed sample sweeps (deterministic) under dossiers/data/.")
final class SampleDataCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Folder to write to (default: dossiers/data; with --big, the project folder, default -C).")
  Path out;

  // Benchmarks (bench/run.sh): synthetic sweeps of any size, each with its spec. Hidden from the help.
  @Option(names = "--big", paramLabel = "VxCxF", hidden = true,
      description = "Write a synthetic sweep of V variants x C cryptos x F folds and its spec "
          + "(DIR/dossiers/data/big-VxCxF.csv, DIR/dossiers/big-VxCxF.yaml); repeatable.")
  List<String> big = new ArrayList<>();

  @Option(names = "--retried", paramLabel = "FRACTION", hidden = true, defaultValue = "0.25",
      description = "With --big: the fraction of cells with an earlier, superseded attempt (default 0.25).")
  double retried;

  @Option(names = "--seed", paramLabel = "N", hidden = true, defaultValue = "" + BigSweep.DEFAULT_SEED,
      description = "With --big: the generator's seed.")
  long seed;

  @Override
  public Integer call() {
    if (!big.isEmpty()) {
      return big();
    }
    Path dir = out != null ? out : main.project.resolve("dossiers").resolve("data");
    SampleData.writeAll(dir);
    spec.commandLine().getOut().println("wrote the sample sweeps to " + dir);
    spec.commandLine().getOut().flush();
    return 0;
  }

  private Integer big() {
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
